package io.switchboard.media.rtcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.switchboard.media.rtp.DecodeResult;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RtcpCodecTest {

    static ByteBuf hex(String hex) {
        return Unpooled.wrappedBuffer(ByteBufUtil.decodeHexDump(hex.replace(" ", "")));
    }

    static ByteBuf encode(List<? extends RtcpPacket> compound) {
        ByteBuf buf = Unpooled.buffer();
        RtcpCodec.encode(compound, buf);
        assertThat(buf.readableBytes()).isEqualTo(RtcpCodec.encodedLength(compound)).isEqualTo(buf.readableBytes() / 4 * 4);
        return buf;
    }

    static List<RtcpPacket> roundTrip(List<? extends RtcpPacket> compound) {
        DecodeResult<List<RtcpPacket>> r = RtcpCodec.decode(encode(compound));
        assertThat(r.isSuccess()).as("%s", r).isTrue();
        return r.value();
    }

    private static final ReceiverReport EMPTY_RR = new ReceiverReport(1, List.of());

    @Test
    void senderReportWithBlocksRoundTrips() {
        SenderReport sr = new SenderReport(0xFEDCBA98L, 0xE5F1_2345_8000_0001L, 0xFFFFFFFFL, 1234, 160 * 1234,
                List.of(new ReportBlock(0x11111111L, 255, ReportBlock.MAX_CUMULATIVE_LOST, 0x0003_FFFFL, 80, 0xB7052000L, 0x00054000L),
                        new ReportBlock(0x22222222L, 0, -3, 17, 0, 0, 0)));
        assertThat(roundTrip(List.of(sr))).containsExactly(sr);
        assertThat(sr.encodedLength()).isEqualTo(28 + 2 * 24);
    }

    @Test
    void receiverReportWithoutBlocksRoundTrips() {
        assertThat(roundTrip(List.of(EMPTY_RR))).containsExactly(EMPTY_RR);
        assertThat(EMPTY_RR.encodedLength()).isEqualTo(8);
    }

    @Test
    void sdesItemsEndWithOneToFourNullsWhateverTheirLength() {
        for (int n = 0; n <= 9; n++) {
            SourceDescription sdes = new SourceDescription(List.of(
                    new SourceDescription.Chunk(7, List.of(SdesItem.cname("x".repeat(n)))),
                    new SourceDescription.Chunk(8, List.of(SdesItem.cname("c@h"), new SdesItem(SdesItemType.NAME, "Ünïcødé".repeat(n))))));
            assertThat(roundTrip(List.of(EMPTY_RR, sdes))).as("length %d", n).containsExactly(EMPTY_RR, sdes);
        }
        // type 1, length 1, "x", then one null octet: exactly one word after the SSRC
        assertThat(SourceDescription.cname(7, "x").encodedLength()).isEqualTo(4 + 4 + 4);
        // 2 + 2 octets fill the word: a whole word of nulls follows
        assertThat(SourceDescription.cname(7, "xy").encodedLength()).isEqualTo(4 + 4 + 8);
    }

    @Test
    void byeWithAndWithoutReasonRoundTrips() {
        for (String reason : List.of("", "a", "ab", "abc", "abcd", "hung up")) {
            Bye bye = new Bye(List.of(1L, 0xFFFFFFFFL), reason);
            assertThat(roundTrip(List.of(EMPTY_RR, bye))).as("reason '%s'", reason).containsExactly(EMPTY_RR, bye);
        }
    }

    @Test
    void appRoundTrips() {
        AppPacket app = new AppPacket(5, 9, "SWBD", new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThat(roundTrip(List.of(EMPTY_RR, app))).containsExactly(EMPTY_RR, app);
    }

    @Test
    void compoundReportRoundTrips() {
        List<RtcpPacket> compound = List.of(
                new SenderReport(42, 1L << 63, 160, 1, 160, List.of(new ReportBlock(43, 12, 3, 1000, 4, 5, 6))),
                SourceDescription.cname(42, "AAAAAAAAAAAAAAAA"),
                new Bye(List.of(42L), ""),
                new AppPacket(0, 42, "test", new byte[0]));
        assertThat(roundTrip(compound)).isEqualTo(compound);
    }

    @Test
    void decodesHandAssembledReceiverReportAndSdes() {
        DecodeResult<List<RtcpPacket>> r = RtcpCodec.decode(hex(
                "81c90007 00001234 deadbeef 05fffffe 00010010 00000020 b7052000 00054000"
                        + " 81ca0002 00001234 01017800"));
        assertThat(r.isSuccess()).as("%s", r).isTrue();
        assertThat(r.value()).containsExactly(
                new ReceiverReport(0x1234, List.of(new ReportBlock(0xDEADBEEFL, 5, -2, 65552, 32, 0xB7052000L, 0x00054000L))),
                SourceDescription.cname(0x1234, "x"));
    }

    @Test
    void skipsUnknownTypesAndHonoursPaddingOnTheLastPacket() {
        // RR, an RFC 3611 XR (207) of two words, SDES padded with 4 octets
        DecodeResult<List<RtcpPacket>> r = RtcpCodec.decode(hex(
                "80c90001 00000001 80cf0001 00000001 a1ca0003 00001234 01017800 00000004"));
        assertThat(r.isSuccess()).as("%s", r).isTrue();
        assertThat(r.value()).containsExactly(EMPTY_RR, SourceDescription.cname(0x1234, "x"));
    }

    @Test
    void keepsThePacketWhenAnSdesItemIsNotUtf8() {
        DecodeResult<List<RtcpPacket>> r = RtcpCodec.decode(hex("80c90001 00000001 81ca0002 00001234 0101ff00"));
        assertThat(r.value().get(1)).isEqualTo(new SourceDescription(List.of(new SourceDescription.Chunk(0x1234, List.of()))));
    }

    /** RFC 5506 reduced-size RTCP: baresip sends a lone BYE at hang-up and a lone APP at call start. */
    @Test
    void acceptsReducedSizeRtcpThatDoesNotStartWithAReport() {
        DecodeResult<List<RtcpPacket>> bye = RtcpCodec.decode(hex("81cb0001 00001234"));
        assertThat(bye.isSuccess()).as(bye.toString()).isTrue();
        assertThat(bye.value()).singleElement().isInstanceOf(Bye.class);
        DecodeResult<List<RtcpPacket>> sdes = RtcpCodec.decode(hex("81ca0002 00001234 01017800"));
        assertThat(sdes.isSuccess()).as(sdes.toString()).isTrue();
    }

    @Test
    void refusesToEncodeACompoundThatDoesNotStartWithAReport() {
        assertThatThrownBy(() -> RtcpCodec.encode(List.of(SourceDescription.cname(1, "x")), Unpooled.buffer()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 256, 0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 0x800000, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void randomBytesNeverThrow() {
        SplittableRandom random = new SplittableRandom(3550);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[4 + random.nextInt(80)];
            random.nextBytes(b);
            b[0] = (byte) (0x80 | b[0] & 0x3F);
            b[1] = (byte) (200 + random.nextInt(2));
            if (random.nextBoolean()) {
                b[2] = 0;
                b[3] = (byte) (b.length / 4 - 1);
            }
            RtcpCodec.decode(Unpooled.wrappedBuffer(b));
        }
    }
}
