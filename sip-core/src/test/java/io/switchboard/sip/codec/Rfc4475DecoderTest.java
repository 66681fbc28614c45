package io.switchboard.sip.codec;

import static io.switchboard.sip.codec.Expect.drop;
import static io.switchboard.sip.codec.Expect.message;
import static io.switchboard.sip.codec.Expect.reject;
import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every RFC 4475 torture message, sent unchanged as one UDP datagram, decodes as the RFC says
 * (see shared/testdata/rfc4475/EXPECTED.md). Application-level outcomes (420, 415, 416, 501…) are
 * tested in {@link UasRequestChecksTest}.
 */
class Rfc4475DecoderTest {

    /** The outcome per file; every file in the directory must be listed here. */
    static final Map<String, Expect> EXPECTED = Map.ofEntries(
            // §3.1.1 valid messages
            Map.entry("wsinv", message()), Map.entry("intmeth", message()), Map.entry("esc01", message()),
            Map.entry("escnull", message()), Map.entry("esc02", message()), Map.entry("lwsdisp", message()),
            Map.entry("longreq", message()), Map.entry("dblreq", message()), Map.entry("semiuri", message()),
            Map.entry("transports", message()), Map.entry("mpart01", message()), Map.entry("unreason", message()),
            Map.entry("noreason", message()),
            // §3.1.2 invalid messages
            Map.entry("badinv01", reject(400, "Extraneous ';' or ',' in Via header")),
            Map.entry("clerr", reject(400, "Content-Length larger than message")),
            Map.entry("ncl", reject(400, "Negative Content-Length")),
            Map.entry("scalar02", reject(400, "CSeq number out of range")),
            Map.entry("scalarlg", drop("CSeq number out of range")),
            Map.entry("quotbal", reject(400, "Unterminated quoted string in To header")),
            Map.entry("ltgtruri", reject(400, "Request-URI must not be enclosed in <>")),
            Map.entry("lwsruri", reject(400, "Whitespace inside Request-URI")),
            Map.entry("lwsstart", reject(400, "More than one SP between Request-Line elements")),
            Map.entry("trws", reject(400, "Trailing space at end of Request-Line")),
            Map.entry("escruri", reject(400, "Headers are not allowed in a Request-URI")),
            // Date does not matter to a softswitch, so the bad time zone is ignored (RFC 4475 §3.1.2.12)
            Map.entry("baddate", message()),
            Map.entry("regbadct", reject(400, "Contact URI with headers must be enclosed in <>")),
            Map.entry("badaspec", reject(400, "Whitespace inside <> in To header")),
            Map.entry("baddn", reject(400, "Display name with special characters must be quoted in From header")),
            Map.entry("badvers", reject(505, "Version Not Supported")),
            Map.entry("mismatch01", reject(400, "CSeq method does not match the request method")),
            Map.entry("mismatch02", reject(501, "Not Implemented")),
            Map.entry("bigcode", drop("Status code is not three digits")),
            // §3.2 - §3.4 semantic tests: the parser accepts them, except where the RFC names a 400
            Map.entry("badbranch", message()),
            Map.entry("insuf", reject(400, "Missing mandatory header: Call-ID, From, To")),
            Map.entry("unkscm", message()), Map.entry("novelsc", message()), Map.entry("unksm2", message()),
            Map.entry("bext01", message()), Map.entry("invut", message()), Map.entry("regaut01", message()),
            Map.entry("multi01", reject(400, "Repeated single-valued header: Call-ID, CSeq, From, To, Max-Forwards")),
            Map.entry("mcl01", reject(400, "Conflicting Content-Length values")),
            Map.entry("bcast", message()), Map.entry("zeromf", message()), Map.entry("cparam01", message()),
            Map.entry("cparam02", message()), Map.entry("regescrt", message()), Map.entry("sdp01", message()),
            Map.entry("inv2543", message()),
            // not an RFC case: no SIP-Version and no Via, so nothing can be answered
            Map.entry("test", drop("Request-Line lacks SIP-Version")));

    private final SipDecoder decoder = new SipDecoder(16384);

    static Stream<String> files() {
        return TortureData.rfc4475Names().stream();
    }

    @Test
    void everyFileHasAnExpectation() {
        assertThat(TortureData.rfc4475Names()).hasSize(50).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void decodesAsTheRfcSays(String file) {
        EXPECTED.get(file).verify(file, decoder.decodeDatagram(TortureData.rfc4475(file)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void rejectionsAnswerWithTheRequestIdentity(String file) {
        if (decoder.decodeDatagram(TortureData.rfc4475(file)) instanceof Decoded.Reject r) {
            SIPResponse resp = r.toResponse();
            String wire = new String(resp.encodeAsBytes("UDP"), StandardCharsets.UTF_8);
            assertThat(wire).startsWith("SIP/2.0 " + r.status() + " " + r.reason() + "\r\n").contains("\r\nVia: ");
            assertThat(resp.getTopmostVia()).isNotNull();
        }
    }

    @Test
    void wsinvUnfoldsAndKeepsUnusualValues() {
        SIPRequest r = request("wsinv");
        assertThat(r.getHeader("NewFangledHeader").toString()).contains("newfangled value continued newfangled value");
        assertThat(r.getHeader("UnknownHeaderWithUnusualValue").toString()).contains(";;,,;;,;");
        assertThat(r.getMaxForwards().getMaxForwards()).isEqualTo(68);
        assertThat(r.getCSeq().getSeqNumber()).isEqualTo(9);
        assertThat(r.getViaHeaders()).hasSize(3);
        assertThat(r.getTo().getTag()).isEqualTo("1918181833n");
        assertThat(r.getFrom().getTag()).isEqualTo("98asjd8");
        assertThat(r.getRawContent()).hasSize(150);
    }

    @Test
    void intmethKeepsTheUnknownMethodVerbatim() {
        assertThat(request("intmeth").getMethod()).isEqualTo("!interesting-Method0123456789_*+`.%indeed'~");
    }

    @Test
    void esc02IsNotRegisterAndHasTwoContacts() {
        SIPRequest r = request("esc02");
        assertThat(r.getMethod()).isEqualTo("RE%47IST%45R").isNotEqualTo("REGISTER");
        assertThat(r.getContactHeaders()).hasSize(2);
    }

    @Test
    void escnullRegistersTwoDistinctContacts() {
        SIPRequest r = request("escnull");
        List<String> users = contacts(r).stream().map(c -> ((SipUri) c.getAddress().getURI()).getUser()).toList();
        assertThat(users).hasSize(2).doesNotHaveDuplicates();
        assertThat(users.stream().map(Rfc4475DecoderTest::unescape)).containsExactlyInAnyOrder("\0", "\0\0");
    }

    @Test
    void semiuriUserPartKeepsItsSemicolon() {
        SipUri uri = (SipUri) request("semiuri").getRequestURI();
        assertThat(unescape(uri.getUser())).isEqualTo("user;par=u@example.net");
        assertThat(uri.getHost()).isEqualTo("example.com");
    }

    @Test
    void dblreqIsTheRegisterAloneTrailingOctetsIgnored() {
        SIPRequest r = request("dblreq");
        assertThat(r.getMethod()).isEqualTo("REGISTER");
        assertThat(r.getRawContent()).isNullOrEmpty();
    }

    @Test
    void inv2543BodyRunsToTheEndOfTheDatagram() {
        SIPRequest r = request("inv2543");
        assertThat(r.getRawContent()).isEqualTo(body("inv2543"));
        assertThat(new String(r.getRawContent(), StandardCharsets.UTF_8)).startsWith("v=0");
    }

    @Test
    void mpart01BinaryBodyIsIntact() {
        byte[] expected = body("mpart01");
        SIPRequest r = request("mpart01");
        assertThat(r.getRawContent()).isEqualTo(expected);
        assertThat(r.getContentLength().getContentLength()).isEqualTo(expected.length);
        assertThat(expected).contains((byte) 0);
    }

    @Test
    void unusualAndEmptyReasonPhrasesAreAccepted() {
        SIPResponse unreason = response("unreason");
        assertThat(unreason.getStatusCode()).isEqualTo(200);
        assertThat(unreason.getReasonPhrase()).isEqualTo("= 2**3 * 5**2 но сто девяносто девять - простое");
        SIPResponse noreason = response("noreason");
        assertThat(noreason.getStatusCode()).isEqualTo(100);
        assertThat(noreason.getReasonPhrase()).isNullOrEmpty();
    }

    @Test
    void longreqValuesAreNotTruncated() {
        String text = new String(TortureData.rfc4475("longreq"), StandardCharsets.UTF_8);
        SIPRequest r = request("longreq");
        assertThat(text).contains("Call-ID: " + r.getCallId().getCallId() + "\r\n");
        assertThat(r.getCallId().getCallId()).hasSizeGreaterThan(100);
        assertThat(text).contains(";tag=" + r.getFrom().getTag() + ";");
        assertThat(r.getFrom().getTag()).hasSizeGreaterThan(100);
        assertThat(text).contains("\"" + r.getTo().getAddress().getDisplayName() + "\"");
        long vias = text.lines().filter(l -> l.matches("(?i)v(ia)?\\s*:.*")).count();
        assertThat(r.getViaHeaders()).hasSize((int) vias);
        String unknown = "Unknown-LongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLongLong-Name";
        assertThat(r.getHeader(unknown)).isNotNull();
    }

    @Test
    void scalar02RejectionEchoesTheCSeqTheClientSent() {
        Decoded.Reject r = (Decoded.Reject) decoder.decodeDatagram(TortureData.rfc4475("scalar02"));
        String wire = new String(r.toResponse().encodeAsBytes("TCP"), StandardCharsets.UTF_8);
        assertThat(wire).contains("CSeq: 36893488147419103232 REGISTER\r\n");
    }

    @Test
    void mismatch02RejectionAdvertisesAllow() {
        Decoded.Reject r = (Decoded.Reject) decoder.decodeDatagram(TortureData.rfc4475("mismatch02"));
        assertThat(r.toResponse().getHeader("Allow")).isNotNull();
        Set<String> allowed = new HashSet<>(Arrays.asList(r.headers().get("Allow").split(",\\s*")));
        assertThat(allowed).contains("INVITE", "ACK", "BYE").doesNotContain("NEWMETHOD");
    }

    @Test
    void transportsKeepsEveryVia() {
        assertThat(request("transports").getViaHeaders().stream().map(v -> v.getTransport()).collect(Collectors.toList()))
                .hasSizeGreaterThanOrEqualTo(3);
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<Contact> contacts(SIPRequest r) {
        return r.getContactHeaders().stream().map(Contact.class::cast).toList();
    }

    private static byte[] body(String file) {
        byte[] all = TortureData.rfc4475(file);
        int end = Framing.headerEnd(all, 0, all.length);
        return Arrays.copyOfRange(all, end, all.length);
    }

    private SIPMessage decoded(String file) {
        Decoded d = decoder.decodeDatagram(TortureData.rfc4475(file));
        assertThat(d).as(file).isInstanceOf(Decoded.Message.class);
        return ((Decoded.Message) d).message();
    }

    private SIPRequest request(String file) {
        return (SIPRequest) decoded(file);
    }

    private SIPResponse response(String file) {
        return (SIPResponse) decoded(file);
    }
}
