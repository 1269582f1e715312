package org.socketlab.bench;

import java.time.Duration;
import java.util.Map;

/**
 * What a benchmark run measured. Throughput and latency cover the measured window only; errors and wrong
 * replies are counted over the whole run, warm-up included, because a wrong answer is wrong whenever it comes.
 *
 * @param config        what was run
 * @param requests      exchanges started and completed correctly in the measured window
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
 */
public record BenchResult(BenchConfig config, long requests, Duration measured, Duration p50, Duration p99,
        Duration max, long errors, long wrongReplies, Map<String, Long> errorKinds, String firstWrong,
        int idleOpened, int idleStillOpen) {
    public BenchResult {
        errorKinds = Map.copyOf(errorKinds);
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
