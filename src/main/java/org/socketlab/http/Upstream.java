package org.socketlab.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.socketlab.http.ClientEnd.After;
import org.socketlab.http.ClientEnd.Answer;

/** The proxy's connections onward, to origins and tunnel targets, and how it tells the client one failed. */
final class Upstream {
    private Upstream() {
    }

    /**
     * Connects to an origin or a tunnel's target, with the proxy's connect timeout, and sets the idle timeout on
     * the socket. When the connection fails it answers the client (502, or 504 for a timeout) and returns null;
     * the caller then closes the client's connection.
     *
     * @param where how the log and the answer name the other end, e.g. {@code lab.test (127.0.0.1:8080)}
     */
    static Socket connect(ClientEnd client, SeenRequest seen, InetSocketAddress address, String where)
            throws IOException {
        LoggingProxy proxy = client.proxy;
        Socket upstream = proxy.openUpstream();
        try {
            upstream.connect(address, (int) proxy.connectTimeout().toMillis());
            upstream.setSoTimeout((int) proxy.idleTimeout().toMillis());
            return upstream;
        } catch (IOException e) {
            proxy.closeUpstream(upstream);
            ConnectFailure failure = ConnectFailure.of(e);
            client.answerLocally(seen, failure.answer, failure.describe(where, e), After.CLOSE);
            return null;
        }
    }

    /** Why a connection to an origin failed, as the client's answer and the log say it. */
    enum ConnectFailure {
        REFUSED(Answer.BAD_GATEWAY),
        TIMEOUT(Answer.GATEWAY_TIMEOUT),
        IO_ERROR(Answer.BAD_GATEWAY);

        private final Answer answer;

        ConnectFailure(Answer answer) {
            this.answer = answer;
        }

        /**
         * Classifies by the exception's type and message: the JDK reports an operating system's connect timeout
         * (no SYN-ACK before the system gives up) as a ConnectException saying "timed out", not as the
         * SocketTimeoutException of our own connect timeout.
         */
        static ConnectFailure of(IOException e) {
            String message = String.valueOf(e.getMessage());
            if (e instanceof ConnectException && message.contains("refused")) {
                return REFUSED;
            }
            if (e instanceof SocketTimeoutException || message.contains("timed out")) {
                return TIMEOUT;
            }
            return IO_ERROR;
        }

        int status() {
            return answer.status;
        }

        String describe(String where, IOException e) {
            return "could not connect to " + where + ": " + switch (this) {
                case REFUSED -> "nothing is listening there (connection refused)";
                case TIMEOUT -> "no answer to the connection request";
                case IO_ERROR -> e.getMessage();
            };
        }
    }
}
