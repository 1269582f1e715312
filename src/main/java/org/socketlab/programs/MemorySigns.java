package org.socketlab.programs;

import java.util.regex.Pattern;

/**
 * The signs that a program under a memory limit ended for want of memory: what runtimes print when an allocation
 * fails. A judgement, not proof. A death by signal is not one: SIGSEGV is as often a plain crash (a NULL pointer, an
 * array overrun) as the NULL a failed {@code malloc} returned, so it is reported as the crash it is.
 */
final class MemorySigns {
    /**
     * Python's {@code MemoryError}, Java's {@code OutOfMemoryError} and "Could not reserve enough space", C's
     * {@code perror}: "Cannot allocate memory", C++'s {@code std::bad_alloc}, Go's and Node's "out of memory".
     */
    private static final Pattern WORDS = Pattern.compile(
            "MemoryError|OutOfMemoryError|out of memory|Cannot allocate memory|bad_alloc|could not reserve",
            Pattern.CASE_INSENSITIVE);

    private MemorySigns() {
    }

    /** Whether a line on standard error says memory ran out. */
    static boolean inMessage(String line) {
        return WORDS.matcher(line).find();
    }
}
