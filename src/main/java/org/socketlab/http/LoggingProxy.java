package org.socketlab.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.socketlab.model.HttpExchange;
import org.socketlab.net.Closeables;
import org.socketlab.net.LabException;
import org.socketlab.net.Limits;
import org.socketlab.net.Output;
import org.socketlab.net.StreamServer;

/**
 * Part 2's proxy done properly: an HTTP/1.1 proxy that prints every request exactly as received (request line
 * and headers), forwards it, and prints the response's status line and caching headers (ETag, Last-Modified,
 * Cache-Control, Date, Age, Expires). It relays bodies byte for byte (Content-Length, chunked, or until close),
 * keeps client connections alive across requests, turns absolute-form targets ({@code GET http://lab.test/x})
 * into origin-form ({@code GET /x}) for the origin, and tunnels {@code CONNECT host:port}, logging only the host
 * and port. Which hosts it forwards to is its {@link Routes}: any in open mode, only the mapped ones in lab mode.
 *
 * <p>Every request gets a clear answer: 400 for a malformed request line or headers or a missing Host, 403 for a
 * host lab mode does not forward, 431 for a header block over {@link Limits#HEADER_BLOCK_BYTES}, 502 when the
 * origin is unreachable or its response is broken before it started, 504 when the origin does not answer in time.
 * A response that breaks after it started is cut by closing the client's connection, so the client sees it is
 * incomplete. A client that disconnects mid-request costs one log line. Other clients are never affected: it runs
 * on {@link StreamServer}, one thread per connection, with its idle timeout and connection limit.
 *
 * <p>Each request also becomes an {@link HttpExchange} for the listener, delivered on the connection's thread
 * once the response has been relayed (for CONNECT: once the tunnel is open). It is tagged with the load set by
 * {@link #startLoad}. Thread-safe. {@link #close()} stops accepting and closes every connection, both sides.
 */
public final class LoggingProxy implements AutoCloseable {
    private final Routes routes;
    private final Output log;
    private final Consumer<HttpExchange> listener;
    private final LongSupplier clock;
    private final Duration idleTimeout;
    private final Duration connectTimeout;
    private final AtomicReference<Tag> tag = new AtomicReference<>(new Tag(0, null));
    private final Set<Socket> upstreams = ConcurrentHashMap.newKeySet();
    private final Object idle = new Object();
    private int inFlight;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final StreamServer server;

    /** Binds and starts accepting. */
    private LoggingProxy(Builder builder) throws LabException {
        this.routes = builder.routes;
        this.log = builder.log;
        this.listener = builder.listener;
        long start = System.nanoTime();
        this.clock = builder.clock != null ? builder.clock : () -> (System.nanoTime() - start) / 1_000_000;
        this.idleTimeout = builder.idleTimeout;
        this.connectTimeout = builder.connectTimeout;
        String ready = "Proxy listening on " + builder.bind.getAddress().getHostAddress() + ":{port} ("
                + routes.describe() + ")";
        // A connection can be served before this constructor returns, so ProxyConnection must not use server:
        // every other field is set, and visible to the connection's thread, since the server starts after them.
        this.server = StreamServer.start("proxy", builder.bind, log, ready, idleTimeout,
                (connection, client) -> new ProxyConnection(this, connection, client).serve());
    }

    /** A proxy with these routes, listening on 127.0.0.1 and a free port unless told otherwise. */
    public static Builder builder(Routes routes) {
        return new Builder(routes);
    }

    /** The port it listens on (the real one when bound to port 0). */
    public int port() {
        return server.port();
    }

    /** The address it listens on, for a client's proxy setting. */
    public InetSocketAddress address() {
        return server.address();
    }

    public Routes routes() {
        return routes;
    }

    /**
     * Tags the exchanges of requests read from now on with this page load number and client name (the client
     * field of {@link HttpExchange}); until called, load is 0 and the client is the connection's address.
     */
    public void startLoad(int load, String client) {
        tag.set(new Tag(load, client));
    }

    /**
     * Waits until no request is being handled, so a load's last exchange has reached the listener after its client
     * finished: a client can read the last response byte before the proxy's thread delivers the exchange.
     *
     * @return false if requests were still in flight when the timeout ran out
     */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (inFlight > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                idle.wait(left);
            }
            return true;
        }
    }

    /** Stops accepting and closes every connection, the origin sides included. Runs once: later calls return. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        // Close the origin sides first: a thread waiting on an origin would otherwise hold close() for its timeout.
        upstreams.forEach(Closeables::closeQuietly);
        server.close();
    }

    // ----- for ProxyConnection and the classes it hands work to (ClientEnd, RequestForwarder, Upstream) -----

    record Tag(int load, String client) {
    }

    Tag tag() {
        return tag.get();
    }

    long now() {
        return clock.getAsLong();
    }

    Output log() {
        return log;
    }

    Duration idleTimeout() {
        return idleTimeout;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    /** Counts a request as being handled until the returned handle closes (closing twice counts once). */
    InFlight begin() {
        synchronized (idle) {
            inFlight++;
        }
        return new InFlight();
    }

    final class InFlight implements AutoCloseable {
        private boolean done;

        @Override
        public void close() {
            synchronized (idle) {
                if (!done) {
                    done = true;
                    inFlight--;
                    idle.notifyAll();
                }
            }
        }
    }

    void deliver(HttpExchange exchange) {
        try {
            listener.accept(exchange);
        } catch (RuntimeException e) {
            // A failing listener must not cost the client its connection.
            log.printError("exchange listener failed on " + exchange.requestLine() + ": " + e);
        }
    }

    /** A socket to an origin, closed by {@link #close()} if still open then. */
    Socket openUpstream() throws SocketException {
        Socket socket = new Socket();
        upstreams.add(socket);
        if (closing.get()) {
            Closeables.closeQuietly(socket);
            throw new SocketException("the proxy is closing");
        }
        return socket;
    }

    void closeUpstream(Socket socket) {
        upstreams.remove(socket);
        Closeables.closeQuietly(socket);
    }

    /** How a proxy is set up; {@link #start()} binds it. */
    public static final class Builder {
        private final Routes routes;
        private InetSocketAddress bind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private Output log = Silent.OUTPUT;
        private Consumer<HttpExchange> listener = exchange -> { };
        private LongSupplier clock;
        private Duration idleTimeout = Limits.IDLE_TIMEOUT;
        private Duration connectTimeout = Limits.PROXY_CONNECT_TIMEOUT;

        private Builder(Routes routes) {
            this.routes = Objects.requireNonNull(routes, "routes");
        }

        /** Where to listen; default 127.0.0.1 port 0 (any free port: automated tests should always use 0). */
        public Builder bind(InetSocketAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Where the requests, responses and problems are printed; default nowhere. */
        public Builder log(Output output) {
            this.log = Objects.requireNonNull(output, "output");
            return this;
        }

        /** Receives each exchange (e.g. {@code recorder::http}), on the connection's thread. */
        public Builder onExchange(Consumer<HttpExchange> exchangeListener) {
            this.listener = Objects.requireNonNull(exchangeListener, "exchangeListener");
            return this;
        }

        /** The clock for {@link HttpExchange#atMillis()} (e.g. {@code recorder::now}); default: since start. */
        public Builder clock(LongSupplier millis) {
            this.clock = Objects.requireNonNull(millis, "millis");
            return this;
        }

        /** How long a connection may stay silent before it is closed; default {@link Limits#IDLE_TIMEOUT}. */
        public Builder idleTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout (" + timeout + ") must be positive");
            }
            this.idleTimeout = timeout;
            return this;
        }

        /** How long to wait for an origin to accept; default {@link Limits#PROXY_CONNECT_TIMEOUT}. */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout (" + timeout + ") must be positive");
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Binds and starts accepting; prints {@code Proxy listening on 127.0.0.1:PORT (lab mode: ...)} first.
         *
         * @throws LabException when the address cannot be bound (port in use, not allowed)
         */
        public LoggingProxy start() throws LabException {
            return new LoggingProxy(this);
        }
    }

    /** An output that drops everything, for callers that do not want the log. */
    enum Silent implements Output {
        OUTPUT;

        @Override
        public void println(String line) {
        }

        @Override
        public void printError(String line) {
        }
    }
}
