package org.socketlab.model;

/**
 * A port as the feature file names it, and the free port the scenario really used for it, so that scenarios run
 * in parallel and on machines where the lab's port is busy.
 */
public record PortMapping(int labPort, int realPort) {
}
