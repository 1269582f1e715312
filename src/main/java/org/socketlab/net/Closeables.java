package org.socketlab.net;

import java.io.Closeable;
import java.io.IOException;

/** Closing what is being discarded: a socket, a channel, a selector. */
public final class Closeables {
    private Closeables() {
    }

    /**
     * Closes {@code closeable} (nothing when null) and drops an {@link IOException}: the caller is discarding it,
     * usually because its connection already failed, and closing cannot tell anyone more.
     */
    public static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException ignored) {
            // Discarded: nothing useful to tell anyone.
        }
    }
}
