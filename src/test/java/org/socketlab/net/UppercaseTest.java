package org.socketlab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The servers' upper-casing: Locale.ROOT's full case mapping, in time linear in the text. */
class UppercaseTest {
    @Test
    void usesFullCaseMappingOfTheRootLocale() {
        assertThat(Uppercase.of("quit")).isEqualTo("QUIT");
        assertThat(Uppercase.of("straße")).isEqualTo("STRASSE");
        assertThat(Uppercase.of("\uFB01le")).isEqualTo("FILE");
        assertThat(Uppercase.of("ناجي")).isEqualTo("ناجي");
        assertThat(Uppercase.of("")).isEmpty();
    }

    @Test
    void aLongTextGivesWhatOneCallWouldWhereverTheChunksEnd() {
        // Surrogate pairs (𐐨 → 𐐀) across every chunk boundary, and characters that grow (ß, ŉ, ﬁ) in between.
        StringBuilder text = new StringBuilder();
        for (int offset = 0; offset < 4; offset++) {
            text.append("a".repeat(Uppercase.SLICE_CHARS - 1 - offset)).append("\uD801\uDC28").append("ßŉ\uFB01");
        }
        text.append("i\u0307 ǰ ΐ ΰ ᾳ 😀 é");
        String expected = text.toString().toUpperCase(Locale.ROOT);

        assertThat(Uppercase.of(text.toString())).isEqualTo(expected);
        assertThat(Uppercase.of(text.toString().repeat(7))).isEqualTo(expected.repeat(7));
    }

    @Test
    void aDatagramFullOfGrowingCharactersIsUpperCasedAtOnce() {
        String datagram = "\u0149".repeat(30_000); // 60,000 bytes; a single toUpperCase took 3 s on it
        long started = System.nanoTime();

        String upper = Uppercase.of(datagram);

        assertThat(upper).isEqualTo("\u02BCN".repeat(30_000));
        assertThat((System.nanoTime() - started) / 1_000_000).as("milliseconds").isLessThan(500); // 3 s in one call, 2 ms in chunks
    }
}
