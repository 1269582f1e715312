package org.socketlab.bench;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.atomic.LongAdder;
import org.socketlab.net.Closeables;
import org.socketlab.net.Durations;
import org.socketlab.net.Transport;
import org.socketlab.net.Uppercase;

/**
 * Drives an uppercase server with many clients at once and measures it, in the spirit of {@code redis-benchmark}.
 *
 * <p>Each of {@link BenchConfig#clients()} threads does one exchange after another and checks every reply against
 * the upper-cased message:
 * <ul>
 *   <li>TCP, as the seed's client: connect, send the message, read, close. It reads until the reply is as long as
 *       the expected one or the server closes, whichever comes first, so it needs no half-close and works both with
 *       the seed's Python server (one {@code recv(1024)}, reply, close) and with the Java server (which streams the
 *       reply and closes after the client does). On the Java server the client closes first, so its ports go to
 *       TIME_WAIT: {@code BENCHMARKS.md} says why that does not run out on loopback.</li>
 *   <li>UDP: send one datagram, wait for the reply (none within the timeout is an error). Each thread keeps one
 *       socket, not connected (as the seed's), and replaces it after a failure, so a late reply cannot pass for the
 *       next one.</li>
 * </ul>
 *
 * <p>Calls block without a socket timeout; a {@link Watchdog} closes an exchange that runs past the timeout. (A
 * socket timeout makes the JDK poll before every read, and the client's cost comes out of the same two cores the
 * server runs on.) {@link #run} blocks for about warm-up plus duration.
 */
public final class LoadGenerator {
    private static final int MAX_WRONG_SHOWN = 200;

    private final BenchConfig config;
    private final ByteBuffer request;
    private final ByteBuffer expected;
    private final LongAdder errors = new LongAdder();
    private final LongAdder wrongReplies = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private final AtomicReference<String> firstWrong = new AtomicReference<>();
    private final AtomicLong firstRight = new AtomicLong(-1); // nanoseconds of the first right exchange
    private final ProcessHandle server;

    private LoadGenerator(BenchConfig config, ProcessHandle server) {
        this.config = config;
        this.server = server;
        this.request = direct(config.message().getBytes(StandardCharsets.UTF_8));
        this.expected = direct(Uppercase.of(config.message()).getBytes(StandardCharsets.UTF_8));
    }

    /** Runs the benchmark and returns what it measured. Failed exchanges are counted, never thrown. */
    public static BenchResult run(BenchConfig config) throws InterruptedException {
        return new LoadGenerator(config, null).run();
    }

    /**
     * Runs the benchmark, and also measures the CPU time the server's process spends in the window (it must run on
     * this machine; its figure is left out when it cannot be read).
     */
    public static BenchResult run(BenchConfig config, ProcessHandle server) throws InterruptedException {
        return new LoadGenerator(config, server).run();
    }

    private BenchResult run() throws InterruptedException {
        List<SocketChannel> idle = openIdleConnections();
        try (Watchdog watchdog = Watchdog.start(config.timeout())) {
            return measure(idle, watchdog);
        } finally {
            idle.forEach(Closeables::closeQuietly);
        }
    }

    private BenchResult measure(List<SocketChannel> idle, Watchdog watchdog) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(config.clients());
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2]; // measure from, until (System.nanoTime); written before go opens
        List<Latencies> perClient = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < config.clients(); i++) {
            Latencies latencies = new Latencies();
            perClient.add(latencies);
            Watchdog.Slot slot = watchdog.newSlot();
            Thread thread = new Thread(() -> {
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                clientLoop(slot, window[0], window[1], latencies);
            }, "bench-client-" + (i + 1));
            threads.add(thread);
            thread.start();
        }
        ready.await();
        window[0] = System.nanoTime() + config.warmup().toNanos();
        window[1] = window[0] + config.duration().toNanos();
        go.countDown(); // happens-before: the client threads see window[] as written above
        CpuTime.Start cpuFrom = atTime(window[0], () -> new CpuTime.Start(server));
        CpuTime cpu = atTime(window[1], cpuFrom::until);
        for (Thread thread : threads) {
            thread.join();
        }
        long[] all = Latencies.merge(perClient);
        Arrays.sort(all);
        Map<String, Long> kinds = new TreeMap<>();
        errorKinds.forEach((kind, count) -> kinds.put(kind, count.sum()));
        return new BenchResult(config, all.length, config.duration(), percentile(all, 50), percentile(all, 99),
                all.length == 0 ? Duration.ZERO : Duration.ofNanos(all[all.length - 1]), errors.sum(),
                wrongReplies.sum(), kinds, firstWrong.get(), idle.size(), countStillOpen(idle),
                Duration.ofNanos(Math.max(0, firstRight.get())), cpu);
    }

    /** The reading taken at a moment of the run: the window's start or end, which the clients' timing uses too. */
    private static <T> T atTime(long nanoTime, java.util.function.Supplier<T> reading) {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        return reading.get();
    }

    /**
     * One client: exchanges until the window closes. Right ones that finish inside the window are counted and timed
     * (an exchange that began before it ends in it as often as one in it ends after it, so the rate is not biased).
     */
    private void clientLoop(Watchdog.Slot slot, long measureFrom, long measureUntil, Latencies latencies) {
        Client client = config.transport() == Transport.TCP ? new TcpClient(slot) : new UdpClient(slot);
        try {
            while (true) {
                long began = System.nanoTime();
                if (began - measureUntil >= 0) {
                    return;
                }
                ByteBuffer reply;
                try {
                    reply = client.exchange();
                } catch (IOException e) {
                    errors.increment();
                    errorKinds.computeIfAbsent(describe(e), kind -> new LongAdder()).increment();
                    client.recover();
                    continue;
                }
                long ended = System.nanoTime();
                if (!reply.equals(expected)) {
                    wrongReplies.increment();
                    byte[] shown = new byte[Math.min(reply.remaining(), MAX_WRONG_SHOWN)];
                    reply.get(shown);
                    firstWrong.compareAndSet(null, new String(shown, StandardCharsets.UTF_8));
                } else {
                    firstRight.compareAndSet(-1, ended - began);
                    if (ended - measureFrom >= 0 && ended - measureUntil <= 0) {
                        latencies.add(ended - began);
                    }
                }
            }
        } finally {
            client.close();
        }
    }

    private String describe(IOException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof Watchdog.TimedOut) {
            return message + Durations.format(config.timeout());
        }
        if (e instanceof ConnectException && message.contains("refused")) {
            return "connection refused";
        }
        if (e instanceof BindException || e instanceof NoRouteToHostException
                || message.contains("Cannot assign requested address")) {
            return "no free local port (" + message + "): too many ports in TIME_WAIT, see BENCHMARKS.md";
        }
        if (message.contains("reset")) {
            return "connection reset";
        }
        return e.getClass().getSimpleName() + ": " + message;
    }

    private List<SocketChannel> openIdleConnections() {
        List<SocketChannel> idle = new ArrayList<>();
        int timeoutMillis = (int) config.timeout().toMillis();
        for (int i = 0; i < config.idleConnections(); i++) {
            SocketChannel channel = null;
            try {
                channel = SocketChannel.open();
                channel.socket().connect(config.server(), timeoutMillis);
                channel.configureBlocking(false);
                idle.add(channel);
            } catch (IOException e) {
                Closeables.closeQuietly(channel);
                errorKinds.computeIfAbsent("idle connection not opened: " + e, kind -> new LongAdder()).increment();
            }
        }
        return idle;
    }

    /** A non-blocking read of an idle connection gives 0 while it is open and -1 once the server closed it. */
    private static int countStillOpen(List<SocketChannel> idle) {
        int open = 0;
        ByteBuffer oneByte = ByteBuffer.allocate(1);
        for (SocketChannel channel : idle) {
            try {
                oneByte.clear();
                if (channel.read(oneByte) == 0) {
                    open++;
                }
            } catch (IOException reset) {
                // reset by the server: not open
            }
        }
        return open;
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip().asReadOnlyBuffer();
    }

    private static Duration percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return Duration.ZERO;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length); // the nearest-rank definition
        return Duration.ofNanos(sorted[Math.max(0, rank - 1)]);
    }

    /** One client thread's connection state. */
    private interface Client {
        /** One exchange; returns the reply, ready to read. */
        ByteBuffer exchange() throws IOException;

        /** After a failed exchange, gets ready for the next one. */
        void recover();

        void close();
    }

    /** A connection per exchange, as the seed's client. */
    private final class TcpClient implements Client {
        private final Watchdog.Slot slot;
        private final ByteBuffer request = LoadGenerator.this.request.duplicate();
        private final ByteBuffer reply = ByteBuffer.allocateDirect(expected.remaining() + 1); // +1: too long

        TcpClient(Watchdog.Slot slot) {
            this.slot = slot;
        }

        @Override
        public ByteBuffer exchange() throws IOException {
            reply.clear();
            request.rewind();
            try (SocketChannel channel = SocketChannel.open()) {
                slot.arm(channel, "no connection within ");
                channel.connect(config.server());
                slot.phase("no reply within ");
                while (request.hasRemaining()) {
                    channel.write(request);
                }
                // Until the whole reply is in, or the server closes; then the client closes, as the seed's does. No
                // half-close: the Java server answers each read at once and waits for the client's close.
                while (reply.position() < expected.remaining() && channel.read(reply) >= 0) {
                    // reading
                }
            } catch (IOException e) {
                throw slot.disarm(e);
            }
            slot.disarm();
            return reply.flip();
        }

        @Override
        public void recover() {
            // Every exchange has its own connection.
        }

        @Override
        public void close() {
            // Every exchange closed its own connection.
        }
    }

    /**
     * One datagram socket, replaced after a failure so that a late reply cannot pass for the next. It is not
     * connected, as the seed's client: on Linux, JDK 17 silently sends nothing for an empty datagram on a connected
     * socket, and an unconnected one hears no ICMP errors, so a server that is not there shows as timeouts.
     */
    private final class UdpClient implements Client {
        private final Watchdog.Slot slot;
        private final ByteBuffer request = LoadGenerator.this.request.duplicate();
        private final ByteBuffer reply = ByteBuffer.allocateDirect(65_508); // one byte more than a datagram holds
        private DatagramChannel channel;

        UdpClient(Watchdog.Slot slot) {
            this.slot = slot;
        }

        @Override
        public ByteBuffer exchange() throws IOException {
            reply.clear();
            request.rewind();
            try {
                if (channel == null) {
                    channel = DatagramChannel.open();
                }
                slot.arm(channel, "no reply within ");
                channel.send(request, config.server());
                while (!config.server().equals(channel.receive(reply))) {
                    reply.clear(); // from someone else: only the server's answer counts
                }
            } catch (IOException e) {
                throw slot.disarm(e);
            }
            slot.disarm();
            return reply.flip();
        }

        @Override
        public void recover() {
            close();
        }

        @Override
        public void close() {
            Closeables.closeQuietly(channel);
            channel = null;
        }
    }

    /** A growable array of latencies in nanoseconds, one per client thread, so recording takes no lock. */
    private static final class Latencies {
        private long[] values = new long[4096];
        private int size;

        void add(long nanos) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = nanos;
        }

        static long[] merge(List<Latencies> all) {
            long[] merged = new long[all.stream().mapToInt(latencies -> latencies.size).sum()];
            int at = 0;
            for (Latencies latencies : all) {
                System.arraycopy(latencies.values, 0, merged, at, latencies.size);
                at += latencies.size;
            }
            return merged;
        }
    }
}
