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
    }

    @Test
    void rejectsOutOfRangeNumbersAndWrongFrameSizes() {
        assertThatThrownBy(() -> new PayloadType(128, "x", 8000, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PcmFrame.of(new short[159])).isInstanceOf(IllegalArgumentException.class);
        assertThat(PcmFrame.SAMPLES).isEqualTo(160);
    }
}
