package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * The IVR admin API over real HTTP on a running switch: no token or a wrong one is refused, a broken flow
 * is a 422 with the same file:line:column problems as the command line, a saved draft is not live until
 * published, rollback publishes an earlier version, the diff is a unified diff, the simulator answers.
 */
class IvrAdminApiTest {
    private static final String TOKEN = "test-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void flowsAreValidatedSavedPublishedAndRolledBackOverHttp() throws Exception {
        int port = FreePorts.udpAndTcp();
        try (TestSwitch sw = TestSwitch.start("http.port=" + port, "admin.bootstrapToken=" + TOKEN)) {
            String base = "http://127.0.0.1:" + port + "/api/ivr/";
            assertThat(send("GET", base + "flows", null, null).statusCode()).isEqualTo(401);
            assertThat(send("GET", base + "flows", "wrong-token", null).statusCode()).isEqualTo(401);

            HttpResponse<String> broken = send("POST", base + "validate", TOKEN, "flow: t\nstart: a\nsteps:\n  a:\n    sya: hello\n");
            assertThat(broken.statusCode()).isEqualTo(422);
            JsonNode problem = null;
            for (JsonNode p : JSON.readTree(broken.body()).get("problems")) {
                if (p.get("message").asText().contains("sya")) {
                    problem = p;
                }
            }
            assertThat(problem).as(broken.body()).isNotNull();
            assertThat(problem.get("severity").asText()).isEqualTo("error");
            assertThat(problem.get("line").asInt()).isEqualTo(5);
            assertThat(problem.get("column").asInt()).isEqualTo(5);
            assertThat(problem.get("message").asText()).contains("sya");

            String v1 = "flow: apitest\nnumbers: [\"4008009999\"]\nlanguage: en-US\nstart: a\nsteps:\n  a:\n    say: \"Version one.\"\n  b:\n    hangup: done\n";
            String v2 = v1.replace("Version one.", "Version two.");
            HttpResponse<String> saved1 = send("POST", base + "flows", TOKEN, v1);
            assertThat(saved1.statusCode()).as(saved1.body()).isEqualTo(201);
            int n1 = JSON.readTree(saved1.body()).get("version").asInt();
            assertThat(send("GET", base + "flows/apitest", TOKEN, null).statusCode()).as("a draft is not live").isEqualTo(404);
            assertThat(send("POST", base + "flows/apitest/publish?version=" + n1, TOKEN, "").statusCode()).isEqualTo(200);
            int n2 = JSON.readTree(send("POST", base + "flows", TOKEN, v2).body()).get("version").asInt();
            assertThat(send("POST", base + "flows/apitest/publish?version=" + n2, TOKEN, "").statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(send("GET", base + "flows/apitest", TOKEN, null).body()).get("text").asText()).contains("Version two.");
            assertThat(sw.switchboard().ivr().applications().applicationFor("400-800-9999")).contains("apitest");

            HttpResponse<String> diff = send("GET", base + "flows/apitest/diff?from=" + n1 + "&to=" + n2, TOKEN, null);
            assertThat(diff.body()).contains("-    say: \"Version one.\"", "+    say: \"Version two.\"");
            assertThat(send("POST", base + "flows/apitest/rollback?version=" + n1, TOKEN, "").statusCode()).isEqualTo(200);
            assertThat(sw.switchboard().ivr().store().published("apitest").orElseThrow().version()).isEqualTo(n1);
            assertThat(send("POST", base + "flows/apitest/publish?version=99", TOKEN, "").statusCode()).isEqualTo(404);
            assertThat(send("POST", base + "flows/apitest/publish?version=x", TOKEN, "").statusCode()).isEqualTo(400);

            HttpResponse<String> sim = send("POST", base + "simulate?flow=apitest", TOKEN, "");
            assertThat(sim.statusCode()).isEqualTo(200);
            assertThat(sim.body()).contains("Version one.");
        }
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
