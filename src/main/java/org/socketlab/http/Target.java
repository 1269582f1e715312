package org.socketlab.http;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a request is going: the host and port it names, and the request target to send the origin.
 *
 * @param host       the host name or address, lower case, without brackets for IPv6
 * @param port       the port, 80 when the request names none
 * @param authority  {@code host[:port]} as the request wrote it, for a {@code Host} header
 * @param originForm the path and query ({@code /x?y}) the origin gets, or {@code *}
 * @param absolute   whether the request named the host in its request line ({@code GET http://lab.test/x})
 */
record Target(String host, int port, String authority, String originForm, boolean absolute) {

    /**
     * Reads an absolute-form target ({@code http://lab.test/x}, as browsers send to proxies) or an origin-form
     * one ({@code /x}) with its {@code Host} header.
     *
     * @throws HttpHead.Malformed with the reason a 400 answer gives
     */
    static Target of(String requestTarget, Optional<String> hostHeader) throws HttpHead.Malformed {
        String lower = requestTarget.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://")) {
            String rest = requestTarget.substring("http://".length());
            int end = firstOf(rest, "/?#");
            String authority = rest.substring(0, end);
            String path = rest.substring(end);
            int fragment = path.indexOf('#');
            if (fragment >= 0) {
                // A fragment never goes on the wire; a client that sends one still means the resource without it.
                path = path.substring(0, fragment);
            }
            if (path.isEmpty() || path.startsWith("?")) {
                path = "/" + path;
            }
            return authority(authority, path, true);
        }
        if (lower.startsWith("https://")) {
            throw new HttpHead.Malformed("an https:// URI cannot go through a plain HTTP proxy; a browser sends "
                    + "CONNECT host:443 for it");
        }
        if (requestTarget.startsWith("/") || requestTarget.equals("*")) {
            String host = hostHeader.orElseThrow(() -> new HttpHead.Malformed(
                    "the request has no Host header and its request line names no host (GET http://host/path)"));
            return authority(host, requestTarget, false);
        }
        throw new HttpHead.Malformed("the request target \"" + HttpHead.shorten(requestTarget)
                + "\" is neither http://host/path nor /path");
    }

    /** The {@code host:port} of a {@code CONNECT} request; the port is required there. */
    static Target ofConnect(String authority) throws HttpHead.Malformed {
        Target target = authority(authority, "", false);
        if (!authority.matches(".*:[0-9]+")) {
            throw new HttpHead.Malformed("CONNECT needs host:port, got \"" + HttpHead.shorten(authority) + "\"");
        }
        return target;
    }

    private static Target authority(String authority, String originForm, boolean absolute)
            throws HttpHead.Malformed {
        if (authority.contains("@")) {
            throw new HttpHead.Malformed("user names and passwords in the URI are not accepted");
        }
        String host;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw new HttpHead.Malformed("the IPv6 address in \"" + HttpHead.shorten(authority) + "\" has no ]");
            }
            host = authority.substring(1, close);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw new HttpHead.Malformed("\"" + HttpHead.shorten(authority) + "\" is not [address]:port");
                }
                port = after.substring(1);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            host = colon < 0 ? authority : authority.substring(0, colon);
            port = colon < 0 ? null : authority.substring(colon + 1);
        }
        if (host.isEmpty() || !host.matches("[A-Za-z0-9._~%!$&'()*+,;=:-]+")) {
            throw new HttpHead.Malformed("\"" + HttpHead.shorten(authority) + "\" is not a valid host");
        }
        int number = 80;
        if (port != null && !port.isEmpty()) {
            if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                throw new HttpHead.Malformed("the port in \"" + HttpHead.shorten(authority)
                        + "\" is not a number from 1 to 65535");
            }
            number = Integer.parseInt(port);
        }
        return new Target(host.toLowerCase(Locale.ROOT), number, authority, originForm, absolute);
    }

    private static int firstOf(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return text.length();
    }

    /** {@code lab.test:80}, or {@code [::1]:443}. */
    String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
