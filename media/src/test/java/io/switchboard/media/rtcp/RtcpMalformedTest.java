package io.switchboard.media.rtcp;

import static io.switchboard.media.rtcp.RtcpCodecTest.hex;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.media.rtp.DecodeResult;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each malformed compound packet is rejected with its own reason and offset (RFC 3550 §A.2 and §6.4–6.7). */
class RtcpMalformedTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            too short                 | 80c9                                      | shorter than the 4-octet RTCP header: 2                     | 0
            version 1                 | 41c90001 00000001                         | RTCP version 1, expected 2                                  | 0
            starts with type 72       | 80480001 00000001                         | first packet has type 72                                    | 1
            starts with type 210      | 80d20001 00000001                         | first packet has type 210                                   | 1
            padded first packet       | a0c90001 00000001                         | padding bit set on the first packet                         | 0
            length past the end       | 80c90005 00000001                         | packet length 24 octets runs past the end of the datagram   | 2
            trailing octets           | 80c90001 00000001 80ca                    | 2 octets left after the last packet                         | 8
            second packet version 0   | 80c90001 00000001 00ca0000                | RTCP version 0, expected 2                                  | 8
            RR count over length      | 81c90001 00000001                         | RR with 1 report blocks needs 32 octets, has 8              | 0
            SR shorter than info      | 80c80001 00000001                         | SR with 0 report blocks needs 28 octets, has 8              | 0
            padding not on last       | 80c90001 00000001 a0cb0000 80cb0000       | padding bit set on a packet that is not the last            | 8
            padding count zero        | 80c90001 00000001 a0cb0001 00000000       | padding count 0 does not fit the packet                     | 15
            padding count too big     | 80c90001 00000001 a0cb0001 00000009       | padding count 9 does not fit the packet                     | 15
            SDES missing chunk        | 80c90001 00000001 82ca0002 00001234 01017800 | SDES chunk 2 of 2 runs past the end of the packet        | 20
            SDES item past end        | 80c90001 00000001 81ca0002 00001234 01057800 | SDES item runs past the end of the packet                | 16
            SDES item list unended    | 80c90001 00000001 81ca0002 00001234 01027879 | SDES chunk 1 has no null octet ending its item list      | 20
            BYE sources past end      | 80c90001 00000001 82cb0001 00001234       | BYE with 2 sources runs past the end of the packet          | 8
            BYE reason past end       | 80c90001 00000001 81cb0002 00001234 08616263 | BYE reason of 8 octets runs past the end of the packet   | 16
            APP too short             | 80c90001 00000001 80cc0001 00001234       | APP shorter than its 12-octet header: 8                     | 8
            APP name not ASCII        | 80c90001 00000001 80cc0002 00001234 ff414243 | APP name is not 4 printable ASCII characters             | 16
            APP data not whole words  | 80c90001 00000001 a0cc0003 00001234 41424344 00000002 | APP data of 2 octets is not a multiple of 4     | 20
            """)
    void rejectedWithReason(String name, String hex, String reason, int offset) {
        DecodeResult<List<RtcpPacket>> r = RtcpCodec.decode(hex(hex));
        assertThat(r.isSuccess()).as(name).isFalse();
        assertThat(r.reason()).as(name).startsWith(reason);
        assertThat(r.offset()).as(name).isEqualTo(offset);
    }

    @ParameterizedTest
    @CsvSource({"80c90001 00000001", "81c90007 00001234 deadbeef 05fffffe 00010010 00000020 b7052000 00054000"})
    void wellFormedControlCasesPass(String hex) {
        assertThat(RtcpCodec.decode(hex(hex)).isSuccess()).isTrue();
    }
}
