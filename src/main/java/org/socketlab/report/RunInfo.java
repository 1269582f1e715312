package org.socketlab.report;

import java.time.Duration;
import java.time.Instant;

/**
 * When the scenarios ran. Written to JSON as ISO-8601 ({@code 2026-11-24T07:56:44.123Z}, {@code PT12.5S}).
 *
 * @param started  when Cucumber's test run started
 * @param finished when it finished
 * @param duration finished minus started
 * @param zone     the machine's time zone, e.g. {@code Africa/Cairo}: the report shows local times in it, the same
 *                 wherever it is rendered again
 */
public record RunInfo(Instant started, Instant finished, Duration duration, String zone) {
}
