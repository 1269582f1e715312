package org.socketlab.http;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.socketlab.model.Header;

/** Looking up header fields by name, ignoring case as HTTP does. */
public final class Headers {
    private Headers() {
    }

    /** The first value of the named header, e.g. {@code first(exchange.requestHeaders(), "If-None-Match")}. */
    public static Optional<String> first(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
    }

    /** Every value of the named header, in order. */
    public static List<String> all(List<Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).toList();
    }

    /** Whether a comma-separated header such as {@code Connection} holds the token, ignoring case. */
    static boolean hasToken(List<Header> headers, String name, String token) {
        return all(headers, name).stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .anyMatch(part -> part.strip().toLowerCase(Locale.ROOT).equals(token));
    }
}
