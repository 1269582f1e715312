package org.socketlab.net;

import java.io.IOException;

/** An {@link Output} a client program can also read its sentence from, as the seed's {@code input(prompt)} does. */
public interface Terminal extends Output {
    /** Shows the prompt and returns the line typed after it, without its line break; null at end of input. */
    String readLine(String prompt) throws IOException;
}
