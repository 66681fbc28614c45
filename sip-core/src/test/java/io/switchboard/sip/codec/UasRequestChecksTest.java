package io.switchboard.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3261 §8.2.1-§8.2.3 UAS checks, on the RFC 4475 semantic cases and on hand-written requests. */
class UasRequestChecksTest {
    private final SipDecoder decoder = new SipDecoder(16384);

    @Test
    void bext01UnknownRequireGets420ListingOnlyRequireTags() {
        UasRequestChecks.Rejection r = rejection(torture("bext01"));
        assertThat(r.status()).isEqualTo(420);
        assertThat(r.reason()).isEqualTo("Bad Extension");
        assertThat(r.headers().get("Unsupported")).isEqualTo("nothingSupportsThis, nothingSupportsThisEither");
        SIPResponse resp = r.toResponse(torture("bext01"));
        assertThat(wire(resp)).contains("Unsupported: nothingSupportsThis").contains("nothingSupportsThisEither")
                .doesNotContain("noProxiesSupportThis");
    }

    @Test
    void invutUnknownBodyTypeGets415WithAccept() {
        UasRequestChecks.Rejection r = rejection(torture("invut"));
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.headers()).containsEntry("Accept", "application/sdp");
        assertThat(wire(r.toResponse(torture("invut")))).contains("Accept: application/sdp");
    }

    @Test
    void unknownAndAtypicalRequestUriSchemesGet416() {
        assertThat(rejection(torture("unkscm")).status()).isEqualTo(416);
        assertThat(rejection(torture("novelsc")).status()).isEqualTo(416);
        assertThat(rejection(torture("novelsc")).reason()).isEqualTo("Unsupported URI Scheme");
    }

    @Test
    void sdp01AcceptWithoutSdpGets406() {
        UasRequestChecks.Rejection r = rejection(torture("sdp01"));
        assertThat(r.status()).isEqualTo(406);
        assertThat(r.reason()).isEqualTo("Not Acceptable");
    }

    @Test
    void unknownMethodsGet501WithAllow() {
        for (String file : new String[] {"intmeth", "esc02"}) {
            UasRequestChecks.Rejection r = rejection(torture(file));
            assertThat(r.status()).as(file).isEqualTo(501);
            assertThat(r.headers()).as(file).containsEntry("Allow", KnownMethods.ALLOW);
            assertThat(wire(r.toResponse(torture(file)))).startsWith("SIP/2.0 501 Not Implemented\r\n").contains("Allow: INVITE");
        }
    }

    @Test
    void mismatch02UnknownMethodGets501EitherWay() {
        Decoded d = decoder.decodeDatagram(TortureData.rfc4475("mismatch02"));
        assertThat(d).isInstanceOfSatisfying(Decoded.Reject.class, r -> {
            assertThat(r.status()).isEqualTo(501);
            assertThat(r.headers()).containsEntry("Allow", KnownMethods.ALLOW);
        });
        SIPRequest parsedAnyway = parse(new String(TortureData.rfc4475("mismatch02"), StandardCharsets.UTF_8));
        assertThat(rejection(parsedAnyway).status()).isEqualTo(501);
    }

    @Test
    void wellFormedTortureRequestsThatAreFineForAUasPass() {
        for (String file : new String[] {"wsinv", "esc01", "escnull", "lwsdisp", "longreq", "dblreq", "semiuri",
                "transports", "mpart01", "zeromf", "cparam01", "cparam02", "regescrt", "inv2543", "unksm2", "regaut01"}) {
            assertThat(UasRequestChecks.check(torture(file))).as(file).isEmpty();
        }
    }

    @Test
    void ackIsNeverRejected() {
        SIPRequest ack = parse(request("ACK", "nobodyKnowsThisScheme:x", "Require: foo\r\nAccept: text/plain\r\n"
                + "Content-Type: application/unknown\r\n", "body"));
        assertThat(UasRequestChecks.check(ack)).isEmpty();
    }

    @Test
    void knownButNotAllowedMethodGets405() {
        assertThat(rejection(parse(request("SUBSCRIBE", "sip:a@example.com", "", ""))).status()).isEqualTo(405);
    }

    @Test
    void telUriIsAcceptedAndSchemeIsCaseInsensitive() {
        assertThat(UasRequestChecks.check(parse(request("OPTIONS", "tel:+15551234567", "", "")))).isEmpty();
        assertThat(UasRequestChecks.check(parse(request("OPTIONS", "SIP:a@example.com", "", "")))).isEmpty();
    }

    @Test
    void requireIsIgnoredOnCancelAndProxyRequireByAUas() {
        assertThat(UasRequestChecks.check(parse(request("CANCEL", "sip:a@example.com", "Require: foo\r\n", "")))).isEmpty();
        assertThat(UasRequestChecks.check(parse(request("OPTIONS", "sip:a@example.com", "Proxy-Require: foo\r\n", "")))).isEmpty();
        assertThat(rejection(parse(request("BYE", "sip:a@example.com", "Require: foo\r\nRequire: bar, foo\r\n", "")))
                .headers()).containsEntry("Unsupported", "foo, bar");
    }

    @Test
    void sdpAndMultipartBodiesPassOnInviteAndUpdate() {
        assertThat(UasRequestChecks.check(parse(request("INVITE", "sip:a@example.com",
                "Content-Type: application/SDP\r\n", "v=0\r\n")))).isEmpty();
        assertThat(UasRequestChecks.check(parse(request("UPDATE", "sip:a@example.com",
                "Content-Type: multipart/mixed;boundary=x\r\n", "--x--\r\n")))).isEmpty();
        assertThat(rejection(parse(request("UPDATE", "sip:a@example.com",
                "Content-Type: text/plain\r\n", "hello")))).extracting(UasRequestChecks.Rejection::status).isEqualTo(415);
        assertThat(UasRequestChecks.check(parse(request("MESSAGE", "sip:a@example.com",
                "Content-Type: text/plain\r\n", "hello")))).isEmpty();
    }

    @Test
    void encodedBodyGets415WithAcceptEncoding() {
        UasRequestChecks.Rejection r = rejection(parse(request("INVITE", "sip:a@example.com",
                "Content-Type: application/sdp\r\nContent-Encoding: gzip\r\n", "v=0\r\n")));
        assertThat(r.status()).isEqualTo(415);
        assertThat(r.headers()).containsEntry("Accept-Encoding", "identity");
    }

    @Test
    void acceptWildcardsAndZeroQuality() {
        assertThat(UasRequestChecks.check(parse(request("INVITE", "sip:a@example.com", "Accept: */*\r\n", "")))).isEmpty();
        assertThat(UasRequestChecks.check(parse(request("INVITE", "sip:a@example.com",
                "Accept: text/html, application/*\r\n", "")))).isEmpty();
        assertThat(rejection(parse(request("INVITE", "sip:a@example.com",
                "Accept: application/sdp;q=0, text/html\r\n", ""))).status()).isEqualTo(406);
        assertThat(UasRequestChecks.check(parse(request("OPTIONS", "sip:a@example.com", "Accept: text/html\r\n", "")))).isEmpty();
    }

    @Test
    void supportedHeaderMatchesTheSupportedSet() {
        assertThat(UasRequestChecks.SUPPORTED).isEmpty();
        assertThat(UasRequestChecks.SUPPORTED_HEADER).isEmpty();
    }

    private static String request(String method, String uri, String extra, String body) {
        return method + " " + uri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-test\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=a1\r\n"
                + "To: <sip:bob@example.com>\r\n"
                + "Call-ID: uas-checks@192.0.2.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + extra
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    private SIPRequest parse(String text) {
        try {
            return (SIPRequest) new StringMsgParser().parseSIPMessage(text.getBytes(StandardCharsets.UTF_8), true, false, null);
        } catch (java.text.ParseException e) {
            throw new AssertionError("test request does not parse: " + e.getMessage(), e);
        }
    }

    private SIPRequest torture(String file) {
        Decoded d = decoder.decodeDatagram(TortureData.rfc4475(file));
        assertThat(d).as(file).isInstanceOf(Decoded.Message.class);
        return (SIPRequest) ((Decoded.Message) d).message();
    }

    private static UasRequestChecks.Rejection rejection(SIPRequest request) {
        Optional<UasRequestChecks.Rejection> r = UasRequestChecks.check(request);
        assertThat(r).as(request.getFirstLine()).isPresent();
        return r.get();
    }

    private static String wire(SIPResponse response) {
        return new String(response.encodeAsBytes("UDP"), StandardCharsets.UTF_8);
    }
}
