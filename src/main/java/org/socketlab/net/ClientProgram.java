package org.socketlab.net;

import java.io.IOException;
import java.time.Duration;

/**
 * The seed's client programs as a dialogue on a {@link Terminal}: open (TCP: connect), prompt for a sentence,
 * send it, print the reply (TCP: {@code From Server: <reply>}). A failure is printed as one clear line on the
 * error stream instead of a traceback. The CLI runs this on the console; scenarios run the same code on a
 * recorded transcript, in two phases when a feature starts the client before the server exists.
 */
public final class ClientProgram implements AutoCloseable {
    public static final String PROMPT = "Input lowercase sentence:";
    /** What the TCP client prints before the reply, as the seed's does. */
    public static final String TCP_REPLY_PREFIX = "From Server: ";

    private final Transport transport;
    private final Terminal terminal;
    private final UppercaseClient client;
    private final ClientRun startFailure;

    private ClientProgram(Transport transport, Terminal terminal, UppercaseClient client, ClientRun startFailure) {
        this.transport = transport;
        this.terminal = terminal;
        this.client = client;
        this.startFailure = startFailure;
    }

    /** Opens the client; a failure (TCP: no server) is printed now and returned by {@link #converse()}. */
    public static ClientProgram start(Transport transport, ClientOptions options, Terminal terminal) {
        long started = System.nanoTime();
        try {
            return new ClientProgram(transport, terminal, UppercaseClient.open(transport, options), null);
        } catch (LabException e) {
            printFailure(terminal, e);
            return new ClientProgram(transport, terminal, null, ClientRun.failed(e, since(started)));
        }
    }

    /** Starts the client and converses once, as running the seed's script does. */
    public static ClientRun run(Transport transport, ClientOptions options, Terminal terminal) {
        try (ClientProgram program = start(transport, options, terminal)) {
            return program.converse();
        }
    }

    /** The failure of {@link #start}, if the client could not even open. */
    public ClientRun startFailure() {
        return startFailure;
    }

    /** Prompts, sends the sentence, and prints the reply or the failure. */
    public ClientRun converse() {
        if (startFailure != null) {
            return startFailure;
        }
        String sentence;
        try {
            sentence = terminal.readLine(PROMPT);
        } catch (IOException e) {
            terminal.printError("error: cannot read the sentence: " + e.getMessage());
            return ClientRun.failed(LabException.io("stdin", 0, transport, e), Duration.ZERO);
        }
        if (sentence == null) {
            sentence = ""; // end of input: the seed's input() would fail; this sends the empty sentence, as Enter does
        }
        long started = System.nanoTime();
        try {
            String reply = client.exchange(sentence);
            terminal.println(transport == Transport.TCP ? TCP_REPLY_PREFIX + reply : reply);
            return ClientRun.replied(reply, since(started));
        } catch (LabException e) {
            printFailure(terminal, e);
            return ClientRun.failed(e, since(started));
        }
    }

    private static void printFailure(Terminal terminal, LabException e) {
        terminal.printError("error: " + e.getMessage());
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
