package io.switchboard.sip.codec;

import static io.switchboard.sip.codec.Expect.message;
import static io.switchboard.sip.codec.Expect.reject;
import static org.assertj.core.api.Assertions.assertThat;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 5118 IPv6 torture messages (shared/testdata/rfc5118/EXPECTED.md), byte-exact from the
 * archive (bare LF line ends; two bodies shorter than their Content-Length) and CRLF-fixed for the wire.
 */
class Rfc5118DecoderTest {
    private static final Expect IPV6_UNBRACKETED = reject(400, "IPv6 address in Request-URI must be enclosed in []");
    /** The archive's bodies are shorter than Content-Length (LF line ends): a UDP 400 per RFC 3261 §18.3. */
    private static final Expect SHORT_BODY = reject(400, "Content-Length larger than message");

    static final Map<String, Expect> WIRE = Map.ofEntries(
            Map.entry("ipv6-good", message()), Map.entry("ipv6-bad", IPV6_UNBRACKETED),
            Map.entry("port-ambiguous", message()), Map.entry("port-unambiguous", message()),
            Map.entry("via-received-param-with-delim", message()), Map.entry("via-received-param-no-delim", message()),
            Map.entry("ipv6-in-sdp", message()), Map.entry("mult-ip-in-header", message()),
            Map.entry("mult-ip-in-sdp", message()), Map.entry("ipv4-mapped-ipv6", message()),
            Map.entry("ipv6-bug-abnf-3-colons", message()), Map.entry("ipv6-correct-abnf-2-colons", message()));

    private final SipDecoder decoder = new SipDecoder(16384);

    static Stream<Arguments> files() {
        Stream<Arguments> archive = TortureData.names(TortureData.root().resolve("rfc5118/archive"), ".dat").stream()
                .map(n -> Arguments.of("archive", n + ".dat", archiveExpectation(n)));
        Stream<Arguments> wire = TortureData.names(TortureData.root().resolve("rfc5118/wire"), ".sip").stream()
                .map(n -> Arguments.of("wire", n + ".sip", WIRE.get(n)));
        return Stream.concat(archive, wire);
    }

    private static Expect archiveExpectation(String name) {
        return name.equals("ipv6-in-sdp") || name.equals("mult-ip-in-sdp") ? SHORT_BODY : WIRE.get(name);
    }

    @Test
    void bothCopiesHoldTwelveKnownFiles() {
        assertThat(TortureData.names(TortureData.root().resolve("rfc5118/archive"), ".dat"))
                .containsExactlyInAnyOrderElementsOf(WIRE.keySet());
        assertThat(TortureData.names(TortureData.root().resolve("rfc5118/wire"), ".sip"))
                .containsExactlyInAnyOrderElementsOf(WIRE.keySet());
    }

    @ParameterizedTest(name = "{0}/{1}")
    @MethodSource("files")
    void decodesAsTheRfcSays(String dir, String file, Expect expect) {
        assertThat(expect).as("expectation for %s", file).isNotNull();
        expect.verify(dir + "/" + file, decoder.decodeDatagram(TortureData.rfc5118(dir, file)));
    }

    @Test
    void ambiguousPortIsPartOfTheAddress() {
        SipUri uri = (SipUri) wire("port-ambiguous").getRequestURI();
        assertThat(uri.getHost()).isEqualTo("[2001:db8::10:5070]");
        assertThat(uri.getPort()).isEqualTo(-1);
    }

    @Test
    void unambiguousPortFollowsTheBracket() {
        SipUri uri = (SipUri) wire("port-unambiguous").getRequestURI();
        assertThat(uri.getHost()).isEqualTo("[2001:db8::10]");
        assertThat(uri.getPort()).isEqualTo(5070);
    }

    @Test
    void viaReceivedWithOrWithoutBracketsKeepsTheBranch() {
        Via delim = (Via) wire("via-received-param-with-delim").getTopmostVia();
        assertThat(delim.getBranch()).isEqualTo("z9hG4bKas3-111");
        assertThat(delim.getReceived()).contains("2001:db8::9:255");
        Via plain = (Via) wire("via-received-param-no-delim").getTopmostVia();
        assertThat(plain.getBranch()).isEqualTo("z9hG4bKas3");
        assertThat(plain.getReceived()).contains("2001:db8::9:255");
    }

    @Test
    void mixedViaListKeepsPortsAndReceived() {
        SIPRequest r = wire("mult-ip-in-header");
        assertThat(r.getViaHeaders()).hasSize(3);
        Via first = (Via) r.getViaHeaders().getFirst();
        assertThat(first.getPort()).isEqualTo(6050);
        assertThat(((Via) r.getViaHeaders().getLast()).getReceived()).isEqualTo("192.0.2.200");
    }

    @Test
    void ipv4MappedViaHasItsPortAfterTheBracket() {
        Via via = (Via) wire("ipv4-mapped-ipv6").getTopmostVia();
        assertThat(via.getHost()).contains("::ffff:192.0.2.10");
        assertThat(via.getPort()).isEqualTo(19823);
    }

    @Test
    void sdpBodiesArriveWhole() {
        assertThat(new String(wire("ipv6-in-sdp").getRawContent())).contains("IN IP6 2001:db8::20");
        assertThat(new String(wire("mult-ip-in-sdp").getRawContent())).contains("IN IP6").contains("IN IP4");
    }

    private SIPRequest wire(String name) {
        Decoded d = decoder.decodeDatagram(TortureData.rfc5118("wire", name + ".sip"));
        assertThat(d).as(name).isInstanceOf(Decoded.Message.class);
        return (SIPRequest) ((Decoded.Message) d).message();
    }
}
