package io.switchboard.media.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PayloadTypeTest {

    @Test
    void staticAssignmentsFromRfc3551() {
        assertThat(PayloadType.staticType(0)).isEqualTo(PayloadType.PCMU);
        assertThat(PayloadType.staticType(8)).isEqualTo(PayloadType.PCMA);
        assertThat(PayloadType.staticType(18)).isNull();
        assertThat(PayloadType.PCMU.rtpmap()).isEqualTo("PCMU/8000");
        assertThat(PayloadType.PCMU.isStatic()).isTrue();
    }

    @Test
    void telephoneEventIsDynamic() {
        PayloadType te = PayloadType.telephoneEvent(101);
        assertThat(te.isStatic()).isFalse();
        assertThat(te.isTelephoneEvent()).isTrue();
        assertThat(te.rtpmap()).isEqualTo("telephone-event/8000");
        assertThat(new PayloadType(96, "pcmu", 8000, 1).sameCodecAs(PayloadType.PCMU)).isTrue();
        assertThat(G711Codec.forPayloadType(new PayloadType(97, "PCMA", 8000, 1))).isEqualTo(G711Codec.PCMA);
        assertThat(PayloadType.telephoneEvent(110, 48000).rtpmap()).isEqualTo("telephone-event/48000");
        assertThat(PayloadType.telephoneEvent(101)).isEqualTo(PayloadType.telephoneEvent(101, 8000));
    }

    @Test
    void opusIsDeclaredAsRfc7587Requires() {
        assertThat(PayloadType.OPUS.rtpmap()).isEqualTo("opus/48000/2");
        assertThat(PayloadType.OPUS.isStatic()).isFalse();
        assertThat(new PayloadType(96, "OPUS", 48000, 2).sameCodecAs(PayloadType.OPUS)).isTrue();
        assertThat(new PayloadType(96, "opus", 48000, 1).sameCodecAs(PayloadType.OPUS)).isFalse();
    }

    @Test
    void rejectsOutOfRangeNumbersAndWrongFrameSizes() {
        assertThatThrownBy(() -> new PayloadType(128, "x", 8000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PcmFrame.of(new short[159])).isInstanceOf(IllegalArgumentException.class);
        assertThat(PcmFrame.SAMPLES).isEqualTo(160);
    }
}
