package org.socketlab.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabHostDirectoryTest {
    @TempDir
    Path temporary;

    @Test
    void onlyTheDirectoriesOfEndedJvmsAreRemoved() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path orphan = Files.createDirectory(temporary.resolve("socket-lab-host-" + ended.pid() + "-123"));
        Files.writeString(orphan.resolve("capture.pcap"), "packets");
        Path ours = Files.createDirectory(temporary.resolve("socket-lab-host-" + ProcessHandle.current().pid() + "-4"));
        Path notOurs = Files.createDirectory(temporary.resolve("socket-lab-host-notes"));

        LabHostDirectory.removeOrphans(temporary);

        assertThat(orphan).as("its JVM has ended").doesNotExist();
        assertThat(ours).as("this JVM's own, in use").isDirectory();
        assertThat(notOurs).as("not named as a lab host's directory").isDirectory();
    }
}
