package org.socketlab.model;

/**
 * One expectation of the feature file against what was observed ("Then the client receives ...").
 *
 * @param expected what the feature expects, in its words
 * @param observed what this run saw
 * @param met      whether they agree
 */
public record Check(String expected, String observed, boolean met) {
}
