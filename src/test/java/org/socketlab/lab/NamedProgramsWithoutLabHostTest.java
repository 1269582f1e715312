package org.socketlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.socketlab.model.PortMapping;

/** The generic steps where lab hosts cannot be made: the ports the feature writes are the real ones. */
@Isolated("it sets lab.isolation, which every class that makes a lab host reads")
class NamedProgramsWithoutLabHostTest {
    @TempDir
    Path project;

    @Test
    void withoutALabHostTheScenarioKeepsThePortsTheFeatureWroteAndRunsAlone() throws Exception {
        LabScenario lab = NoIsolation.during(() -> NamedProgramsTest.pingOnPort12000(project));
        assertThat(lab.recorder().snapshot().ports()).contains(new PortMapping(12000, 12000));
        assertThat(lab.recorder().snapshot().notes()).anyMatch(note -> note.startsWith("No lab host: this "
                + "scenario ran alone, on the real ports the feature writes"));
    }
}
