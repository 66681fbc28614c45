package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.SipUdpProbe;
import io.switchboard.testkit.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Robustness against the RFC 4475 torture messages ({@code shared/testdata/rfc4475/*.dat}, found at run
 * time, never copied into the repository): each file goes to the running switch as one UDP datagram, after
 * which the switch must still answer an OPTIONS. The response codes are recorded and printed, and checked
 * against {@code EXPECTED.md} where the RFC names a code.
 *
 * <p>So that responses come back to this test (and only to 127.0.0.1), the sent-by and transport of the
 * topmost Via of a request are pointed at the probe's own socket ({@code SIP/x.y/UDP 127.0.0.1:port});
 * every other byte is sent as stored. Responses (files starting {@code SIP/}) and requests without a
 * recognisable Via go unchanged.
 */
class Rfc4475TortureE2eTest {
    private static final Pattern TOP_VIA = Pattern.compile(
            "^((?:via|v)[ \\t]*:(?:[ \\t]*\\r\\n)?[ \\t]*SIP(?:[ \\t]*\\r\\n)?[ \\t]*/(?:[ \\t]*\\r\\n)?[ \\t]*\\d+\\.\\d+"
                    + "(?:[ \\t]*\\r\\n)?[ \\t]*/(?:[ \\t]*\\r\\n)?[ \\t]*)([A-Za-z]+)((?:[ \\t]*\\r\\n)?[ \\t]+)([^\\s;,]+)",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Duration RESPONSE_WINDOW = Duration.ofMillis(700);
    private static final Duration ALIVE = Duration.ofSeconds(5);

    @Test
    void everyTortureMessageLeavesTheSwitchAnsweringAndNamedCasesGetTheirCodes() throws IOException {
        Path dir = TestData.dir("rfc4475");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".dat")).sorted().toList();
        }
        assertThat(files).as("torture files in " + dir).hasSizeGreaterThanOrEqualTo(49);

        Map<String, List<Integer>> codes = new LinkedHashMap<>();
        // Every message comes from 127.0.0.1: the abuse policy must not ban the probe half-way through.
        try (TestSwitch sw = TestSwitch.start("sip.policy.authFailuresBeforeBan=10000")) {
            try (SipUdpProbe first = new SipUdpProbe()) {
                assertThat(first.options(sw.sipPort(), ALIVE)).as("OPTIONS before any torture message").isBetween(200, 699);
            }
            for (Path file : files) {
                String name = file.getFileName().toString().replace(".dat", "");
                // A fresh socket per file: many files share a branch (z9hG4bKkdjuw), so with one sent-by
                // they would match each other's server transactions (RFC 3261 17.2.3) instead of their own.
                try (SipUdpProbe probe = new SipUdpProbe()) {
                byte[] bytes = aimAt(Files.readAllBytes(file), probe.port());
                Optional<String> ownCallId = SipUdpProbe.callId(new String(bytes, StandardCharsets.ISO_8859_1));
                int before = probe.received().size();
                probe.send(bytes, sw.sipPort());
                probe.awaitMessage(m -> probe.received().indexOf(m) >= before && answers(m, ownCallId)
                        && SipUdpProbe.status(m).orElse(0) >= 200, RESPONSE_WINDOW);
                int status;
                try {
                    status = probe.options(sw.sipPort(), ALIVE);
                } catch (AssertionError e) {
                    throw new AssertionError("the switch stopped answering OPTIONS after torture message " + name
                            + "; responses so far: " + codes, e);
                }
                assertThat(status).as("OPTIONS after " + name).isBetween(200, 699);
                List<String> after = probe.received().subList(before, probe.received().size());
                List<Integer> got = new ArrayList<>();
                for (String m : after) {
                    if (answers(m, ownCallId)) {
                        SipUdpProbe.status(m).ifPresent(got::add);
                    }
                }
                codes.put(name, got);
                }
            }
        }
        StringBuilder table = new StringBuilder("RFC 4475 torture messages -> responses (empty = none/dropped):\n");
        codes.forEach((k, v) -> table.append(String.format("  %-12s %s%n", k, v)));
        System.out.println(table);

        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(finals(codes, "badvers")).as("badvers (SIP/7.0) -> 505\n" + table).containsExactly(505);
        soft.assertThat(finals(codes, "insuf")).as("insuf (no Call-ID/From/To) -> 400 or dropped\n" + table)
                .isSubsetOf(400);
        soft.assertThat(finals(codes, "unkscm")).as("unkscm (unknown R-URI scheme) -> 416\n" + table).containsExactly(416);
        soft.assertThat(finals(codes, "bext01")).as("bext01 (unknown Require) -> 420\n" + table).containsExactly(420);
        soft.assertThat(finals(codes, "invut")).as("invut (unknown Content-Type; a challenge may come first) -> a final, not 2xx\n" + table)
                .isNotEmpty().allMatch(c -> c >= 300);
        soft.assertThat(finals(codes, "mismatch01")).as("mismatch01 (CSeq method mismatch) -> 400\n" + table).containsExactly(400);
        soft.assertAll();
    }

    /**
     * Whether datagram {@code m} answers the torture message: same Call-ID when it has one (earlier
     * transactions keep retransmitting their responses), otherwise anything but a probe OPTIONS answer.
     */
    private static boolean answers(String m, Optional<String> ownCallId) {
        Optional<String> callId = SipUdpProbe.callId(m);
        if (ownCallId.isPresent()) {
            return ownCallId.equals(callId);
        }
        return callId.isEmpty() || !callId.get().startsWith("probe-");
    }

    /** The distinct final (>= 200) codes answered to {@code name}. */
    private static List<Integer> finals(Map<String, List<Integer>> codes, String name) {
        return codes.getOrDefault(name, List.of()).stream().filter(c -> c >= 200).distinct().toList();
    }

    /** Points the topmost Via of a request at 127.0.0.1:{@code port} over UDP; everything else unchanged. */
    static byte[] aimAt(byte[] raw, int port) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        if (text.startsWith("SIP/")) {
            return raw;
        }
        Matcher m = TOP_VIA.matcher(text);
        if (!m.find()) {
            return raw;
        }
        String aimed = text.substring(0, m.start()) + m.group(1) + "UDP" + m.group(3) + "127.0.0.1:" + port + text.substring(m.end());
        return aimed.getBytes(StandardCharsets.ISO_8859_1);
    }
}
