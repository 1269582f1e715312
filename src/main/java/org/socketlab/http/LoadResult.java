package org.socketlab.http;

import java.time.Duration;

/**
 * How one page load went, as the client saw it.
 *
 * @param loaded whether the page showed: Chromium's DOM contains {@link LabOrigin#PAGE_MARKER}; for the caching
 *               client, the page and every object it references came back 200
 * @param detail one line saying why, e.g. {@code the DOM contains #socket-lab-page} or
 *               {@code / 200 VALIDATED, /style.css 200 VALIDATED, /logo.svg 200 VALIDATED}
 * @param took   how long the load took, browser start included
 */
public record LoadResult(boolean loaded, String detail, Duration took) {
}
