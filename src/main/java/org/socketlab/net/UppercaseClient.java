package org.socketlab.net;

/** A client of an uppercase server: sends a sentence, returns the reply. One exchange per client, as in the seed. */
public interface UppercaseClient extends AutoCloseable {
    String exchange(String sentence) throws LabException;

    @Override
    void close();

    /** Opens the client for the transport: a UDP socket, or a TCP connection (which can already fail). */
    static UppercaseClient open(Transport transport, ClientOptions options) throws LabException {
        return transport == Transport.UDP ? UdpUppercaseClient.open(options) : TcpUppercaseClient.connect(options);
    }
}
