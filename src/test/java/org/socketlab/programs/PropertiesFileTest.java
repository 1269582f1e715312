package org.socketlab.programs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PropertiesFileTest {
    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotThereHoldsNoSetting() throws Exception {
        assertThat(PropertiesFile.read(dir.resolve("lab.properties"))).isEmpty();
    }

    @Test
    void namesInAnyScriptAreReadAsWritten() throws Exception {
        Path file = dir.resolve("lab.properties");
        Files.writeString(file, "lab.student=أسماء جمال ناجي\nlab.program.udp-server=python3 udp_server.py\n",
                StandardCharsets.UTF_8);

        assertThat(PropertiesFile.read(file)).containsEntry("lab.student", "أسماء جمال ناجي")
                .containsEntry("lab.program.udp-server", "python3 udp_server.py");
    }

    @Test
    void aMalformedEscapeIsRefusedNamingTheFile() throws Exception {
        Path file = dir.resolve("lab.properties");
        Files.writeString(file, "lab.student=\\u12\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> PropertiesFile.read(file)).isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("cannot read " + file + ": ");
    }
}
