package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/switchboard ivr validate|simulate}: exit 0 ok, 1 errors in the flows, 2 usage. */
class IvrCommandTest {
    static final String NL = System.lineSeparator();

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theSampleFlowsValidate() {
        Run r = run("ivr", "validate", "../conf/ivr/hotline.yaml", "../conf/ivr/order-status.yaml", "../conf/ivr/voicemail.yaml");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines()).allMatch(l -> l.startsWith("../conf/ivr/hotline.yaml:") && l.contains(": warning: queue '"));
        assertThat(r.err()).isEqualTo("3 files checked: 0 errors, 5 warnings" + NL);
    }

    @Test
    void errorsArePrintedWithFileLineAndColumnAndExitOne(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, """
                flow: broken
                language: en-US
                start: welcome
                steps:
                  welcome:
                    sya: "Welcome"
                """);
        Run r = run("ivr", "validate", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEqualTo(f + ":6:5: unknown verb 'sya' (did you mean 'say'?)" + NL);
        assertThat(r.err()).isEqualTo("1 file checked: 1 error, 0 warnings" + NL);
    }

    @Test
    void aSubflowInAnotherFileOfTheDirectoryIsKnown(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("main.yaml"), "flow: main\nlanguage: en-US\nstart: a\nsteps:\n  a:\n    subflow: other\n");
        Files.writeString(dir.resolve("other.yaml"), "flow: other\nlanguage: en-US\nstart: a\nsteps:\n  a:\n    hangup:\n");
        assertThat(run("ivr", "validate", dir.resolve("main.yaml").toString()).code()).isZero();
    }

    @Test
    void usageMistakesExitTwo() {
        assertThat(run("ivr").code()).isEqualTo(2);
        assertThat(run("ivr", "validate").err()).startsWith("switchboard: ivr validate needs the flow files");
        assertThat(run("ivr", "validate", "no/such/file.yaml").code()).isEqualTo(2);
        assertThat(run("ivr", "frobnicate").code()).isEqualTo(2);
        assertThat(run("ivr", "simulate", "hotline", "--conf", "../conf", "--colour", "red").err())
                .startsWith("switchboard: unknown flag '--colour' for ivr simulate");
        Run missing = run("ivr", "simulate", "hotlin", "--conf", "../conf");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("there is no flow called 'hotlin'").endsWith("(did you mean 'hotline'?)" + NL);
        assertThat(run("ivr", "help").out()).contains("ivr simulate FLOW");
    }

    @Test
    void simulatePrintsTheConversation() {
        Run r = run("ivr", "simulate", "hotline", "--conf", "../conf", "--caller", "+8613800138000", "--dnis", "4008001234",
                "--input", "2", "--input", "say:billing");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("simulating flow hotline · caller +8613800138000 → 4008001234 · channel voice · "
                + "2026-01-05T10:00 Asia/Shanghai · inputs 2, say:billing" + NL)
                .contains("caller presses 2", "caller says \"billing\"", "→ option 2 → billing",
                        "  language = en-US")
                .endsWith("final action: connected: queue billing (agent of billing)\n");
    }

    @Test
    void simulateAfterHoursWithAFlowFile() {
        Run r = run("ivr", "simulate", "../conf/ivr/hotline.yaml", "--at", "2026-01-10T20:00+08:00", "--input",
                "text:call me back");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("▶ flow voicemail", "caller writes \"call me back\"")
                .endsWith("final action: hangup (voicemail)\n");
    }
}
