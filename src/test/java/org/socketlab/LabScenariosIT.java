package org.socketlab;

import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Runs every feature file in {@code features/} on the Cucumber engine, in {@code mvn verify} (Failsafe).
 * Glue, plugins and parallelism are set in {@code src/test/resources/junit-platform.properties}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
class LabScenariosIT {
}
