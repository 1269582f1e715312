package org.socketlab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** UTF-8 in pieces, as TCP delivers it: the decoder behind the split-character guarantees of the servers. */
class Utf8DecoderTest {
    private static final byte[] EURO = "€".getBytes(StandardCharsets.UTF_8);

    @Test
    void keepsAnUnfinishedCharacterUntilItsLastByteComes() {
        Utf8Decoder decoder = new Utf8Decoder();
        assertThat(decoder.decode(new byte[] {'a', EURO[0]}, 2)).isEqualTo("a");
        assertThat(decoder.decode(new byte[] {EURO[1]}, 1)).isEmpty();
        assertThat(decoder.decode(new byte[] {EURO[2], 'b'}, 2)).isEqualTo("€b");
        assertThat(decoder.finish()).isEmpty();
        assertThat(decoder.sawInvalidBytes()).isFalse();
    }

    @Test
    void anUnfinishedCharacterAtTheEndOfTheStreamIsInvalid() {
        Utf8Decoder decoder = new Utf8Decoder();
        assertThat(decoder.decode(new byte[] {'a', EURO[0]}, 2)).isEqualTo("a");
        assertThat(decoder.finish()).isEqualTo("\uFFFD");
        assertThat(decoder.sawInvalidBytes()).isTrue();
    }

    @Test
    void invalidBytesBecomeReplacementCharactersAndAreRemembered() {
        Utf8Decoder.Decoded decoded = Utf8Decoder.decodeAll(new byte[] {'o', 'k', (byte) 0xFF, '!'}, 4);
        assertThat(decoded.text()).isEqualTo("ok\uFFFD!");
        assertThat(decoded.invalidBytes()).isTrue();
    }

    @Test
    void withoutUnfinishedTailDropsOnlyACharacterTheCutSplit() {
        byte[] text = "a€".getBytes(StandardCharsets.UTF_8); // 61 E2 82 AC
        assertThat(Utf8Decoder.withoutUnfinishedTail(text, 4)).isEqualTo(4);
        assertThat(Utf8Decoder.withoutUnfinishedTail(text, 3)).isEqualTo(1);
        assertThat(Utf8Decoder.withoutUnfinishedTail(text, 2)).isEqualTo(1);
        assertThat(Utf8Decoder.withoutUnfinishedTail(text, 1)).isEqualTo(1);
        assertThat(Utf8Decoder.withoutUnfinishedTail(text, 0)).isZero();
        byte[] emoji = "😀".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Decoder.withoutUnfinishedTail(emoji, 3)).isZero();
        assertThat(Utf8Decoder.withoutUnfinishedTail(emoji, 4)).isEqualTo(4);
        byte[] invalid = {'a', (byte) 0x82};
        assertThat(Utf8Decoder.withoutUnfinishedTail(invalid, 2)).as("invalid bytes stay, to be reported")
                .isEqualTo(2);
    }
}
