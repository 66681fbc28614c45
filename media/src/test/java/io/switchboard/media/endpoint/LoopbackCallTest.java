package io.switchboard.media.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.core.lane.ExecutorLane;
import io.switchboard.media.codec.G711Codec;
import io.switchboard.media.codec.PcmFrame;
import io.switchboard.media.dtmf.DtmfDigit;
import io.switchboard.media.dtmf.DtmfPress;
import io.switchboard.media.dtmf.GoertzelDtmfDetector;
import io.switchboard.media.dtmf.Rfc4733Receiver;
import io.switchboard.media.dtmf.TelephoneEventSender;
import io.switchboard.media.dtmf.ToneGenerator;
import io.switchboard.media.dtmf.TonePlan;
import io.switchboard.media.rtp.PortAllocator;
import io.switchboard.media.rtp.RtpSession;
import io.switchboard.media.rtp.RtpSessionOptions;
import io.switchboard.media.rtp.RtpTransport;
import io.switchboard.media.sdp.LocalMedia;
import io.switchboard.media.sdp.MediaPolicy;
import io.switchboard.media.sdp.NegotiatedMedia;
import io.switchboard.media.sdp.NegotiationResult;
import io.switchboard.media.sdp.SdpNegotiator;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pieces together, as the B2BUA will use them: SDP offer/answer between two endpoints on
 * 127.0.0.1, then audio and RFC 4733 DTMF over real sockets, detected on the far side.
 */
class LoopbackCallTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final RtpTransport transport = new RtpTransport(LOOPBACK, new PortAllocator(45000, 45999), 1);
    private final ExecutorLane callerLane = new ExecutorLane("caller");
    private final ExecutorLane calleeLane = new ExecutorLane("callee");

    @AfterEach
    void tearDown() throws Exception {
        transport.close();
        callerLane.shutdown(Duration.ofSeconds(2));
        calleeLane.shutdown(Duration.ofSeconds(2));
    }

    private static void configure(RtpSession s, NegotiatedMedia m) {
        s.setCodec(G711Codec.forPayloadType(m.codec()), m.codec().number());
        s.setRemote(new InetSocketAddress(m.remoteAddress(), m.remotePort()));
    }

    @Test
    void negotiatedCallCarriesInBandAndRfc4733Dtmf() throws Exception {
        RtpSession caller = transport.open(callerLane, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
        RtpSession callee = transport.open(calleeLane, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
        SdpNegotiator negotiator = new SdpNegotiator(MediaPolicy.g711());
        String offer = negotiator.offer(new LocalMedia("127.0.0.1", caller.localPort(), 1, 1));
        NegotiationResult answer = negotiator.answer(offer, new LocalMedia("127.0.0.1", callee.localPort(), 2, 1));
        NegotiationResult callerView = negotiator.acceptAnswer(answer.answer());
        configure(callee, answer.media());
        configure(caller, callerView.media());
        int eventPt = answer.media().telephoneEvent().number();

        List<DtmfPress> inBand = new CopyOnWriteArrayList<>();
        List<DtmfPress> events = new CopyOnWriteArrayList<>();
        AtomicInteger frames = new AtomicInteger();
        calleeLane.execute(() -> {
            GoertzelDtmfDetector detector = new GoertzelDtmfDetector(inBand::add);
            Rfc4733Receiver receiver = new Rfc4733Receiver(events::add);
            MediaEndpoint endpoint = callee;
            endpoint.setFrameListener(f -> {
                frames.incrementAndGet();
                detector.process(f);
            });
            callee.setPacketListener((p, src) -> {
                if (p.payloadType() == eventPt) {
                    receiver.onPacket(p);
                }
            });
        });
        callerLane.execute(() -> {
            MediaEndpoint endpoint = caller;
            ToneGenerator five = new ToneGenerator(TonePlan.dtmf(DtmfDigit.D5, 100, 100), 6000);
            while (!five.isFinished()) {
                endpoint.send(five.nextFrame());
            }
            TelephoneEventSender sender = new TelephoneEventSender(caller.sender(), eventPt, 10);
            for (char c : "12#".toCharArray()) {
                sender.start(DtmfDigit.fromSymbol(c), 60);
                while (sender.isActive()) {
                    sender.tick().forEach(caller::sendPacket);
                }
            }
            endpoint.send(PcmFrame.silence());
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 3 && frames.get() == 11);
        assertThat(inBand).extracting(DtmfPress::digit).containsExactly(DtmfDigit.D5);
        assertThat(events).extracting(DtmfPress::digit).containsExactly(DtmfDigit.D1, DtmfDigit.D2, DtmfDigit.HASH);
        assertThat(callee.isLatched()).isTrue();
        assertThat(callee.remote().getPort()).isEqualTo(caller.localPort());
        caller.close();
        callee.close();
        caller.closeFuture().get(5, TimeUnit.SECONDS);
        callee.closeFuture().get(5, TimeUnit.SECONDS);
        assertThat(transport.ports().inUseCount()).isZero();
    }

    @Test
    void manyShortSessionsLeaveNoPortAllocated() throws Exception {
        for (int i = 0; i < 1000; i++) {
            RtpSession s = transport.open(callerLane, RtpSessionOptions.defaults()).get(5, TimeUnit.SECONDS);
            s.close();
            s.closeFuture().get(5, TimeUnit.SECONDS);
        }
        assertThat(transport.ports().inUseCount()).isZero();
        assertThat(transport.ports().freeCount()).isEqualTo(transport.ports().capacity());
    }
}
