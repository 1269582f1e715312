package org.socketlab.programs;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A pseudo-terminal, opened through libc (Linux). This JVM keeps the master end; a child gets the slave end,
 * {@link #slave()} (e.g. {@code /dev/pts/7}), as its standard input and output by path, so for it
 * {@code isatty()} is true: its stdio is line-buffered and its prompts appear at once, as on a student's screen.
 *
 * <p>The terminal keeps the kernel's defaults, as a real one: the typed line is echoed (ECHO), handed over a line at
 * a time (canonical mode, at most 4095 bytes a line) and every {@code "\n"} the program writes reaches the master as
 * {@code "\r\n"} (ONLCR). Once the program and everything else holding the slave have closed it, reading the master
 * fails with EIO: that is the end of the output.
 *
 * <p>One thread reads ({@link #read}), others may {@link #write}; {@link #close()} waits for a read in progress to
 * return, so the descriptor is never closed under it.
 */
final class Pty implements AutoCloseable {
    /** How long one {@link #read} waits for output before returning 0, so a reader can notice {@link #close()}. */
    static final Duration POLL = Duration.ofMillis(50);

    private static final int O_RDWR = 2;
    private static final int O_NOCTTY = 0400;
    /** Close-on-exec: another child forked by a library that does not close descriptors gets no copy. */
    private static final int O_CLOEXEC = 02000000;
    private static final short POLLIN = 1;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final byte END_OF_FILE = 4; // VEOF, Ctrl-D, the terminal's default

    /** The libc calls Java has no API for. */
    interface LibC extends Library {
        LibC C = Native.load("c", LibC.class);

        int posix_openpt(int flags);

        int grantpt(int fd);

        int unlockpt(int fd);

        int ptsname_r(int fd, byte[] buffer, long length);

        int open(String path, int flags);

        long read(int fd, byte[] buffer, long count);

        long write(int fd, byte[] buffer, long count);

        int poll(PollFd fd, long count, int timeoutMillis);

        int close(int fd);

        int getsid(int pid);

        int getpid();
    }

    /** {@code struct pollfd}, for one descriptor. */
    @Structure.FieldOrder({"fd", "events", "revents"})
    public static final class PollFd extends Structure {
        public int fd;
        public short events;
        public short revents;
    }

    private final Object reading = new Object();
    private final Path slave;
    private volatile int master;
    private long bytesRead; // guarded by reading
    private int writing; // writes in progress; guarded by reading
    private int closeAfterWrites = -1; // the descriptor close() left to the last write in progress; guarded by reading

    private Pty(int master, Path slave) {
        this.master = master;
        this.slave = slave;
    }

    /** A new pseudo-terminal; the slave has not been opened yet. */
    static Pty open() throws IOException {
        keepThisJvmFromAdoptingATerminal();
        int fd = LibC.C.posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            throw new IOException("could not open a pseudo-terminal: posix_openpt failed, " + errno());
        }
        byte[] name = new byte[128];
        if (LibC.C.grantpt(fd) != 0 || LibC.C.unlockpt(fd) != 0 || LibC.C.ptsname_r(fd, name, name.length) != 0) {
            String why = errno();
            LibC.C.close(fd);
            throw new IOException("could not set up a pseudo-terminal: " + why);
        }
        return new Pty(fd, Path.of(Native.toString(name, StandardCharsets.US_ASCII.name())));
    }

    /** The slave end's path, for the child's standard input and output (or its standard error). */
    Path slave() {
        return slave;
    }

    /**
     * Reads what the program wrote, waiting at most {@link #POLL}: the number of bytes read, 0 if none came, -1 at
     * the end of the output (every holder of the slave has closed it) or once this terminal is closed.
     */
    int read(byte[] buffer) {
        int fd = master;
        if (fd < 0) {
            return -1;
        }
        // The wait is outside the lock, so drained() never waits for it. Should close() win the race, this polls
        // a closed (or reused) descriptor for a moment, and the read below sees the close and reads nothing.
        boolean ready = poll(fd, (int) POLL.toMillis());
        synchronized (reading) {
            if (master < 0) {
                return -1;
            }
            if (!ready) {
                return 0;
            }
            long n = LibC.C.read(fd, buffer, buffer.length);
            if (n > 0) {
                bytesRead += n;
                return (int) n;
            }
            int errno = Native.getLastError();
            if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
                return 0;
            }
            // 0, or EIO once the slave is closed everywhere: the program's output is over.
            return -1;
        }
    }

    /**
     * Whether everything the program wrote has been read and handled: nothing waits in the terminal, and the
     * reader has handled ({@code handled}, its own count) every byte {@link #read} returned.
     */
    boolean drained(long handled) {
        synchronized (reading) {
            return master < 0 || bytesRead == handled && !poll(master, 0);
        }
    }

    private static boolean poll(int fd, int timeoutMillis) {
        PollFd poll = new PollFd();
        poll.fd = fd;
        poll.events = POLLIN;
        // Readable, or hung up (then read says EIO); an interrupted wait (EINTR) counts as nothing yet.
        return LibC.C.poll(poll, 1, timeoutMillis) > 0;
    }

    /**
     * Types bytes as from a keyboard; blocks while the terminal's input buffer is full. A {@link #close()} meanwhile
     * leaves the descriptor open until this write returns, so no write ever reaches a descriptor number reused since.
     */
    void write(byte[] bytes) throws IOException {
        int fd;
        synchronized (reading) {
            fd = master;
            if (fd < 0) {
                throw new IOException("the terminal " + slave + " is closed");
            }
            writing++;
        }
        try {
            int done = 0;
            while (done < bytes.length) {
                byte[] rest = done == 0 ? bytes : Arrays.copyOfRange(bytes, done, bytes.length);
                long n = LibC.C.write(fd, rest, rest.length);
                if (n < 0 && Native.getLastError() != EINTR) {
                    throw new IOException("could not write to the terminal " + slave + ": " + errno());
                }
                done += (int) Math.max(n, 0);
            }
        } finally {
            synchronized (reading) {
                if (--writing == 0 && closeAfterWrites >= 0) {
                    LibC.C.close(closeAfterWrites);
                    closeAfterWrites = -1;
                }
            }
        }
    }

    /** Types Ctrl-D: at the start of a line the program reads end-of-file, as from a person's terminal. */
    void writeEndOfFile() throws IOException {
        write(new byte[] {END_OF_FILE});
    }

    /**
     * Closes the master end; idempotent. A program still holding the slave gets a hang-up. A write in progress (one
     * blocked on a full input buffer) keeps the descriptor until it returns: when the program is gone, at the latest
     * (its end closes the slave, and the write fails).
     */
    @Override
    public void close() {
        int fd = master;
        master = -1; // a read in progress returns -1 next time; writes fail from now on
        synchronized (reading) {
            if (fd >= 0 && writing > 0) {
                closeAfterWrites = fd;
            } else if (fd >= 0) {
                LibC.C.close(fd);
            }
        }
    }

    private static String errno() {
        int errno = Native.getLastError();
        return "errno " + errno;
    }

    private static boolean checkedSession;

    /**
     * A session leader with no controlling terminal (a JVM started by {@code setsid}, or the first process of a
     * container run without {@code -t}) adopts the first terminal it opens for reading without O_NOCTTY as its
     * own, and ProcessBuilder opens the slave so. Closing that terminal's master later would send this JVM SIGHUP
     * and end it. So such a JVM first adopts a terminal of its own, which it keeps open until it exits; later
     * slaves are then never adopted. Any other JVM is left as it is.
     */
    private static synchronized void keepThisJvmFromAdoptingATerminal() throws IOException {
        if (checkedSession) {
            return;
        }
        checkedSession = true;
        if (LibC.C.getsid(0) != LibC.C.getpid()) {
            return;
        }
        int tty = LibC.C.open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (tty >= 0) {
            LibC.C.close(tty); // it has a controlling terminal already: nothing will be adopted
            return;
        }
        int master = LibC.C.posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
        byte[] name = new byte[128];
        if (master < 0 || LibC.C.grantpt(master) != 0 || LibC.C.unlockpt(master) != 0
                || LibC.C.ptsname_r(master, name, name.length) != 0
                || LibC.C.open(Native.toString(name, StandardCharsets.US_ASCII.name()), O_RDWR | O_CLOEXEC) < 0) {
            throw new IOException("this JVM leads its session without a terminal and could not give itself one "
                    + "(" + errno() + "); a program on a pseudo-terminal would end it with SIGHUP");
        }
        // Both descriptors stay open on purpose, for the life of the JVM.
    }
}
