package org.socketlab.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One of a {@link SelectorServer}'s loops: a thread and its {@link Selector}, on which it accepts from the shared
 * listening socket and serves the connections it accepted, from their first byte to their close. Everything here
 * but {@link #close()} and {@link #start()} runs on the loop's own thread.
 */
final class SelectorLoop implements AutoCloseable {
    private static final int READ_BYTES = 64 * 1024;
    /** Turns of the loop a connection answered at once is read again before it is registered with the selector. */
    private static final int LOOKS_BEFORE_REGISTERING = 2;
    /**
     * Connections accepted per wake-up at most. Accepting until none waits would never end under load: each client
     * answered inside the loop connects again, and the connections waiting for their clients' close would not be
     * looked at (they grew to the connection limit in half a second).
     */
    private static final int ACCEPTS_PER_WAKE_UP = 64;

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Output log;
    private final Function<String, Conversation> sessions;
    private final Duration idleTimeout;
    private final long idleNanos;
    private final long checkEveryNanos;
    private final AtomicInteger openCount; // shared by the server's loops: the connection limit is the server's
    private final Thread loop;
    private final Set<Connection> open = new HashSet<>();
    /** Channels whose keys were cancelled, closed once the next select has deregistered them. */
    private List<SocketChannel> toClose = new ArrayList<>();
    /**
     * Connections answered at once when accepted, waiting for their client's close without being registered. A
     * client that has its reply closes within microseconds: looking again on the loop's next turn or two costs a
     * read, where registering costs two epoll_ctl calls and the selector's bookkeeping.
     */
    private List<Connection> awaitingClose = new ArrayList<>();
    private final byte[] readBytes = new byte[READ_BYTES];
    private final ByteBuffer readBuffer = ByteBuffer.wrap(readBytes);
    private volatile boolean closing;
    private long acceptAgainAt; // after a failed accept, System.nanoTime to try again
    private long acceptBackoffMillis;

    SelectorLoop(ServerSocketChannel listener, String threadName, Output log, Duration idleTimeout,
            Function<String, Conversation> sessions, AtomicInteger openCount) throws IOException {
        this.listener = listener;
        this.log = log;
        this.sessions = sessions;
        this.idleTimeout = idleTimeout;
        this.idleNanos = idleTimeout.toNanos();
        // Idle connections are looked for a few times per timeout: one is closed at most a quarter late.
        this.checkEveryNanos = Duration.ofMillis(Math.max(10, Math.min(1_000, idleTimeout.toMillis() / 4))).toNanos();
        this.openCount = openCount;
        this.selector = Selector.open();
        try {
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            selector.close();
            throw e;
        }
        this.loop = new Thread(this::run, threadName);
        loop.setDaemon(true);
    }

    void start() {
        loop.start();
    }

    private void run() {
        long nextCheck = System.nanoTime() + checkEveryNanos;
        try {
            while (!closing) {
                List<SocketChannel> deregistering = toClose;
                // Looked at after this turn's select, not at once: their clients get a moment to close.
                List<Connection> awaiting = awaitingClose;
                awaitingClose = new ArrayList<>();
                if (deregistering.isEmpty()) {
                    long untilCheck = Math.max(1, (nextCheck - System.nanoTime()) / 1_000_000);
                    selector.select(this::ready, awaiting.isEmpty() ? untilCheck : 1);
                } else {
                    toClose = new ArrayList<>();
                    selector.selectNow(this::ready);
                    // Closed while registered, the JDK would first ask for SO_LINGER and shut the output down: two
                    // system calls more per connection. Deregistered by the select above, each is simply closed.
                    deregistering.forEach(Closeables::closeQuietly);
                }
                awaiting.forEach(Connection::lookAgain);
                long now = System.nanoTime();
                if (now - nextCheck >= 0) {
                    closeIdle(now);
                    resumeAccepting(now);
                    nextCheck = now + checkEveryNanos;
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            if (!closing) {
                log.printError("the server stopped: " + e);
            }
        } finally {
            new ArrayList<>(open).forEach(connection -> connection.close(null)); // those awaiting a close too
            toClose.forEach(Closeables::closeQuietly);
            Closeables.closeQuietly(selector); // the listener is the server's to close
        }
    }

    private void ready(SelectionKey key) {
        if (key.attachment() instanceof Connection connection) {
            connection.ready(key);
        } else if (key.isValid() && key.isAcceptable()) {
            acceptAll(key);
        }
    }

    /** Under load many connections wait: a batch is taken, and each is read at once (its sentence may be there). */
    private void acceptAll(SelectionKey key) {
        for (int accepted = 0; accepted < ACCEPTS_PER_WAKE_UP; accepted++) {
            SocketChannel channel;
            try {
                channel = listener.accept();
            } catch (IOException e) {
                // A lasting error (out of file descriptors) would otherwise spin the loop and flood the log.
                acceptBackoffMillis = Math.min(1_000, Math.max(10, acceptBackoffMillis * 2));
                log.printError("accept failed: " + e.getMessage() + "; trying again in " + acceptBackoffMillis + " ms");
                acceptAgainAt = System.nanoTime() + acceptBackoffMillis * 1_000_000;
                key.interestOps(0);
                return;
            }
            if (channel == null) {
                acceptBackoffMillis = 0;
                return;
            }
            String client = Endpoints.show(remoteAddress(channel));
            if (openCount.get() >= Limits.MAX_CONNECTIONS) {
                log.printError(client + " refused: already serving " + Limits.MAX_CONNECTIONS + " connections");
                Closeables.closeQuietly(channel);
                continue;
            }
            Connection connection = new Connection(channel, client, sessions.apply(client));
            open.add(connection);
            openCount.incrementAndGet();
            connection.start();
        }
    }

    private void resumeAccepting(long now) {
        if (acceptAgainAt != 0 && now - acceptAgainAt >= 0) {
            acceptAgainAt = 0;
            SelectionKey key = listener.keyFor(selector);
            if (key != null && key.isValid()) {
                key.interestOps(SelectionKey.OP_ACCEPT);
            }
        }
    }

    private void closeIdle(long now) {
        List<Connection> idle = new ArrayList<>();
        for (Connection connection : open) {
            if (now - connection.lastProgress > idleNanos) {
                idle.add(connection);
            }
        }
        for (Connection connection : idle) {
            connection.close(connection.replyWaiting()
                    ? " read nothing of its reply for " + Durations.format(idleTimeout) + "; connection closed"
                    : " sent nothing for " + Durations.format(idleTimeout) + "; connection closed");
        }
    }

    /** One accepted connection: its channel, its session, and the part of its answer not yet written. */
    private final class Connection {
        private final SocketChannel channel;
        private final String client;
        private final Conversation session;
        private final ArrayDeque<ByteBuffer> unsent = new ArrayDeque<>();
        private SelectionKey key;
        private boolean ended;
        private boolean closed;
        private int looksLeft = LOOKS_BEFORE_REGISTERING;
        private long lastProgress = System.nanoTime();

        Connection(SocketChannel channel, String client, Conversation session) {
            this.channel = channel;
            this.client = client;
            this.session = session;
        }

        void start() {
            try {
                channel.configureBlocking(false);
                if (readAll() > 0 && !closed && unsent.isEmpty()) {
                    awaitingClose.add(this); // answered: its client closes next
                } else {
                    register();
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        /** Reads again; still answered and open, it waits another turn, or after its last one is registered. */
        void lookAgain() {
            if (closed) {
                return;
            }
            try {
                readAll();
                if (!closed && (--looksLeft > 0 && unsent.isEmpty())) {
                    awaitingClose.add(this);
                } else {
                    register();
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        private void register() throws IOException {
            if (!closed) {
                key = channel.register(selector, unsent.isEmpty() ? SelectionKey.OP_READ : SelectionKey.OP_WRITE, this);
            }
        }

        void ready(SelectionKey readyKey) {
            try {
                if (readyKey.isValid() && readyKey.isWritable()) {
                    writeUnsent();
                }
                if (readyKey.isValid() && readyKey.isReadable()) {
                    readAll();
                }
            } catch (IOException e) {
                fail(e);
            }
        }

        boolean replyWaiting() {
            return !unsent.isEmpty();
        }

        /**
         * Reads until the client's end of stream, the reply backs up, or a read that did not fill the buffer (what
         * was there has been read: the selector says when more comes, without one more read to hear it is empty).
         */
        private int readAll() throws IOException {
            int read = 0;
            while (unsent.isEmpty() && !ended) {
                readBuffer.clear();
                int count = channel.read(readBuffer);
                if (count == 0) {
                    return read;
                }
                read += Math.max(0, count);
                lastProgress = System.nanoTime();
                if (count < 0) {
                    ended = true;
                    send(session.ended());
                } else {
                    send(session.received(readBytes, count));
                    if (count < READ_BYTES) {
                        break;
                    }
                }
            }
            finishIfDone();
            return read;
        }

        private void send(byte[] answer) throws IOException {
            if (answer.length == 0) {
                return;
            }
            ByteBuffer buffer = ByteBuffer.wrap(answer);
            if (unsent.isEmpty()) {
                channel.write(buffer);
            }
            if (buffer.hasRemaining()) {
                unsent.add(buffer);
                if (key != null) {
                    key.interestOps(SelectionKey.OP_WRITE); // no more reading until the client takes its reply
                }
            }
        }

        private void writeUnsent() throws IOException {
            while (!unsent.isEmpty()) {
                ByteBuffer next = unsent.peek();
                if (channel.write(next) > 0) {
                    lastProgress = System.nanoTime();
                }
                if (next.hasRemaining()) {
                    return;
                }
                unsent.poll();
            }
            if (!ended) {
                key.interestOps(SelectionKey.OP_READ);
            }
            finishIfDone();
        }

        private void finishIfDone() {
            if (ended && unsent.isEmpty() && !closed) {
                session.finished();
                close(null);
            }
        }

        private void fail(IOException e) {
            String message = String.valueOf(e.getMessage());
            close(message.contains("reset") ? " reset the connection"
                    : message.contains("Broken pipe") ? " closed the connection before the reply was sent"
                    : " connection failed: " + message);
        }

        /** Closes the connection; with a reason, and unless the server is closing, logs it. */
        void close(String reason) {
            if (closed) {
                return;
            }
            closed = true;
            open.remove(this);
            openCount.decrementAndGet();
            if (key != null) {
                key.cancel();
                toClose.add(channel);
            } else {
                Closeables.closeQuietly(channel);
            }
            if (reason != null && !closing) {
                log.printError(client + reason);
            }
        }
    }

    private static InetSocketAddress remoteAddress(SocketChannel channel) {
        try {
            return (InetSocketAddress) channel.getRemoteAddress();
        } catch (IOException e) {
            return new InetSocketAddress(0);
        }
    }

    /** Stops the loop: it closes its connections and its selector. Waits up to 5 s for its thread to end. */
    @Override
    public void close() {
        closing = true;
        selector.wakeup();
        if (Thread.currentThread() != loop) {
            try {
                loop.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
