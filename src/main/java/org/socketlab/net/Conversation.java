package org.socketlab.net;

/**
 * What a {@link SelectorServer} says on one connection. Called on the server's thread only; it must not block.
 */
interface Conversation {
    /** The answer to bytes the client sent (the array is reused after the call); may be empty. */
    byte[] received(byte[] bytes, int length);

    /** The client's end of stream: the last bytes of the answer; may be empty. */
    byte[] ended();

    /** The whole answer was sent and the connection is about to close. */
    void finished();
}
