package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import io.switchboard.testkit.SippResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Shared steps of the end-to-end tests: the demo extensions of {@code conf/directory.yaml}, SIPp runs
 * against a {@link TestSwitch}, and assertions that print every involved SIPp run on failure.
 */
final class E2e {
    static final Duration SINGLE_CALL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration RECV_TIMEOUT = Duration.ofSeconds(10);
    static final Duration UAS_READY = Duration.ofSeconds(5);

    private E2e() {
    }

    /** The demo password of extension {@code ext} (conf/directory.yaml). */
    static String password(String ext) {
        return "switchboard-" + ext;
    }

    /** A scenario file from {@code src/test/resources/sipp/}. */
    static Path scenario(String file) {
        URL url = E2e.class.getClassLoader().getResource("sipp/" + file);
        if (url == null) {
            throw new IllegalArgumentException("no SIPp scenario sipp/" + file + " on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A configuration directory under {@code target/}: the repository's {@code switchboard.yaml} and
     * {@code directory.yaml} (with {@code extraExtensions} YAML appended, may be empty) and, when
     * not null, {@code trunksYaml} as {@code trunks.yaml}.
     */
    static Path conf(String prefix, String extraExtensions, String trunksYaml) {
        try {
            Path conf = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), prefix);
            Path repoConf = TestSwitch.repoRoot().resolve("conf");
            Files.copy(repoConf.resolve("switchboard.yaml"), conf.resolve("switchboard.yaml"));
            Files.writeString(conf.resolve("directory.yaml"), Files.readString(repoConf.resolve("directory.yaml")) + extraExtensions);
            if (trunksYaml != null) {
                Files.writeString(conf.resolve("trunks.yaml"), trunksYaml);
            }
            return conf;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIPp on a fresh local port, aimed at the switch. */
    /**
     * The two flows of the chat-and-call tests: {@code chat} (a web chat or WeChat bot that greets and enqueues
     * in "support") and {@code line} (the hotline 4008001234, straight into "support").
     */
    static void writeSupportFlows(Path conf) throws IOException {
        Files.createDirectories(conf.resolve("ivr"));
        Files.writeString(conf.resolve("ivr").resolve("chat.yaml"), """
                flow: chat
                language: en-US
                start: welcome
                steps:
                  welcome:
                    say: "Connecting you to support."
                  wait:
                    enqueue: support
                    maxWait: 10m
                    overflow: bye
                  bye:
                    hangup: done
                """);
        Files.writeString(conf.resolve("ivr").resolve("line.yaml"), """
                flow: line
                numbers: ["4008001234"]
                language: en-US
                start: wait
                steps:
                  wait:
                    enqueue: support
                    maxWait: 10m
                    overflow: bye
                  bye:
                    hangup: done
                """);
    }

    static Sipp sipp(String scenarioFile, String runName, TestSwitch sw, Sipp.Transport t) {
        return Sipp.scenario(scenario(scenarioFile)).name(runName + "-" + t.name().toLowerCase())
                .remote("127.0.0.1", sw.sipPort()).transport(t).localPort(FreePorts.udpAndTcp())
                .timeout(SINGLE_CALL_TIMEOUT).recvTimeout(RECV_TIMEOUT);
    }

    /** Registers {@code ext} with its demo password; the binding's Contact is 127.0.0.1:{@code contactPort}. */
    static SippResult register(TestSwitch sw, Sipp.Transport t, String runName, String ext, int contactPort) {
        SippResult r = sipp("register-digest.xml", runName + "-register-" + ext, sw, t)
                .service(ext).auth(ext, password(ext))
                .key("contact_port", Integer.toString(contactPort)).key("expires", "3600").run();
        assertCalls(1, r);
        return r;
    }

    /** A UAS SIPp for extension {@code ext} listening on {@code port}, started and ready. */
    static SippProcess uas(String scenarioFile, String runName, TestSwitch sw, Sipp.Transport t, String ext, int port, long calls) {
        return Sipp.scenario(scenario(scenarioFile)).name(runName + "-uas-" + t.name().toLowerCase())
                .remote("127.0.0.1", sw.sipPort()).transport(t).localPort(port).service(ext).calls(calls)
                .timeout(SINGLE_CALL_TIMEOUT).recvTimeout(Duration.ofSeconds(20))
                .start().awaitReady(UAS_READY);
    }

    /** A UAC SIPp calling {@code callee} as {@code caller} (digest credentials for the 407). */
    static Sipp uac(String scenarioFile, String runName, TestSwitch sw, Sipp.Transport t, String caller, String callee) {
        return sipp(scenarioFile, runName + "-uac", sw, t).service(callee).auth(caller, password(caller)).key("caller", caller);
    }

    /** Every run ended with exit code 0, {@code calls} successful calls and no failed one; otherwise all runs are printed. */
    static void assertCalls(long calls, SippResult... runs) {
        String all = Arrays.stream(runs).map(SippResult::describe).collect(Collectors.joining("\n\n"));
        for (SippResult r : runs) {
            assertThat(r.exitCode()).as(() -> "exit code of SIPp '" + r.name() + "'\n" + all).isZero();
            assertThat(r.successful()).as(() -> "successful calls of SIPp '" + r.name() + "'\n" + all).isEqualTo(calls);
            assertThat(r.failed()).as(() -> "failed calls of SIPp '" + r.name() + "'\n" + all).isZero();
        }
    }
}
