package org.socketlab.lab;

/**
 * Closes a scenario's parts one after another, whatever each throws: every close runs, each failure is noted in
 * the report, the first is kept and the rest are added to it, so a failing close hides no later one.
 */
final class Closer {
    private final ScenarioRecorder recorder;
    private RuntimeException first;

    Closer(ScenarioRecorder recorder) {
        this.recorder = recorder;
    }

    /** One part's close. */
    interface Step {
        void run() throws Exception;
    }

    void run(Step step) {
        try {
            step.run();
        } catch (Exception e) {
            recorder.note("Closing failed: " + e);
            if (first == null) {
                first = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            } else {
                first.addSuppressed(e);
            }
        }
    }

    /** Throws the first failure, with the others suppressed in it, once every part had its turn. */
    void rethrow() {
        if (first != null) {
            throw first;
        }
    }
}
