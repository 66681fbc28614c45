package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The ACD API over real HTTP on the demo configuration: queue statistics, agent state changes (and the
 * 409 for one that is not possible), and the long-polled event feed that wakes up when an agent logs in.
 */
class AcdApiTest {
    private static final String TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void queuesAgentsAndEventsOverHttp() throws Exception {
        int port = FreePorts.udpAndTcp();
        try (TestSwitch sw = TestSwitch.start("http.port=" + port, "admin.bootstrapToken=" + TOKEN)) {
            String base = "http://127.0.0.1:" + port + "/api/acd/";
            assertThat(send("GET", base + "queues", null, null).statusCode()).isEqualTo(401);

            JsonNode queues = JSON.readTree(send("GET", base + "queues", TOKEN, null).body()).get("queues");
            assertThat(queues.findValuesAsText("queue")).contains("billing", "sales", "support", "general");
            assertThat(send("GET", base + "queues/nope", TOKEN, null).statusCode()).isEqualTo(404);

            CompletableFuture<HttpResponse<String>> feed = sendAsync(base + "events?after=0&wait=10s");
            HttpResponse<String> login = send("POST", base + "agents/demo-1002/login", TOKEN, "");
            assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
            assertThat(JSON.readTree(login.body()).get("state").asText()).isEqualTo("available");
            assertThat(send("POST", base + "agents/demo-1002/login", TOKEN, "").statusCode()).as("already logged in").isEqualTo(409);
            assertThat(send("POST", base + "agents/nobody/login", TOKEN, "").statusCode()).isEqualTo(404);
            assertThat(send("POST", base + "agents/demo-1002/dance", TOKEN, "").statusCode()).isEqualTo(404);

            JsonNode page = JSON.readTree(feed.get().body());
            assertThat(page.get("events").findValuesAsText("type")).contains("AgentStateChanged");
            assertThat(page.get("next").asLong()).isPositive();

            HttpResponse<String> away = send("POST", base + "agents/demo-1002/away", TOKEN, "{\"reason\":\"lunch\"}");
            assertThat(JSON.readTree(away.body()).get("awayReason").asText()).isEqualTo("lunch");
            JsonNode agents = JSON.readTree(send("GET", base + "agents", TOKEN, null).body()).get("agents");
            assertThat(agents.findValuesAsText("id")).contains("demo-1002", "demo-1003");
        }
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String url) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
