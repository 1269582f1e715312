package org.socketlab.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/** What socket tests on 127.0.0.1 share: addresses, a port where nothing listens, and thread bookkeeping. */
public final class Loopback {
    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** 127.0.0.1 with port 0: the system picks a free port, which the server then reports. */
    public static InetSocketAddress anyPort() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }

    /**
     * A port where nothing listens right now: bound on port 0 and closed again. Another process could take it in
     * between, which on a test machine is unlikely enough.
     */
    public static int freePort(Transport transport) {
        try {
            if (transport == Transport.UDP) {
                try (DatagramSocket socket = new DatagramSocket(anyPort())) {
                    return socket.getLocalPort();
                }
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(anyPort());
                return socket.getLocalPort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The threads alive now. */
    public static Set<Thread> liveThreads() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /**
     * Waits (by joining, up to the timeout in all) for every thread started since {@code before} to end, and
     * returns the names of those still alive: empty when nothing was left behind.
     */
    public static List<String> threadsLeftSince(Set<Thread> before, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Thread> started = new ArrayList<>(liveThreads());
        started.removeAll(before);
        for (Thread thread : started) {
            long leftMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            thread.join(leftMillis);
        }
        return started.stream().filter(Thread::isAlive).map(Thread::getName).sorted()
                .collect(Collectors.toList());
    }

    /** Polls the condition until it holds or the timeout ends; true if it held. */
    public static boolean eventually(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10); // a poll interval, not a wait for something to happen: the loop is bounded
        }
        return true;
    }
}
