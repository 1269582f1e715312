package org.socketlab.programs;

import java.util.regex.Pattern;

/**
 * The signs that a program under a memory limit ended for want of memory. A judgement, not proof: the kernel does
 * not say why an allocation failed, so this looks at what programs print and how they die when it does.
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

    /**
     * Whether the exit status is a death by SIGABRT (an uncaught {@code bad_alloc}, Node's heap), SIGKILL (the
     * kernel's out-of-memory killer) or SIGSEGV (a C program using the NULL that {@code malloc} returned).
     */
    static boolean fatalSignal(int status) {
        return status == 128 + 6 || status == 128 + 9 || status == 128 + 11;
    }
}
