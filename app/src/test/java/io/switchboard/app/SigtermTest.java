package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.switchboard.testkit.FreePorts;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real process: it logs its listeners, becomes healthy, and stops cleanly on SIGTERM. */
class SigtermTest {

    @Test
    void startsLogsListenersAndStopsCleanlyOnSigterm() throws Exception {
        int sip = FreePorts.udpAndTcp();
        int http = FreePorts.tcp();
        Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
        Path data = Files.createTempDirectory(target, "sigterm-data-");
        Path log = target.resolve("sigterm-" + sip + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "io.switchboard.app.Main", "run",
                "--conf", TestSwitch.repoRoot().resolve("conf").toString(), "--data", data.toString(),
                "--set", "sip.port=" + sip, "--set", "http.port=" + http))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> healthy(client, http));
            String startup = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(startup).contains("listening: SIP UDP on 127.0.0.1:" + sip)
                    .contains("listening: SIP TCP on 127.0.0.1:" + sip)
                    .contains("listening: HTTP on 127.0.0.1:" + http)
                    .contains("config sip.port = " + sip + " (--set)");
            assertThat(options(sip)).startsWith("SIP/2.0 200");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("process exits after SIGTERM").isTrue();
            assertThat(p.exitValue()).isIn(0, 143);
            String all = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(all).contains("switchboard stopping").contains("switchboard stopped").doesNotContain("Exception");
        } finally {
            p.destroyForcibly();
        }
    }

    private static boolean healthy(HttpClient client, int port) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"status\":\"up\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String options(int port) throws IOException {
        try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            s.setSoTimeout(3000);
            String msg = "OPTIONS sip:127.0.0.1:" + port + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + s.getLocalPort() + ";branch=z9hG4bK-sigterm;rport\r\n"
                    + "Max-Forwards: 70\r\nFrom: <sip:probe@127.0.0.1>;tag=1\r\nTo: <sip:127.0.0.1>\r\n"
                    + "Call-ID: sigterm-probe\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
            byte[] b = msg.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), port));
            DatagramPacket in = new DatagramPacket(new byte[4096], 4096);
            s.receive(in);
            return new String(in.getData(), 0, in.getLength(), StandardCharsets.UTF_8);
        }
    }
}
