package org.socketlab.http;

import java.util.List;
import org.socketlab.model.Header;
import org.socketlab.model.HttpExchange;

/** What the proxy knows of a request when it answers: enough for an {@link HttpExchange}. */
record SeenRequest(LoggingProxy.Tag tag, long atMillis, String requestLine, List<Header> headers, boolean head) {
    SeenRequest withHeaders(List<Header> parsed, boolean isHead) {
        return new SeenRequest(tag, atMillis, requestLine, parsed, isHead);
    }
}
