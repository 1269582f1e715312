package org.socketlab.http;

import java.net.InetSocketAddress;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Which hosts a {@link LoggingProxy} forwards to. Two presets:
 * <ul>
 * <li>{@link #open()}: any host, resolved by DNS, for manual use with a real browser on the real web;</li>
 * <li>{@link #lab(Map)}: only the hosts in the map, each sent to its fixed address whatever port the request
 * names, e.g. {@code lab.test -> 127.0.0.1:41234}. Every other host, an IP address included, is answered by the
 * proxy itself with 403, and no connection is opened for it: scenarios never reach the real network.</li>
 * </ul>
 * Immutable.
 */
public final class Routes {
    private final Map<String, InetSocketAddress> hosts;
    private final boolean open;

    private Routes(Map<String, InetSocketAddress> hosts, boolean open) {
        this.hosts = hosts;
        this.open = open;
    }

    /** Forwards to any host. */
    public static Routes open() {
        return new Routes(Map.of(), true);
    }

    /**
     * Forwards only to the mapped hosts (names compared ignoring case).
     *
     * @throws IllegalArgumentException when the map is empty or holds an unresolved address
     */
    public static Routes lab(Map<String, InetSocketAddress> hosts) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("hosts is empty; lab mode needs at least one host to forward to");
        }
        Map<String, InetSocketAddress> copy = new LinkedHashMap<>();
        hosts.forEach((host, address) -> {
            if (address.isUnresolved()) {
                throw new IllegalArgumentException("hosts maps " + host + " to unresolved " + address
                        + "; give an address, such as 127.0.0.1:8080");
            }
            copy.put(host.toLowerCase(Locale.ROOT), address);
        });
        return new Routes(Collections.unmodifiableMap(copy), false); // in the caller's order, for describe()
    }

    /**
     * Where a request for this host goes, or empty when this proxy must not forward it. In open mode the
     * address may be unresolved (the name does not resolve); in lab mode no name is ever looked up.
     */
    Optional<InetSocketAddress> route(String host, int port) {
        if (open) {
            return Optional.of(new InetSocketAddress(host, port));
        }
        return Optional.ofNullable(hosts.get(host.toLowerCase(Locale.ROOT)));
    }

    /**
     * {@code open: forwards to any host} or {@code lab mode: forwards only lab.test -> 127.0.0.1:8080}, the hosts
     * in the order given to {@link #lab(Map)}.
     */
    public String describe() {
        if (open) {
            return "open: forwards to any host";
        }
        StringJoiner mapped = new StringJoiner(", ", "lab mode: forwards only ", "");
        hosts.forEach((host, address) -> mapped.add(host + " -> " + address.getAddress().getHostAddress() + ":"
                + address.getPort()));
        return mapped.toString();
    }

    /** The mapped host names, for the 403 answer. */
    String allowed() {
        return String.join(", ", hosts.keySet());
    }
}
