package org.socketlab.bench;

import java.time.Duration;
import java.util.Map;

/**
 * What a benchmark run measured. Throughput and latency cover the measured window only; errors and wrong
 * replies are counted over the whole run, warm-up included, because a wrong answer is wrong whenever it comes.
 *
 * @param config        what was run
 * @param requests      exchanges completed correctly in the measured window
 * @param measured      the measured window's real length
 * @param p50           median latency of those exchanges (connect to last reply byte, for TCP)
 * @param p99           99th percentile
 * @param max           slowest
 * @param errors        exchanges that failed: refused, reset, timed out (for UDP: no reply within the timeout)
 * @param wrongReplies  exchanges whose reply was not the upper-cased message
 * @param errorKinds    how many errors of each kind, e.g. {@code no reply within 2s -> 3}
 * @param firstWrong    the first wrong reply as received (cut to 200 characters), or null
 * @param idleOpened    TCP: idle connections opened before the run
 * @param idleStillOpen TCP: of those, how many the server still held open at the end
 * @param first         the first right exchange of the run, warm-up or not: with idle connections, the wait of a
 *                      client that comes right after they connected
 * @param cpu           the CPU time the load generator, and the server if its process was given, spent in the window
 */
public record BenchResult(BenchConfig config, long requests, Duration measured, Duration p50, Duration p99,
        Duration max, long errors, long wrongReplies, Map<String, Long> errorKinds, String firstWrong,
        int idleOpened, int idleStillOpen, Duration first, CpuTime cpu) {
    public BenchResult {
        errorKinds = Map.copyOf(errorKinds);
    }

    /** The load generator's CPU per exchange in the window, in microseconds. */
    public double clientMicrosPerExchange() {
        return CpuTime.perExchangeMicros(cpu.client(), requests);
    }

    /** The server's CPU per exchange in the window, in microseconds, when its process was given. */
    public java.util.OptionalDouble serverMicrosPerExchange() {
        return cpu.server().map(server -> java.util.OptionalDouble.of(CpuTime.perExchangeMicros(server, requests)))
                .orElse(java.util.OptionalDouble.empty());
    }

    public double requestsPerSecond() {
        return requests / (measured.toNanos() / 1e9);
    }

    /** No error, no wrong reply, and every idle connection asked for was opened and stayed open. */
    public boolean clean() {
        return errors == 0 && wrongReplies == 0 && idleOpened == config.idleConnections()
                && idleStillOpen == idleOpened;
    }
}
