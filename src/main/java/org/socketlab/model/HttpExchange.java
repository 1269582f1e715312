package org.socketlab.model;

import java.util.List;

/**
 * One HTTP request seen by the proxy, and its response.
 *
 * @param load            which page load it belongs to (1 = first load, 2 = second, ...)
 * @param client          which client sent it: {@code chromium 156...} or {@code httpclient5-cache 5.6.5}
 * @param requestLine     the request line exactly as received, e.g. {@code GET http://lab.test/ HTTP/1.1}
 * @param requestHeaders  the request's headers, in order
 * @param conditional     whether it carried {@code If-None-Match} or {@code If-Modified-Since}
 * @param forwarded       whether the proxy forwarded it to the lab's origin (false: answered locally)
 * @param status          the response status code, or 0 when there was none
 * @param statusLine      the response's status line
 * @param responseHeaders the response headers that matter for caching (ETag, Last-Modified, Cache-Control, Date,
 *                        Age, Expires), named as the origin wrote them (the JDK's HttpServer writes {@code Etag})
 * @param atMillis        milliseconds since the scenario started
 */
public record HttpExchange(int load, String client, String requestLine, List<Header> requestHeaders,
        boolean conditional, boolean forwarded, int status, String statusLine, List<Header> responseHeaders,
        long atMillis) {
}
