package org.socketlab.wire;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The few libc calls Java has no API for: moving one thread into a network namespace. Linux only. */
interface Libc extends Library {
    int O_RDONLY = 0;
    int CLONE_NEWNET = 0x40000000;

    Libc C = Native.load("c", Libc.class);

    int open(String path, int flags);

    int close(int fd);

    /** Moves the calling thread (not the process) into the namespace the file descriptor names. */
    int setns(int fd, int type);
}
