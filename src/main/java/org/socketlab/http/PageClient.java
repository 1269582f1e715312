package org.socketlab.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import org.socketlab.net.Output;

/**
 * Something that loads a web page, with its stylesheet and images, through an HTTP proxy, and keeps a cache from
 * one load to the next: {@link Chromium} (a real browser) or {@link CachingHttpClient} (Apache HttpClient's cache).
 * Closing it discards its cache.
 */
public interface PageClient extends AutoCloseable {
    /** Which client and version ran, for the report: {@code Chromium 150.0.7871.100}. */
    String name();

    /**
     * Loads the page and everything it references through the proxy, blocking until done or until a bounded
     * timeout. The client's cache from earlier loads is used.
     *
     * @param console where the client's own output goes (the command it ran, what it fetched, problems)
     * @throws IOException when the client could not be run at all (a page that fails to load is a result)
     */
    LoadResult load(URI page, InetSocketAddress proxy, Output console) throws IOException;

    /** Discards the cache (and, for Chromium, its profile directory); never throws. */
    @Override
    void close();
}
