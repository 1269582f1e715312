package org.socketlab.net;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A TCP server on {@link Selector} loops ({@link SelectorLoop}), one per core up to {@link #MAX_LOOPS}: each accepts
 * from the one listening socket, reads, answers and closes its connections without a thread for each, so a
 * connection costs the server a handful of system calls and no hand-off between threads (a thread per connection
 * cost about twice the CPU per connection, BENCHMARKS.md), and a thousand silent clients cost it nothing but their
 * sockets. What a connection says is answered by its {@link Conversation}.
 *
 * <p>Like {@link StreamServer}, it closes a connection that sends nothing for the idle timeout, or whose reply
 * waits that long for the client to read it, and refuses more than {@link Limits#MAX_CONNECTIONS} at once, with one
 * log line each. While a reply waits to be written, the connection is not read: a client that sends and never
 * reads holds a bounded amount of the server's memory.
 *
 * <p>{@link #close()} stops accepting, closes every open connection and waits for the loops' threads to end.
 */
final class SelectorServer implements AutoCloseable {
    /**
     * Loops at most. One: on the lab's 2-core machine two loops cost more CPU per connection (51–63 µs against
     * 44–59, both waking for each new connection) and answered no more (BENCHMARKS.md); a machine with cores to
     * spare may want more.
     */
    static final int MAX_LOOPS = 1;

    private final ServerSocketChannel listener;
    private final List<SelectorLoop> loops;
    private final AtomicInteger openCount;

    private SelectorServer(ServerSocketChannel listener, List<SelectorLoop> loops, AtomicInteger openCount) {
        this.listener = listener;
        this.loops = loops;
        this.openCount = openCount;
    }

    /**
     * Binds the address (port 0: any free port) and starts serving. The ready line is printed before the first
     * connection is accepted, so a caller that saw it can connect.
     *
     * @param sessions a new {@link Conversation} for each accepted connection, given the client's address as shown
     */
    static SelectorServer start(String name, InetSocketAddress bindAddress, Output log, String readyLine,
            Duration idleTimeout, Function<String, Conversation> sessions) throws LabException {
        ServerSocketChannel listener = null;
        List<SelectorLoop> loops = new ArrayList<>();
        AtomicInteger openCount = new AtomicInteger();
        try {
            // An IPv4 address gets an IPv4 socket, not the JDK's dual-stack IPv6 one: the kernel's IPv6 paths for
            // IPv4-mapped connections (address lookups, multicast clean-up at close) are work for each connection.
            listener = bindAddress.getAddress() instanceof Inet4Address
                    ? ServerSocketChannel.open(StandardProtocolFamily.INET) : ServerSocketChannel.open();
            listener.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            listener.bind(bindAddress, Limits.ACCEPT_BACKLOG);
            listener.configureBlocking(false);
            int count = Math.max(1, Math.min(MAX_LOOPS, Runtime.getRuntime().availableProcessors()));
            String prefix = name + "-" + listener.socket().getLocalPort() + "-selector-";
            for (int i = 1; i <= count; i++) {
                loops.add(new SelectorLoop(listener, prefix + i, log, idleTimeout, sessions, openCount));
            }
        } catch (IOException e) {
            loops.forEach(SelectorLoop::close);
            Closeables.closeQuietly(listener);
            throw Endpoints.bindFailure(bindAddress, Transport.TCP, e);
        }
        SelectorServer server = new SelectorServer(listener, loops, openCount);
        log.println(readyLine.replace("{port}", String.valueOf(server.port())));
        loops.forEach(SelectorLoop::start);
        return server;
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    /** Connections being served now. */
    int openConnections() {
        return openCount.get();
    }

    /** Stops accepting, closes every open connection, and waits for the loops' threads to end. */
    @Override
    public void close() {
        loops.forEach(SelectorLoop::close);
        Closeables.closeQuietly(listener);
    }
}
