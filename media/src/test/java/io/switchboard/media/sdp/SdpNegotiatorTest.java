package io.switchboard.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.codec.PayloadType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpNegotiatorTest {
    private static final LocalMedia LOCAL = new LocalMedia("192.0.2.10", 40000, 1234, 1);
    private final SdpNegotiator negotiator = new SdpNegotiator(MediaPolicy.g711());

    private static String sdp(String... lines) {
        return String.join("\r\n", lines) + "\r\n";
    }

    /** RFC 4317 §2.1 (Alice offers audio PCMU/PCMA/iLBC plus video; Bob has no video). */
    private static final String RFC4317_AUDIO_VIDEO = sdp(
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 host.atlanta.example.com",
            "s=",
            "c=IN IP4 host.atlanta.example.com",
            "t=0 0",
            "m=audio 49170 RTP/AVP 0 8 97",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:97 iLBC/8000",
            "m=video 51372 RTP/AVP 31 32",
            "a=rtpmap:31 H261/90000",
            "a=rtpmap:32 MPV/90000");

    /** What baresip 1.0 offers with its g711 and opus modules loaded. */
    private static final String BARESIP = sdp(
            "v=0",
            "o=- 1583217461 2012343862 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 10194 RTP/AVP 96 0 8 101",
            "b=AS:128",
            "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 stereo=1;sprop-stereo=1",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=ptime:20",
            "a=sendrecv",
            "a=label:1",
            "a=rtcp-rsize",
            "a=ssrc:2921427331 cname:sip:alice@127.0.0.1");

    /** SIPp's built-in uac (after [media_ip]/[media_port] substitution). */
    private static final String SIPP_UAC = sdp(
            "v=0",
            "o=user1 53655765 2353687637 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 6000 RTP/AVP 0",
            "a=rtpmap:0 PCMU/8000");

    /** A baresip-like softphone with Opus first and telephone-event on both clocks. */
    private static final String OPUS_FIRST = sdp(
            "v=0",
            "o=- 3911291437 3911291438 IN IP4 127.0.0.1",
            "s=-",
            "c=IN IP4 127.0.0.1",
            "t=0 0",
            "m=audio 10200 RTP/AVP 96 0 8 97 101",
            "a=rtpmap:96 opus/48000/2",
            "a=fmtp:96 stereo=1;sprop-stereo=1;useinbandfec=1",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:97 telephone-event/48000",
            "a=fmtp:97 0-15",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-15",
            "a=ptime:20",
            "a=sendrecv");

    /** An Opus-only offer (a WebRTC gateway, say), telephone-event at 48 kHz first, name in capitals. */
    private static final String OPUS_ONLY = sdp(
            "v=0",
            "o=- 42 42 IN IP4 198.51.100.7",
            "s=-",
            "c=IN IP4 198.51.100.7",
            "t=0 0",
            "m=audio 30000 RTP/AVP 109 126 101",
            "a=rtpmap:109 OPUS/48000/2",
            "a=fmtp:109 maxplaybackrate=16000",
            "a=rtpmap:126 telephone-event/48000",
            "a=fmtp:126 0-16",
            "a=rtpmap:101 telephone-event/8000");

    @Test
    void rfc4317AnswerAcceptsPcmuAndRejectsVideoWithPortZero() {
        NegotiationResult r = negotiator.answer(RFC4317_AUDIO_VIDEO, LOCAL);
        assertThat(r.isAccepted()).as(r.toString()).isTrue();
        NegotiatedMedia m = r.media();
        assertThat(m.codec()).isEqualTo(PayloadType.PCMU);
        assertThat(m.telephoneEvent()).isNull();
        assertThat(m.remoteAddress()).isEqualTo("host.atlanta.example.com");
        assertThat(m.remotePort()).isEqualTo(49170);
        assertThat(m.direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(r.answer()).contains("\r\n")
                .contains("o=switchboard 1234 1 IN IP4 192.0.2.10")
                .contains("c=IN IP4 192.0.2.10")
                .contains("m=audio 40000 RTP/AVP 0\r\n")
                .contains("a=rtpmap:0 PCMU/8000")
                .contains("a=ptime:20")
                .contains("a=sendrecv")
                .contains("m=video 0 RTP/AVP 31 32")
                .doesNotContain("PCMA");
        assertThat(r.answer().indexOf("m=audio")).isLessThan(r.answer().indexOf("m=video"));
    }

    @Test
    void baresipOfferGetsPcmuAndItsTelephoneEventNumber() {
        NegotiationResult r = negotiator.answer(BARESIP, LOCAL);
        NegotiatedMedia m = r.media();
        assertThat(m.codec()).isEqualTo(PayloadType.PCMU);
        assertThat(m.telephoneEvent()).isEqualTo(PayloadType.telephoneEvent(101));
        assertThat(m.remotePtimeMs()).isEqualTo(20);
        assertThat(r.answer()).contains("m=audio 40000 RTP/AVP 0 101\r\n")
                .contains("a=rtpmap:101 telephone-event/8000")
                .contains("a=fmtp:101 0-15")
                .doesNotContain("opus");
    }

    @Test
    void sippUacOfferIsAnswered() {
        NegotiationResult r = negotiator.answer(SIPP_UAC, LOCAL);
        assertThat(r.media().codec()).isEqualTo(PayloadType.PCMU);
        assertThat(r.media().remotePort()).isEqualTo(6000);
        assertThat(r.answer()).contains("m=audio 40000 RTP/AVP 0\r\n");
    }

    @Test
    void ourPreferenceOrderWinsAndTheOfferersNumberIsKept() {
        String offer = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 5004 RTP/AVP 8 0 96", "a=rtpmap:96 telephone-event/8000", "a=fmtp:96 0-16");
        assertThat(negotiator.answer(offer, LOCAL).media().codec()).isEqualTo(PayloadType.PCMU);
        SdpNegotiator alawFirst = new SdpNegotiator(
                new MediaPolicy(List.of(PayloadType.PCMA, PayloadType.PCMU), true, 20));
        NegotiationResult r = alawFirst.answer(offer, LOCAL);
        assertThat(r.media().codec()).isEqualTo(PayloadType.PCMA);
        assertThat(r.media().telephoneEvent().number()).isEqualTo(96);
        assertThat(r.answer()).contains("m=audio 40000 RTP/AVP 8 96\r\n").contains("a=fmtp:96 0-16");

        String dynamicPcma = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 5004 RTP/AVP 98", "a=rtpmap:98 pcma/8000");
        NegotiatedMedia m = negotiator.answer(dynamicPcma, LOCAL).media();
        assertThat(m.codec().number()).isEqualTo(98);
        assertThat(m.codec().sameCodecAs(PayloadType.PCMA)).isTrue();
    }

    @Test
    void directionsAreMirrored() {
        assertThat(withDirection("a=sendonly").media().direction()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(withDirection("a=sendonly").answer()).contains("a=recvonly");
        assertThat(withDirection("a=recvonly").media().direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(withDirection("a=recvonly").answer()).contains("a=sendonly");
        assertThat(withDirection("a=inactive").media().direction()).isEqualTo(MediaDirection.INACTIVE);
        assertThat(withDirection("a=inactive").answer()).contains("a=inactive");
        assertThat(withDirection("a=sendrecv").media().direction()).isEqualTo(MediaDirection.SENDRECV);
        assertThat(MediaDirection.SENDONLY.mirror().mirror()).isEqualTo(MediaDirection.SENDONLY);
    }

    @Test
    void sessionLevelDirectionAppliesUnlessTheStreamOverridesIt() {
        String offer = sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0", "a=sendonly",
                "m=audio 5004 RTP/AVP 0");
        assertThat(negotiator.answer(offer, LOCAL).media().direction()).isEqualTo(MediaDirection.RECVONLY);
        String overridden = offer + "a=inactive\r\n";
        assertThat(negotiator.answer(overridden, LOCAL).media().direction()).isEqualTo(MediaDirection.INACTIVE);
    }

    @Test
    void oldStyleHoldWithZeroAddressMeansDoNotSend() {
        String offer = sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 0.0.0.0", "t=0 0",
                "m=audio 5004 RTP/AVP 0");
        NegotiatedMedia m = negotiator.answer(offer, LOCAL).media();
        assertThat(m.direction()).isEqualTo(MediaDirection.RECVONLY);
        assertThat(m.direction().sends()).isFalse();
    }

    @Test
    void noCommonCodecIsAClearResult() {
        String g729 = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 5004 RTP/AVP 18 101", "a=rtpmap:18 G729/8000", "a=rtpmap:101 telephone-event/8000");
        NegotiationResult r = negotiator.answer(g729, LOCAL);
        assertThat(r.isAccepted()).isFalse();
        assertThat(r.failure()).isEqualTo(NegotiationFailure.NO_COMMON_CODEC);
        assertThat(r.detail()).contains("18 101");
    }

    @Test
    void streamsWeCannotServeAreNotAudio() {
        String srtpOnly = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 5004 RTP/SAVP 0", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
        assertThat(negotiator.answer(srtpOnly, LOCAL).failure()).isEqualTo(NegotiationFailure.NO_AUDIO_STREAM);
        String videoOnly = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=video 5004 RTP/AVP 31");
        assertThat(negotiator.answer(videoOnly, LOCAL).failure()).isEqualTo(NegotiationFailure.NO_AUDIO_STREAM);
        String disabled = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 0 RTP/AVP 0");
        assertThat(negotiator.answer(disabled, LOCAL).failure()).isEqualTo(NegotiationFailure.NO_AUDIO_STREAM);
    }

    @Test
    void secondAudioStreamIsRejectedWhenTheFirstIsAccepted() {
        String two = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 5004 RTP/AVP 18", "m=audio 5006 RTP/AVP 8", "m=audio 5008 RTP/AVP 0");
        NegotiationResult r = negotiator.answer(two, LOCAL);
        assertThat(r.media().remotePort()).isEqualTo(5006);
        assertThat(r.answer()).contains("m=audio 0 RTP/AVP 18").contains("m=audio 40000 RTP/AVP 8")
                .contains("m=audio 0 RTP/AVP 0");
    }

    @Test
    void malformedBodiesAreRejectedNotThrown() {
        assertThat(negotiator.answer("", LOCAL).failure()).isEqualTo(NegotiationFailure.MALFORMED_SDP);
        assertThat(negotiator.answer("hello world", LOCAL).failure()).isEqualTo(NegotiationFailure.MALFORMED_SDP);
        NegotiationResult badPort = negotiator.answer(sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "t=0 0",
                "m=audio abc RTP/AVP 0"), LOCAL);
        assertThat(badPort.failure()).isEqualTo(NegotiationFailure.MALFORMED_SDP);
        assertThat(badPort.detail()).contains("line 5");
        NegotiationResult noConnection = negotiator.answer(sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "t=0 0",
                "m=audio 5004 RTP/AVP 0"), LOCAL);
        assertThat(noConnection.failure()).isEqualTo(NegotiationFailure.MALFORMED_SDP);
        assertThat(noConnection.detail()).contains("c=");
    }

    @Test
    void ourOfferIsAnsweredByOurselves() {
        String offer = negotiator.offer(LOCAL);
        assertThat(offer).contains("m=audio 40000 RTP/AVP 0 8 101\r\n").contains("a=fmtp:101 0-16")
                .contains("a=sendrecv");
        NegotiationResult r = negotiator.answer(offer, new LocalMedia("192.0.2.20", 41000, 9, 1));
        assertThat(r.media().codec()).isEqualTo(PayloadType.PCMU);
        assertThat(r.media().remoteAddress()).isEqualTo("192.0.2.10");
        assertThat(r.media().remotePort()).isEqualTo(40000);
    }

    @Test
    void theOffererProcessesTheAnswer() {
        String answer = sdp("v=0", "o=- 7 7 IN IP4 10.0.0.9", "s=-", "c=IN IP4 10.0.0.9", "t=0 0",
                "m=audio 7078 RTP/AVP 8 101", "a=rtpmap:8 PCMA/8000", "a=rtpmap:101 telephone-event/8000",
                "a=recvonly");
        NegotiationResult r = negotiator.acceptAnswer(answer);
        assertThat(r.isAccepted()).isTrue();
        assertThat(r.answer()).isNull();
        assertThat(r.media().codec()).isEqualTo(PayloadType.PCMA);
        assertThat(r.media().telephoneEvent().number()).isEqualTo(101);
        assertThat(r.media().direction()).isEqualTo(MediaDirection.SENDONLY);
        assertThat(r.media().remotePort()).isEqualTo(7078);
        String rejected = sdp("v=0", "o=- 7 7 IN IP4 10.0.0.9", "s=-", "c=IN IP4 10.0.0.9", "t=0 0",
                "m=audio 0 RTP/AVP 0");
        assertThat(negotiator.acceptAnswer(rejected).failure()).isEqualTo(NegotiationFailure.NO_AUDIO_STREAM);
        assertThat(negotiator.acceptAnswer("v=1").failure()).isEqualTo(NegotiationFailure.MALFORMED_SDP);
    }

    @Test
    void opusFirstOfferIsAnsweredWithOurPreferenceAndTheMatchingTelephoneEvent() {
        NegotiationResult r = new SdpNegotiator(MediaPolicy.all()).answer(OPUS_FIRST, LOCAL);
        assertThat(r.media().codec()).isEqualTo(PayloadType.PCMU);
        assertThat(r.media().telephoneEvent()).isEqualTo(PayloadType.telephoneEvent(101, 8000));
        assertThat(r.answer()).contains("m=audio 40000 RTP/AVP 0 101\r\n").contains("a=fmtp:101 0-15")
                .doesNotContain("opus").doesNotContain("48000");

        SdpNegotiator opusFirst = new SdpNegotiator(
                new MediaPolicy(List.of(PayloadType.OPUS, PayloadType.PCMU), true, 20));
        NegotiationResult o = opusFirst.answer(OPUS_FIRST, LOCAL);
        assertThat(o.media().codec()).isEqualTo(new PayloadType(96, "opus", 48000, 2));
        assertThat(o.media().telephoneEvent()).isEqualTo(PayloadType.telephoneEvent(97, 48000));
        assertThat(o.answer()).contains("m=audio 40000 RTP/AVP 96 97\r\n")
                .contains("a=rtpmap:96 opus/48000/2")
                .contains("a=fmtp:96 maxplaybackrate=8000;sprop-maxcapturerate=8000;useinbandfec=0")
                .contains("a=rtpmap:97 telephone-event/48000")
                .contains("a=fmtp:97 0-15")
                .doesNotContain("PCMU").doesNotContain("telephone-event/8000");
    }

    @Test
    void opusOnlyOfferKeepsTheOfferersNumbersAndTelephoneEventAt48k() {
        NegotiationResult r = new SdpNegotiator(MediaPolicy.all()).answer(OPUS_ONLY, LOCAL);
        assertThat(r.isAccepted()).as(r.toString()).isTrue();
        assertThat(r.media().codec().number()).isEqualTo(109);
        assertThat(r.media().codec().sameCodecAs(PayloadType.OPUS)).isTrue();
        assertThat(r.media().telephoneEvent()).isEqualTo(PayloadType.telephoneEvent(126, 48000));
        assertThat(r.media().remotePort()).isEqualTo(30000);
        assertThat(r.answer()).contains("m=audio 40000 RTP/AVP 109 126\r\n")
                .contains("a=rtpmap:109 OPUS/48000/2") // the offerer's spelling, names are case-insensitive
                .contains("a=fmtp:109 maxplaybackrate=8000;sprop-maxcapturerate=8000;useinbandfec=0")
                .contains("a=rtpmap:126 telephone-event/48000")
                .contains("a=fmtp:126 0-16");
    }

    @Test
    void telephoneEventOnTheOtherClockIsNotUsed() {
        String opusWithNarrowbandEvents = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1",
                "t=0 0", "m=audio 5004 RTP/AVP 111 101", "a=rtpmap:111 opus/48000/2",
                "a=rtpmap:101 telephone-event/8000");
        NegotiationResult r = new SdpNegotiator(MediaPolicy.all()).answer(opusWithNarrowbandEvents, LOCAL);
        assertThat(r.media().codec()).isEqualTo(PayloadType.OPUS);
        assertThat(r.media().telephoneEvent()).isNull();
        assertThat(r.answer()).contains("m=audio 40000 RTP/AVP 111\r\n").doesNotContain("telephone-event");

        String pcmuWithWidebandEvents = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1",
                "t=0 0", "m=audio 5004 RTP/AVP 0 97", "a=rtpmap:97 telephone-event/48000");
        assertThat(negotiator.answer(pcmuWithWidebandEvents, LOCAL).media().telephoneEvent()).isNull();
    }

    @Test
    void opusIsNotAcceptedUnlessThePolicyListsIt() {
        NegotiationResult r = negotiator.answer(OPUS_ONLY, LOCAL);
        assertThat(r.isAccepted()).isFalse();
        assertThat(r.failure()).isEqualTo(NegotiationFailure.NO_COMMON_CODEC);
        assertThat(r.detail()).contains("109 126 101");
        String opusMono = sdp("v=0", "o=- 1 1 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 5004 RTP/AVP 96", "a=rtpmap:96 opus/48000");
        assertThat(new SdpNegotiator(MediaPolicy.all()).answer(opusMono, LOCAL).failure())
                .as("RFC 7587 §7 requires opus/48000/2").isEqualTo(NegotiationFailure.NO_COMMON_CODEC);
    }

    @Test
    void ourOfferWithOpusListsTelephoneEventOnBothClocks() {
        SdpNegotiator all = new SdpNegotiator(MediaPolicy.all());
        String offer = all.offer(LOCAL);
        assertThat(offer).contains("m=audio 40000 RTP/AVP 0 8 111 101 110\r\n")
                .contains("a=rtpmap:111 opus/48000/2")
                .contains("a=fmtp:111 maxplaybackrate=8000;sprop-maxcapturerate=8000;useinbandfec=0")
                .contains("a=rtpmap:101 telephone-event/8000").contains("a=fmtp:101 0-16")
                .contains("a=rtpmap:110 telephone-event/48000").contains("a=fmtp:110 0-16");

        SdpNegotiator opusOnly = new SdpNegotiator(new MediaPolicy(List.of(PayloadType.OPUS), true, 20));
        NegotiationResult r = opusOnly.answer(offer, new LocalMedia("192.0.2.20", 41000, 9, 1));
        assertThat(r.media().codec()).isEqualTo(PayloadType.OPUS);
        assertThat(r.media().telephoneEvent()).isEqualTo(PayloadType.telephoneEvent(110, 48000));
        assertThat(opusOnly.offer(LOCAL)).contains("m=audio 40000 RTP/AVP 111 110\r\n")
                .doesNotContain("telephone-event/8000");
    }

    @Test
    void opusAnswersToOurOfferAreAccepted() {
        SdpNegotiator all = new SdpNegotiator(MediaPolicy.all());
        String opusAnswer = sdp("v=0", "o=- 7 7 IN IP4 10.0.0.9", "s=-", "c=IN IP4 10.0.0.9", "t=0 0",
                "m=audio 7078 RTP/AVP 111 110", "a=rtpmap:111 opus/48000/2", "a=fmtp:111 useinbandfec=0",
                "a=rtpmap:110 telephone-event/48000", "a=fmtp:110 0-16", "a=ptime:20", "a=sendrecv");
        NegotiationResult r = all.acceptAnswer(opusAnswer);
        assertThat(r.isAccepted()).as(r.toString()).isTrue();
        assertThat(r.answer()).isNull();
        assertThat(r.media().codec()).isEqualTo(PayloadType.OPUS);
        assertThat(r.media().telephoneEvent()).isEqualTo(PayloadType.telephoneEvent(110, 48000));
        assertThat(r.media().direction()).isEqualTo(MediaDirection.SENDRECV);

        String pcmaAnswer = sdp("v=0", "o=- 7 8 IN IP4 10.0.0.9", "s=-", "c=IN IP4 10.0.0.9", "t=0 0",
                "m=audio 7078 RTP/AVP 8 101", "a=rtpmap:101 telephone-event/8000");
        NegotiationResult p = all.acceptAnswer(pcmaAnswer);
        assertThat(p.media().codec()).isEqualTo(PayloadType.PCMA);
        assertThat(p.media().telephoneEvent()).isEqualTo(PayloadType.telephoneEvent(101, 8000));
        assertThat(negotiator.acceptAnswer(opusAnswer).failure()).as("answer outside our G.711 policy")
                .isEqualTo(NegotiationFailure.NO_COMMON_CODEC);
    }

    private NegotiationResult withDirection(String attribute) {
        return negotiator.answer(sdp("v=0", "o=- 1 2 IN IP4 10.0.0.1", "s=-", "c=IN IP4 10.0.0.1", "t=0 0",
                "m=audio 5004 RTP/AVP 0 8", attribute), LOCAL);
    }
}
