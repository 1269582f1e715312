package org.socketlab.net;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Text through both servers, under a Turkish default locale, where {@code "quit".toUpperCase()} is {@code QUİT}:
 * upper-casing must use {@link Locale#ROOT}, and UTF-8 must survive the trip both ways.
 */
@Isolated("it sets the JVM's default locale to Turkish")
class TextHandlingTest {
    private static final Locale TURKISH = new Locale("tr", "TR");

    private Locale savedDefault;
    private Locale savedDisplay;
    private Locale savedFormat;

    @BeforeEach
    void turkishDefaultLocale() {
        savedDefault = Locale.getDefault();
        savedDisplay = Locale.getDefault(Locale.Category.DISPLAY);
        savedFormat = Locale.getDefault(Locale.Category.FORMAT);
        Locale.setDefault(TURKISH);
    }

    @AfterEach
    void restoreLocale() {
        Locale.setDefault(savedDefault);
        Locale.setDefault(Locale.Category.DISPLAY, savedDisplay);
        Locale.setDefault(Locale.Category.FORMAT, savedFormat);
    }

    @Test
    void theTurkishLocaleReallyIsInForce() {
        assertThat("quit".toUpperCase()).as("the pitfall this class guards against").isEqualTo("QU\u0130T");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void quitBecomesQuitWithADotlessI(Transport transport) throws Exception {
        assertThat(roundTrip(transport, "quit")).isEqualTo("QUIT");
        assertThat(roundTrip(transport, "istanbul")).isEqualTo("ISTANBUL");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void sharpSBecomesTwoLettersAndLigaturesAreSplit(Transport transport) throws Exception {
        assertThat(roundTrip(transport, "straße")).isEqualTo("STRASSE");
        assertThat(roundTrip(transport, "\uFB01le")).isEqualTo("FILE");
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void arabicHasNoCaseAndComesBackUnchanged(Transport transport) throws Exception {
        String name = "أسماء جمال عبد الحليم مبروك ناجي";
        assertThat(roundTrip(transport, name)).isEqualTo(name);
        assertThat(roundTrip(transport, "asmaa " + name)).isEqualTo("ASMAA " + name);
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void charactersOutsideTheBasicPlaneSurvive(Transport transport) throws Exception {
        // 4-byte UTF-8, a surrogate pair in Java: 𐐨 (Deseret) has an upper case, 😀 has none.
        assertThat(roundTrip(transport, "\uD801\uDC28 😀 é")).isEqualTo("\uD801\uDC00 😀 É");
    }

    private static String roundTrip(Transport transport, String sentence) throws Exception {
        RecordingTerminal log = new RecordingTerminal();
        AutoCloseable server = transport == Transport.UDP
                ? UdpUppercaseServer.start(Loopback.anyPort(), log)
                : TcpUppercaseServer.start(Loopback.anyPort(), log);
        try (server) {
            int port = server instanceof UdpUppercaseServer udp ? udp.port() : ((TcpUppercaseServer) server).port();
            try (UppercaseClient client = UppercaseClient.open(transport, ClientOptions.to(Loopback.HOST, port))) {
                return client.exchange(sentence);
            }
        }
    }
}
