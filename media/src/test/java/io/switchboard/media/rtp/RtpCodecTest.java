package io.switchboard.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

class RtpCodecTest {

    private static DecodeResult<RtpPacket> decode(String hex) {
        return RtpCodec.decode(Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex)));
    }

    private static String encode(RtpPacket p) {
        ByteBuf buf = Unpooled.buffer();
        RtpCodec.encode(p, buf);
        assertThat(buf.readableBytes()).isEqualTo(p.encodedLength());
        return ByteBufUtil.hexDump(buf);
    }

    @Test
    void decodesAPcmuPacketAsCapturedFromSipp() {
        // V=2, no P/X/CC, M=1, PT=0, seq 0x1234, ts 0x000000a0, SSRC 0xdeadbeef, 4 payload bytes
        DecodeResult<RtpPacket> r = decode("8080123400000" + "0a0deadbeefff7f0080");
        assertThat(r.isSuccess()).as(r.toString()).isTrue();
        RtpPacket p = r.value();
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isZero();
        assertThat(p.sequenceNumber()).isEqualTo(0x1234);
        assertThat(p.timestamp()).isEqualTo(0xa0);
        assertThat(p.ssrc()).isEqualTo(0xdeadbeefL);
        assertThat(p.payload()).containsExactly(0xff, 0x7f, 0x00, 0x80);
        assertThat(p.hasExtension()).isFalse();
    }

    @Test
    void unsignedFieldsSurviveTheRoundTrip() {
        RtpPacket p = RtpPacket.of(false, 101, 65535, 0xFFFFFFFFL, 0x80000000L, new byte[] {1, 2, 3});
        String hex = encode(p);
        assertThat(hex).isEqualTo("8065ffffffffffff80000000010203");
        assertThat(decode(hex).value()).isEqualTo(p);
    }

    @Test
    void csrcExtensionAndPaddingRoundTrip() {
        RtpPacket p = RtpPacket.builder().marker(true).payloadType(8).sequenceNumber(7).timestamp(160)
                .ssrc(1).csrcs(0x11111111L, 0x22222222L).extension(0xBEDE, new byte[] {0x10, 0x55, 0, 0})
                .payload(new byte[] {9, 9}).padding(4).build();
        String hex = encode(p);
        assertThat(hex).isEqualTo("b2880007000000a000000001" + "1111111122222222" + "bede000110550000" + "0909"
                + "00000004");
        RtpPacket back = decode(hex).value();
        assertThat(back).isEqualTo(p);
        assertThat(back.csrcs()).containsExactly(0x11111111L, 0x22222222L);
        assertThat(back.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(back.payload()).containsExactly(9, 9);
        assertThat(back.padding()).isEqualTo(4);
    }

    @Test
    void malformedPacketsAreRejectedWithAReason() {
        assertThat(decode("").reason()).contains("shorter");
        assertThat(decode("80000001000000000000").reason()).contains("shorter");
        assertThat(decode("40000001000000000000000000").reason()).contains("version 1");
        assertThat(decode("00000001000000000000000000").reason()).contains("version 0");
        // CC=3 but only one CSRC present
        assertThat(decode("830000010000000000000001aaaaaaaa").reason()).contains("CSRC count 3");
        // X set, extension header says 2 words, only one present
        DecodeResult<RtpPacket> ext = decode("900000010000000000000001bede000211111111");
        assertThat(ext.reason()).contains("header extension");
        assertThat(ext.offset()).isEqualTo(16);
        assertThat(decode("9000000100000000000000010000").reason()).contains("extension header");
        // P set with count 0, and count larger than the payload
        assertThat(decode("a000000100000000000000010100").reason()).contains("padding count is 0");
        assertThat(decode("a000000100000000000000010109").reason()).contains("exceeds");
        // RTCP receiver report (PT 201 → 0xc9: marker + 73) multiplexed on the RTP port
        assertThat(decode("81c90007000000010000000000000000").reason()).contains("RTCP");
    }

    @Test
    void fuzzedInputNeverThrows() {
        java.util.Random random = new java.util.Random(3550);
        int ok = 0;
        for (int i = 0; i < 20000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            if (b.length > 0 && random.nextBoolean()) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F));
            }
            DecodeResult<RtpPacket> r = RtpCodec.decode(Unpooled.wrappedBuffer(b));
            if (r.isSuccess()) {
                ok++;
                assertThat(r.value().encodedLength()).isEqualTo(b.length);
            } else {
                assertThat(r.reason()).isNotBlank();
            }
        }
        assertThat(ok).isPositive();
    }

    @Test
    void decodingDoesNotConsumeTheBuffer() {
        ByteBuf buf = Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump("800000010000000000000001"));
        assertThat(RtpCodec.decode(buf).value().payloadLength()).isZero();
        assertThat(buf.readerIndex()).isZero();
    }
}
