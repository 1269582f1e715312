package org.socketlab.programs;

/** Why a {@link ChildProcess} ended early, as its {@link Ending} says. */
public enum Limit {
    /** It ended on its own. */
    NONE,
    /** It ran longer than its time limit and was killed. */
    TIME,
    /**
     * It ended under a memory limit with signs of running out of memory (see
     * {@link ChildProcessBuilder#memoryLimit}).
     */
    MEMORY,
    /** It wrote more than its output limit and was killed; the rest was dropped. */
    OUTPUT,
    /** The lab stopped it ({@link ChildProcess#stop}, {@link ChildProcess#close()}), e.g. a client still waiting. */
    STOPPED
}
