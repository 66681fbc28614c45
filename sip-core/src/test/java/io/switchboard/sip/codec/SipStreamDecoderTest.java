package io.switchboard.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link SipStreamDecoder} on an {@link EmbeddedChannel}: RFC 3261 §18.3 stream framing with the
 * RFC 4475 files, pipelining, byte-by-byte delivery, RFC 5626 keep-alives and size limits. Every
 * buffer written in is checked to be released.
 */
class SipStreamDecoderTest {
    /** Files whose TCP framing differs from the datagram case (EXPECTED.md) or has no empty line. */
    private static final Set<String> SPECIAL = Set.of("clerr", "ncl", "mcl01", "dblreq", "baddn", "inv2543");

    private final List<ByteBuf> written = new ArrayList<>();
    private final SipDecoder decoder = new SipDecoder(16384);
    private EmbeddedChannel channel = new EmbeddedChannel(new SipStreamDecoder(16384, 65536));

    @AfterEach
    void noLeaks() {
        channel.finishAndReleaseAll();
        for (ByteBuf b : written) {
            assertThat(b.refCnt()).as("inbound buffer released").isZero();
        }
    }

    static Stream<String> ordinaryFiles() {
        return TortureData.rfc4475Names().stream().filter(n -> !SPECIAL.contains(n));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ordinaryFiles")
    void eachFileFramesAsOneMessageThatDecodesLikeTheDatagram(String file) {
        byte[] bytes = TortureData.rfc4475(file);
        write(bytes);
        List<SipStreamDecoder.Frame> frames = frames();
        assertThat(frames).as(file).hasSize(1);
        assertThat(frames.get(0).error()).isNull();
        assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).startsWith(new String(frames.get(0).bytes(), StandardCharsets.ISO_8859_1));
        Expect expect = Rfc4475DecoderTest.EXPECTED.get(file);
        expect.verify(file, decoder.decodeFramed(frames.get(0).bytes(), frames.get(0).error()));
    }

    @Test
    void clerrWaitsForTheMissingBody() {
        write(TortureData.rfc4475("clerr"));
        assertThat(frames()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void baddnWithoutAnEmptyLineWaits() {
        write(TortureData.rfc4475("baddn"));
        assertThat(frames()).isEmpty();
    }

    @Test
    void nclIsAFramingErrorAndReadingStops() {
        framingErrorStopsReading("ncl", "Negative Content-Length");
    }

    @Test
    void mcl01IsAFramingErrorAndReadingStops() {
        framingErrorStopsReading("mcl01", "Conflicting Content-Length values");
    }

    private void framingErrorStopsReading(String file, String reason) {
        write(TortureData.rfc4475(file));
        List<SipStreamDecoder.Frame> frames = frames();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).error()).isEqualTo(reason);
        Decoded d = decoder.decodeFramed(frames.get(0).bytes(), frames.get(0).error());
        assertThat(d).isInstanceOfSatisfying(Decoded.Reject.class, r -> assertThat(r.status()).isEqualTo(400));
        assertThat(channel.config().isAutoRead()).isFalse();
        write(TortureData.rfc4475("zeromf"));
        assertThat(frames()).isEmpty();
    }

    @Test
    void dblreqOverTcpIsTheRegisterThenTheInvite() {
        write(TortureData.rfc4475("dblreq"));
        List<SipStreamDecoder.Frame> frames = frames();
        // the INVITE's Content-Length (150) is shorter than its SDP, so the rest frames as a third "message"
        assertThat(frames).hasSize(3);
        assertThat(decoder.decodeFramed(frames.get(2).bytes(), null)).isInstanceOf(Decoded.Drop.class);
        assertThat(method(frames.get(0))).isEqualTo("REGISTER");
        assertThat(new String(frames.get(1).bytes(), StandardCharsets.US_ASCII)).startsWith("INVITE ");
    }

    @Test
    void inv2543WithoutContentLengthHasAnEmptyBodyOnAStream() {
        write(TortureData.rfc4475("inv2543"));
        List<SipStreamDecoder.Frame> frames = frames();
        assertThat(frames).hasSize(1);
        assertThat(method(frames.get(0))).isEqualTo("INVITE");
    }

    @Test
    void pipelinedMessagesInOneBufferGiveTwoFrames() {
        byte[] a = TortureData.rfc4475("esc01");
        byte[] b = TortureData.rfc4475("mpart01");
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        write(both);
        List<SipStreamDecoder.Frame> frames = frames();
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).bytes()).isEqualTo(a);
        assertThat(frames.get(1).bytes()).isEqualTo(b);
    }

    @Test
    void aMessageSplitIntoOneByteWritesReassembles() {
        byte[] bytes = TortureData.rfc4475("wsinv");
        for (byte x : bytes) {
            write(new byte[] {x});
        }
        List<SipStreamDecoder.Frame> frames = frames();
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).bytes()).isEqualTo(bytes);
        assertThat(decoder.decodeFramed(frames.get(0).bytes(), null)).isInstanceOf(Decoded.Message.class);
    }

    @Test
    void doubleCrlfPingGetsACrlfPong() {
        write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(frames()).isEmpty();
        assertThat(outbound()).isEqualTo("\r\n");
        assertThat(outbound()).isNull();
    }

    @Test
    void pingSplitAcrossReadsStillGetsOnePong() {
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(outbound()).isNull();
        write("\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(outbound()).isEqualTo("\r\n");
    }

    @Test
    void pingBeforeAMessageIsAnsweredAndTheMessageFramed() {
        byte[] msg = TortureData.rfc4475("zeromf");
        byte[] all = new byte[msg.length + 4];
        System.arraycopy("\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0, all, 0, 4);
        System.arraycopy(msg, 0, all, 4, msg.length);
        write(all);
        assertThat(outbound()).isEqualTo("\r\n");
        assertThat(frames()).singleElement().satisfies(f -> assertThat(f.bytes()).isEqualTo(msg));
    }

    @Test
    void oversizedHeaderSectionIsAnErrorFrame() {
        channel = new EmbeddedChannel(new SipStreamDecoder(1024, 65536));
        StringBuilder head = new StringBuilder("OPTIONS sip:a@example.com SIP/2.0\r\n");
        while (head.length() < 2048) {
            head.append("X-Filler: ").append("y".repeat(60)).append("\r\n");
        }
        write(head.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(frames()).singleElement().satisfies(f -> assertThat(f.error()).isEqualTo("Header section too large"));
        assertThat(channel.config().isAutoRead()).isFalse();
    }

    @Test
    void oversizedBodyIsAnErrorFrameThatCanBeAnswered() {
        channel = new EmbeddedChannel(new SipStreamDecoder(16384, 1000));
        String text = new String(TortureData.rfc4475("zeromf"), StandardCharsets.US_ASCII)
                .replace("Content-Length: 0", "Content-Length: 5000");
        write(text.getBytes(StandardCharsets.US_ASCII));
        List<SipStreamDecoder.Frame> frames = frames();
        assertThat(frames).singleElement().satisfies(f -> assertThat(f.error()).isEqualTo("Message body too large"));
        Decoded d = decoder.decodeFramed(frames.get(0).bytes(), frames.get(0).error());
        assertThat(d).isInstanceOfSatisfying(Decoded.Reject.class, r -> assertThat(r.reason()).isEqualTo("Message body too large"));
    }

    private String method(SipStreamDecoder.Frame frame) {
        Decoded d = decoder.decodeFramed(frame.bytes(), frame.error());
        assertThat(d).isInstanceOf(Decoded.Message.class);
        return ((SIPRequest) ((Decoded.Message) d).message()).getMethod();
    }

    private void write(byte[] bytes) {
        ByteBuf buf = Unpooled.copiedBuffer(bytes);
        written.add(buf);
        channel.writeInbound(buf);
    }

    private List<SipStreamDecoder.Frame> frames() {
        List<SipStreamDecoder.Frame> out = new ArrayList<>();
        for (Object o = channel.readInbound(); o != null; o = channel.readInbound()) {
            assertThat(o).isInstanceOf(SipStreamDecoder.Frame.class);
            out.add((SipStreamDecoder.Frame) o);
        }
        return out;
    }

    private String outbound() {
        ByteBuf b = channel.readOutbound();
        if (b == null) {
            return null;
        }
        try {
            return b.toString(StandardCharsets.US_ASCII);
        } finally {
            b.release();
        }
    }

}
