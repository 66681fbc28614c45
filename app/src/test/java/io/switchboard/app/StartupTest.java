package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StartupTest {

    @Test
    void healthAnswersUpOnALoopbackHttpPort() throws Exception {
        try (TestSwitch sw = TestSwitch.start("http.port=" + io.switchboard.testkit.FreePorts.tcp())) {
            int port = sw.switchboard().httpPort();
            HttpResponse<String> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("\"status\":\"up\"");
        }
    }

    @Test
    void unknownConfigKeyIsNamedAndExitsNonZero() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", "--conf", TestSwitch.repoRoot().resolve("conf").toString(), "--set", "sip.prot=5070"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("sip.prot").contains("did you mean 'sip.port'");
    }

    @Test
    void invalidValueIsNamed() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--conf", TestSwitch.repoRoot().resolve("conf").toString(), "--set", "sip.port=70000"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("invalid value for sip.port");
    }

    @Test
    void unknownFlagIsRefused() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"run", "--bogus"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown flag '--bogus'");
    }

    @Test
    void demoCredentialsAreRefusedOnANonLoopbackBind() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"--conf", TestSwitch.repoRoot().resolve("conf").toString(), "--set", "sip.bind=0.0.0.0",
                "--set", "http.port=0"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("demo passwords");
    }
}
