package io.switchboard.media.dtmf;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelephoneEventTest {

    @Test
    void parsesTheRfc4733Layout() {
        // digit 5, E=1, volume 10, duration 800 (100 ms at 8 kHz)
        TelephoneEvent e = TelephoneEvent.parse(new byte[] {5, (byte) 0x8A, 0x03, 0x20}).value();
        assertThat(e).isEqualTo(new TelephoneEvent(5, true, 10, 800));
        assertThat(e.digit()).isEqualTo(DtmfDigit.D5);
        // the R bit is ignored
        assertThat(TelephoneEvent.parse(new byte[] {11, 0x4A, 0, (byte) 0xA0}).value())
                .isEqualTo(new TelephoneEvent(11, false, 10, 160));
    }

    @Test
    void buildsAndRoundTrips() {
        TelephoneEvent e = new TelephoneEvent(10, true, 63, 65535);
        assertThat(e.toBytes()).containsExactly(10, 0xBF, 0xFF, 0xFF);
        assertThat(TelephoneEvent.parse(e.toBytes()).value()).isEqualTo(e);
        assertThat(e.digit()).isEqualTo(DtmfDigit.STAR);
    }

    @Test
    void shortPayloadIsAFailureAndFlashIsNotADigit() {
        assertThat(TelephoneEvent.parse(new byte[] {1, 2, 3}).reason()).contains("3 octets");
        assertThat(new TelephoneEvent(16, false, 0, 0).digit()).isNull();
    }

    @Test
    void digitTableMatchesRfc4733AndQ23() {
        assertThat(DtmfDigit.fromEvent(11)).isEqualTo(DtmfDigit.HASH);
        assertThat(DtmfDigit.fromEvent(15).symbol()).isEqualTo('D');
        assertThat(DtmfDigit.fromSymbol('a')).isEqualTo(DtmfDigit.A);
        assertThat(DtmfDigit.D1.rowHz()).isEqualTo(697);
        assertThat(DtmfDigit.D1.columnHz()).isEqualTo(1209);
        assertThat(DtmfDigit.D0.rowHz()).isEqualTo(941);
        assertThat(DtmfDigit.D0.columnHz()).isEqualTo(1336);
    }
}
