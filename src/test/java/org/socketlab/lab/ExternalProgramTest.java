package org.socketlab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalProgramTest {
    @Test
    void anExitStatusAbove128NamesTheSignalTheProgramDiedOf() {
        assertThat(ExternalProgram.signal(128 + 11)).isEqualTo(" (killed by SIGSEGV)");
        assertThat(ExternalProgram.signal(128 + 6)).isEqualTo(" (killed by SIGABRT)");
        assertThat(ExternalProgram.signal(128 + 40)).isEqualTo(" (killed by signal 40)");
        assertThat(ExternalProgram.signal(128 + 9)).as("not told as the memory limit, not hidden either")
                .startsWith(" (killed by SIGKILL, from outside: the kernel at the memory");
        assertThat(ExternalProgram.signal(1)).isEmpty();
        assertThat(ExternalProgram.signal(255)).as("exit(255), no signal").isEmpty();
        assertThat(ExternalProgram.signal(null)).isEmpty();
    }
}
