package org.socketlab.net;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Turns what a user typed (host, port) into socket addresses, or into a {@link LabException} that says why not. */
public final class Endpoints {
    private Endpoints() {
    }

    /** The address a client sends to; port 0 is refused because nothing can listen there. */
    public static InetSocketAddress remote(String host, int port, Transport transport) throws LabException {
        if (port < 1 || port > 65_535) {
            throw LabException.portOutOfRange(host, port, transport);
        }
        return new InetSocketAddress(resolve(host, port, transport), port);
    }

    /** The address a server binds; port 0 asks the system for a free port, as tests do. */
    public static InetSocketAddress local(String host, int port, Transport transport) throws LabException {
        if (port < 0 || port > 65_535) {
            throw LabException.portOutOfRange(host, port, transport);
        }
        return new InetSocketAddress(resolve(host, port, transport), port);
    }

    private static InetAddress resolve(String host, int port, Transport transport) throws LabException {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw LabException.unknownHost(host, port, transport, e);
        }
    }

    /**
     * Maps a failed bind to what a user can act on: the port is taken, a low port needs rights, or the address
     * is not one of this host's. Only "Address already in use" means the port is taken.
     */
    public static LabException bindFailure(InetSocketAddress address, Transport transport, IOException e) {
        String host = address.getAddress().getHostAddress();
        String message = String.valueOf(e.getMessage());
        if (e instanceof BindException && message.contains("ermission")) {
            return LabException.permissionDenied(host, address.getPort(), transport, e);
        }
        if (e instanceof BindException && message.contains("already in use")) {
            return LabException.portInUse(host, address.getPort(), transport, e);
        }
        if (e instanceof BindException && message.contains("assign requested address")) {
            return LabException.addressNotLocal(host, address.getPort(), transport, e);
        }
        return LabException.io(host, address.getPort(), transport, e);
    }

    /**
     * Maps a failed TCP connect: refused (a reset, or a firewall's ICMP error), timed out (packets dropped),
     * or another I/O error with the system's words.
     */
    public static LabException connectFailure(String host, int port, Duration timeout, IOException e) {
        String message = String.valueOf(e.getMessage());
        if (e instanceof ConnectException && message.contains("refused")) {
            return LabException.connectionRefused(host, port, e);
        }
        if (e instanceof SocketTimeoutException || message.contains("timed out")) {
            return LabException.connectTimeout(host, port, timeout, e);
        }
        return LabException.io(host, port, Transport.TCP, e);
    }

    /** {@code 127.0.0.1:54321}, or {@code [::1]:54321}: how servers name a client in their log. */
    public static String show(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress(); // once per request in the servers' logs: no detours
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
