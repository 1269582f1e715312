package org.socketlab.net;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP server that serves every connection on its own thread, so a client that connects and sends nothing
 * delays nobody (the seed's iterative server serves one client at a time). It closes connections idle for
 * longer than the idle timeout (sending nothing, or not reading what it writes) and refuses more than {@link Limits#MAX_CONNECTIONS} at once, with one log
 * line each. The uppercase server, the line server and the proxy are each a {@link Handler} on it.
 *
 * <p>{@link #close()} stops accepting, closes every open connection and waits for their threads.
 */
public final class StreamServer implements AutoCloseable {
    /** Serves one accepted connection; the server closes the socket afterwards. */
    @FunctionalInterface
    public interface Handler {
        void serve(Socket connection, String client) throws IOException;
    }

    private final ServerSocket listener;
    private final Output log;
    private final Handler handler;
    private final Duration idleTimeout;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService workers;
    private final Thread acceptor;
    private final ScheduledExecutorService stalledWrites;

    private StreamServer(ServerSocket listener, String name, Output log, Handler handler, Duration idleTimeout) {
        this.listener = listener;
        this.log = log;
        this.handler = handler;
        this.idleTimeout = idleTimeout;
        String prefix = name + "-" + listener.getLocalPort();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, prefix + "-connection-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, prefix + "-accept");
        acceptor.setDaemon(true);
        this.stalledWrites = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, prefix + "-stalled-writes");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Binds the address (port 0: any free port) and starts accepting. The ready line is printed before the
     * first connection is accepted, so a caller that saw it can connect.
     */
    public static StreamServer start(String name, InetSocketAddress bindAddress, Output log, String readyLine,
            Duration idleTimeout, Handler handler) throws LabException {
        ServerSocket listener;
        try {
            listener = new WriteTimingServerSocket();
            listener.bind(bindAddress, Limits.ACCEPT_BACKLOG);
        } catch (IOException e) {
            throw Endpoints.bindFailure(bindAddress, Transport.TCP, e);
        }
        StreamServer server = new StreamServer(listener, name, log, handler, idleTimeout);
        log.println(readyLine.replace("{port}", String.valueOf(server.port())));
        server.acceptor.start();
        long period = Math.max(10, Math.min(1_000, idleTimeout.toMillis() / 4));
        server.stalledWrites.scheduleAtFixedRate(server::closeStalledWriters, period, period, TimeUnit.MILLISECONDS);
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    /** Connections being served now. */
    public int openConnections() {
        return open.size();
    }

    private void acceptLoop() {
        long backoffMillis = 0;
        while (!listener.isClosed()) {
            Socket connection;
            try {
                connection = listener.accept();
                backoffMillis = 0;
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    // A lasting error (out of file descriptors) would otherwise spin a core and flood the log.
                    backoffMillis = Math.min(1_000, Math.max(10, backoffMillis * 2));
                    log.printError("accept failed: " + e.getMessage() + "; trying again in " + backoffMillis + " ms");
                    pause(backoffMillis);
                }
                continue;
            }
            String client = Endpoints.show((InetSocketAddress) connection.getRemoteSocketAddress());
            if (open.size() >= Limits.MAX_CONNECTIONS) {
                log.printError(client + " refused: already serving " + Limits.MAX_CONNECTIONS + " connections");
                Closeables.closeQuietly(connection);
                continue;
            }
            open.add(connection);
            try {
                workers.execute(() -> serve(connection, client));
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                open.remove(connection);
                Closeables.closeQuietly(connection);
            }
        }
    }

    private void serve(Socket connection, String client) {
        try (connection) {
            connection.setSoTimeout((int) idleTimeout.toMillis());
            handler.serve(connection, client);
        } catch (SocketTimeoutException e) {
            log.printError(client + " sent nothing for " + Durations.format(idleTimeout) + "; connection closed");
        } catch (SocketException e) {
            if (connection instanceof WriteTimedSocket timed && timed.closedForStalling()) {
                log.printError(client + " read nothing of its reply for " + Durations.format(idleTimeout)
                        + "; connection closed");
            } else if (!listener.isClosed()) {
                log.printError(client + " " + describe(e));
            }
        } catch (IOException | RuntimeException e) {
            if (!listener.isClosed()) {
                log.printError(client + ": " + e);
            }
        } finally {
            open.remove(connection);
        }
    }

    /**
     * The idle timeout covers reads only (a socket has no send timeout): a client that sends and never reads its
     * reply would hold its thread in write() for good. This closes a connection whose write has waited longer.
     */
    private void closeStalledWriters() {
        long now = System.nanoTime();
        for (Socket connection : open) {
            if (connection instanceof WriteTimedSocket timed && timed.writingSince(now).compareTo(idleTimeout) > 0) {
                timed.closeForStalling();
            }
        }
    }

    /** Accepts {@link WriteTimedSocket}s. */
    private static final class WriteTimingServerSocket extends ServerSocket {
        WriteTimingServerSocket() throws IOException {
        }

        @Override
        public Socket accept() throws IOException {
            WriteTimedSocket socket = new WriteTimedSocket();
            implAccept(socket);
            return socket;
        }
    }

    /** A socket that knows how long its current write has been waiting. */
    private static final class WriteTimedSocket extends Socket {
        private static final long NOT_WRITING = Long.MIN_VALUE;
        private volatile long writeStarted = NOT_WRITING;
        private volatile boolean closedForStalling;
        private OutputStream timed; // guarded by this

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (timed == null) {
                timed = new FilterOutputStream(super.getOutputStream()) {
                    @Override
                    public void write(byte[] bytes, int offset, int length) throws IOException {
                        writeStarted = System.nanoTime();
                        try {
                            out.write(bytes, offset, length);
                        } finally {
                            writeStarted = NOT_WRITING;
                        }
                    }

                    @Override
                    public void write(int oneByte) throws IOException {
                        write(new byte[] {(byte) oneByte}, 0, 1);
                    }
                };
            }
            return timed;
        }

        Duration writingSince(long now) {
            long started = writeStarted;
            return started == NOT_WRITING ? Duration.ZERO : Duration.ofNanos(now - started);
        }

        boolean closedForStalling() {
            return closedForStalling;
        }

        void closeForStalling() {
            closedForStalling = true;
            Closeables.closeQuietly(this);
        }
    }

    private static String describe(SocketException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("reset")) {
            return "reset the connection";
        }
        if (message.contains("Broken pipe")) {
            return "closed the connection before the reply was sent";
        }
        return "connection failed: " + message;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops accepting, closes every open connection, and waits for the threads to end. The acceptor is joined
     * before connections are closed, so one it accepted at the last moment is closed too.
     */
    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // The listener is gone either way.
        }
        stalledWrites.shutdownNow();
        try {
            acceptor.join(5_000);
            open.forEach(Closeables::closeQuietly);
            workers.shutdown();
            workers.awaitTermination(5, TimeUnit.SECONDS);
            stalledWrites.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
