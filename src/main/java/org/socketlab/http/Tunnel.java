package org.socketlab.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.socketlab.net.Closeables;

/**
 * Copies bytes both ways between two sockets until both directions end: what a CONNECT tunnel (and a 101
 * Switching Protocols) becomes. One direction runs on the calling thread, the other on its own thread.
 */
final class Tunnel {
    /** How long past the idle timeout a silent direction may take to end by itself before both sockets close. */
    private static final Duration GRACE = Duration.ofSeconds(1);

    private Tunnel() {
    }

    /**
     * Runs the tunnel; when one side ends its sending, the other side's sending is shut down too (a half close),
     * so the other direction can still finish. The tunnel ends once both directions are silent for the idle timeout
     * (each socket's read timeout must be set to it): a download keeps it open, for as long as it keeps flowing,
     * even while the client sends nothing or has ended its sending.
     *
     * @return the bytes copied from {@code a} to {@code b}, and from {@code b} to {@code a}
     */
    static long[] run(Socket a, InputStream aIn, OutputStream aOut, Socket b, InputStream bIn, OutputStream bOut,
            Duration idle) {
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        long[] copied = new long[2];
        Thread back = new Thread(() -> copied[1] = pump(bIn, aOut, a, b, lastActivity, idle),
                Thread.currentThread().getName() + "-tunnel");
        back.setDaemon(true);
        back.start();
        copied[0] = pump(aIn, bOut, b, a, lastActivity, idle);
        try {
            // The other direction ends by itself after the idle timeout of silence. Waiting is bounded by its
            // progress: a write blocked on a receiver that stopped reading makes none, and is ended by closing.
            while (back.isAlive()) {
                long left = idle.plus(GRACE).toNanos() - (System.nanoTime() - lastActivity.get());
                if (left <= 0) {
                    Closeables.closeQuietly(a);
                    Closeables.closeQuietly(b);
                    back.join(GRACE.toMillis());
                    break;
                }
                back.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Closeables.closeQuietly(a);
            Closeables.closeQuietly(b);
        }
        return copied;
    }

    private static long pump(InputStream in, OutputStream out, Socket sink, Socket source, AtomicLong lastActivity,
            Duration idle) {
        byte[] buffer = new byte[16 * 1024];
        long total = 0;
        try {
            while (true) {
                int read;
                try {
                    read = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    if (System.nanoTime() - lastActivity.get() < idle.toNanos()) {
                        continue; // Silent this way, but the other direction is busy: keep waiting.
                    }
                    break;
                }
                if (read < 0) {
                    break;
                }
                lastActivity.set(System.nanoTime());
                out.write(buffer, 0, read);
                out.flush();
                lastActivity.set(System.nanoTime()); // a write that took long was progress too
                total += read;
            }
            sink.shutdownOutput();
        } catch (IOException e) {
            // One side failed: there is no way to tell the other but to close both.
            Closeables.closeQuietly(sink);
            Closeables.closeQuietly(source);
        }
        return total;
    }
}
