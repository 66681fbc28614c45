package io.switchboard.app.e2e;

import io.switchboard.app.TestSwitch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Extensions managed over HTTP replace the demo entries: a new extension registers over SIP with the
 * password set through the API (SIPp checks the digest round), survives a restart, can be removed again;
 * demo passwords, bad numbers and file extensions are refused with the reason.
 */
class DirectoryApiTest {
    private static final String TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void extensionsAreCreatedUsedKeptAndRemovedOverHttp() throws Exception {
        Path data = Files.createTempDirectory(Files.createDirectories(Path.of("target").toAbsolutePath()), "data-dir-api-");
        int port = FreePorts.udpAndTcp();
        String base = "http://127.0.0.1:" + port + "/api/directory/extensions";
        try (TestSwitch sw = TestSwitch.start(data, "http.port=" + port, "admin.bootstrapToken=" + TOKEN)) {
            JsonNode all = JSON.readTree(send("GET", base, null).body()).get("extensions");
            assertThat(all.findValuesAsText("number")).contains("1001", "1002");
            assertThat(all.get(0).has("password")).isFalse();

            HttpResponse<String> demo = send("PUT", base + "/1005", "{\"name\":\"Front desk\",\"password\":\"switchboard-1005\"}");
            assertThat(demo.statusCode()).isEqualTo(400);
            assertThat(demo.body()).contains("demo password");
            HttpResponse<String> badNumber = send("PUT", base + "/10a5", "{\"name\":\"x\",\"password\":\"a-long-secret\"}");
            assertThat(badNumber.statusCode()).isEqualTo(400);
            assertThat(JSON.readTree(badNumber.body()).get("fields").has("number")).isTrue();
            assertThat(send("PUT", base + "/1005", "{\"password\":\"a-long-secret\"}").statusCode()).as("no name").isEqualTo(400);

            HttpResponse<String> created = send("PUT", base + "/1005", "{\"name\":\"Front desk\",\"password\":\"front-desk-secret\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            assertThat(JSON.readTree(created.body()).get("source").asText()).isEqualTo("api");
            assertThat(register(sw, "1005", "front-desk-secret").successful()).isEqualTo(1);
            assertThat(send("DELETE", base + "/1001", null).statusCode()).as("a file extension").isEqualTo(409);
            assertThat(send("DELETE", base + "/1077", null).statusCode()).isEqualTo(404);
        }
        try (TestSwitch sw = TestSwitch.start(data, "http.port=" + port, "admin.bootstrapToken=" + TOKEN)) {
            assertThat(register(sw, "1005", "front-desk-secret").successful()).as("after a restart").isEqualTo(1);
            assertThat(send("DELETE", base + "/1005", null).statusCode()).isEqualTo(200);
            assertThat(sw.switchboard().sip().stats().toString()).isNotEmpty();
            assertThat(JSON.readTree(send("GET", base, null).body()).get("extensions").findValuesAsText("number")).doesNotContain("1005");
        }
    }

    private static SippResult register(TestSwitch sw, String ext, String password) {
        return Sipp.scenario(E2e.scenario("register-digest.xml")).name("dir-api-register-" + ext)
                .remote("127.0.0.1", sw.sipPort()).transport(Sipp.Transport.UDP).localPort(FreePorts.udpAndTcp())
                .service(ext).auth(ext, password).key("contact_port", Integer.toString(FreePorts.udpAndTcp())).key("expires", "60")
                .timeout(Duration.ofSeconds(30)).recvTimeout(Duration.ofSeconds(10)).run();
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
