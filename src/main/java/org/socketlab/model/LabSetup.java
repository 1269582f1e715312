package org.socketlab.model;

import java.util.List;

/**
 * How the run's scenarios were set up: where they ran, and which programs played which role. The report's cover
 * shows it, so a reader knows whose programs produced the results.
 *
 * @param isolation     a short phrase, e.g. {@code each scenario on its own lab host (network namespace)} or
 *                      {@code none: ...}; null when not recorded
 * @param isolationNote null, or when isolation is off why, and how to turn it on
 * @param programs      one entry per role, in the settings' order
 */
public record LabSetup(String isolation, String isolationNote, List<ProgramInfo> programs) {

    public LabSetup {
        programs = programs == null ? List.of() : List.copyOf(programs);
    }

    /** Nothing recorded yet. */
    public static LabSetup empty() {
        return new LabSetup(null, null, List.of());
    }

    /** This setup with another isolation line and note. */
    public LabSetup withIsolation(String isolation, String isolationNote) {
        return new LabSetup(isolation, isolationNote, programs);
    }

    /** This setup with other programs. */
    public LabSetup withPrograms(List<ProgramInfo> programs) {
        return new LabSetup(isolation, isolationNote, programs);
    }
}
