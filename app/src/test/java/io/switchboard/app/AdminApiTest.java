package io.switchboard.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.Profile;
import io.switchboard.testkit.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API over HTTP: tokens and roles (401/403), customers, merges (409), identities, CDRs (JSON, CSV), OpenAPI. */
class AdminApiTest {
    private static final String ADMIN = "test-bootstrap-admin-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static TestSwitch sw;
    private static String base;

    @BeforeAll
    static void start() {
        sw = TestSwitch.start("http.port=" + FreePorts.tcp(), "admin.bootstrapToken=" + ADMIN);
        base = "http://127.0.0.1:" + sw.switchboard().httpPort();
    }

    @AfterAll
    static void stop() {
        sw.close();
    }

    record Res(int status, String contentType, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static Res call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Res(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
    }

    private static String token(String role) throws Exception {
        Res r = call("POST", "/api/tokens", ADMIN, "{\"role\":\"" + role + "\",\"label\":\"test " + role + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("secret").asText();
    }

    private static CustomerStorage storage() {
        return sw.switchboard().storage();
    }

    @Test
    void openApiIsPublic() throws Exception {
        Res r = call("GET", "/api/openapi.json", null, null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.get("paths").has("/api/customers/{id}/merge")).isTrue();
        assertThat(doc.get("paths").has("/api/cdrs.csv")).isTrue();
        assertThat(doc.get("paths").has("/api/ivr/flows")).isTrue();
    }

    @Test
    void tokensAndRoles() throws Exception {
        assertThat(call("GET", "/api/customers/1", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/api/customers/1", "not-a-token", null).status()).isEqualTo(401);
        String agent = token("agent");
        String supervisor = token("supervisor");
        assertThat(call("GET", "/api/cdrs", agent, null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/tokens", supervisor, "{\"role\":\"admin\",\"label\":\"x\"}").status()).isEqualTo(403);
        assertThat(call("GET", "/api/ivr/flows", supervisor, null).status()).isEqualTo(403);
        assertThat(call("GET", "/api/ivr/flows", ADMIN, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/cdrs", supervisor, null).status()).isEqualTo(200);
        Res bad = call("POST", "/api/tokens", ADMIN, "{\"role\":\"boss\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").has("label")).isTrue();
        Res admin2 = call("POST", "/api/tokens", ADMIN, "{\"role\":\"admin\",\"label\":\"automation\"}");
        long id = admin2.json().get("id").asLong();
        String secret = admin2.json().get("secret").asText();
        assertThat(call("GET", "/api/ivr/flows", secret, null).status()).as("a stored admin token works for the IVR API").isEqualTo(200);
        assertThat(call("DELETE", "/api/tokens/" + id, ADMIN, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/cdrs", secret, null).status()).as("revoked").isEqualTo(401);
        assertThat(call("DELETE", "/api/tokens/999999", ADMIN, null).status()).isEqualTo(404);
    }

    @Test
    void anAgentTokenCanBeBoundToOneAgent() throws Exception {
        Res bound = call("POST", "/api/tokens", ADMIN, "{\"role\":\"agent\",\"label\":\"alice's desk\",\"agent\":\"alice\"}");
        assertThat(bound.status()).as(bound.body()).isEqualTo(201);
        assertThat(bound.json().get("agent").asText()).isEqualTo("alice");
        Res supervisorBound = call("POST", "/api/tokens", ADMIN, "{\"role\":\"supervisor\",\"label\":\"x\",\"agent\":\"alice\"}");
        assertThat(supervisorBound.status()).isEqualTo(400);
        assertThat(supervisorBound.json().get("fields").has("agent")).isTrue();
        boolean listed = false;
        for (JsonNode t : call("GET", "/api/tokens", ADMIN, null).json().get("tokens")) {
            listed |= t.path("agent").asText("").equals("alice");
        }
        assertThat(listed).as("the binding is shown in the token list").isTrue();
    }

    @Test
    void customersMergeUnmergeAndIdentities() throws Exception {
        String sup = token("supervisor");
        Customer phone = storage().identities().findOrCreateByIdentity(Identity.phone("13800138001"), Profile.named("Li Lei"));
        Customer wechat = storage().identities().findOrCreateByIdentity(Identity.wechatUnionid("union-api-1"), Profile.named("LL"));

        Res found = call("GET", "/api/customers?identity=phone:138-0013-8001", sup, null);
        assertThat(found.status()).as(found.body()).isEqualTo(200);
        assertThat(found.json().get("customers").get(0).get("id").asLong()).isEqualTo(phone.id());
        assertThat(call("GET", "/api/customers?identity=phone:13900000000", sup, null).json().get("customers")).isEmpty();
        Res badSearch = call("GET", "/api/customers?identity=nonsense", sup, null);
        assertThat(badSearch.status()).isEqualTo(400);
        assertThat(badSearch.json().get("fields").has("identity")).isTrue();

        Res one = call("GET", "/api/customers/" + phone.id(), sup, null);
        assertThat(one.json().get("name").asText()).isEqualTo("Li Lei");
        assertThat(one.json().get("identities").get(0).get("value").asText()).isEqualTo("+8613800138001");
        assertThat(call("GET", "/api/customers/999999", sup, null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/customers/abc", sup, null).status()).isEqualTo(404);

        Res missing = call("POST", "/api/customers/" + phone.id() + "/merge", sup, "{\"reason\":\"same person\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("fields").has("source")).isTrue();
        Res merged = call("POST", "/api/customers/" + phone.id() + "/merge", sup, "{\"source\":" + wechat.id() + ",\"reason\":\"same person\"}");
        assertThat(merged.status()).as(merged.body()).isEqualTo(200);
        long mergeId = merged.json().get("id").asLong();
        assertThat(merged.json().get("actor").asText()).contains("test supervisor");
        assertThat(call("POST", "/api/customers/" + phone.id() + "/merge", sup, "{\"source\":" + wechat.id() + ",\"reason\":\"again\"}").status())
                .isEqualTo(409);
        assertThat(call("POST", "/api/customers/" + phone.id() + "/merge", sup, "{\"source\":" + phone.id() + ",\"reason\":\"self\"}").status())
                .isEqualTo(409);
        assertThat(call("GET", "/api/customers?identity=wechat_unionid:union-api-1", sup, null).json().get("customers").get(0).get("id").asLong())
                .isEqualTo(phone.id());
        assertThat(call("POST", "/api/merges/" + mergeId + "/unmerge", sup, "{\"reason\":\"mistake\"}").status()).isEqualTo(200);
        assertThat(call("POST", "/api/merges/" + mergeId + "/unmerge", sup, null).status()).isEqualTo(409);
        assertThat(call("POST", "/api/merges/999999/unmerge", sup, null).status()).isEqualTo(404);

        Res linked = call("POST", "/api/customers/" + phone.id() + "/identities", sup, "{\"type\":\"email\",\"value\":\"Li.Lei@Example.com\"}");
        assertThat(linked.status()).as(linked.body()).isEqualTo(201);
        assertThat(linked.json().get("value").asText()).isEqualTo("li.lei@example.com");
        assertThat(call("POST", "/api/customers/" + wechat.id() + "/identities", sup, "{\"type\":\"email\",\"value\":\"li.lei@example.com\"}").status())
                .isEqualTo(409);
        assertThat(call("POST", "/api/customers/" + phone.id() + "/identities", sup, "{\"type\":\"fax\",\"value\":\"1\"}").status()).isEqualTo(400);
        assertThat(call("POST", "/api/customers/" + phone.id() + "/identities", sup, "not json").status()).isEqualTo(400);
        assertThat(call("DELETE", "/api/customers/" + phone.id() + "/identities/email/li.lei@example.com", sup, null).status()).isEqualTo(200);
        assertThat(call("DELETE", "/api/customers/" + phone.id() + "/identities/email/li.lei@example.com", sup, null).status()).isEqualTo(404);

        Res timeline = call("GET", "/api/customers/" + phone.id() + "/timeline?limit=10", sup, null);
        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.json().has("items")).isTrue();
        assertThat(call("GET", "/api/customers/" + phone.id() + "/timeline?limit=0", sup, null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/customers/" + phone.id() + "/timeline?cursor=zz", sup, null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/customers/999999/timeline", sup, null).status()).isEqualTo(404);
    }

    @Test
    void cdrsAsJsonAndCsv() throws Exception {
        String sup = token("supervisor");
        storage().cdrs().finish(storage().newCdr("api-cdr-1@test", "13800138002", "4008001234", "carrier-a", "4008001234")
                .ringing().answered().agent("agent-7").callerHungUp());
        Res json = call("GET", "/api/cdrs?number=%2B8613800138002", sup, null);
        assertThat(json.status()).as(json.body()).isEqualTo(200);
        assertThat(json.json().get("cdrs")).hasSize(1);
        assertThat(json.json().get("cdrs").get(0).get("callId").asText()).isEqualTo("api-cdr-1@test");
        assertThat(call("GET", "/api/cdrs?agent=agent-7", sup, null).json().get("cdrs")).hasSize(1);
        Res csv = call("GET", "/api/cdrs.csv?number=13800138002", sup, null);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.body()).startsWith("call_id,state,stage").contains("api-cdr-1@test");
        Res bad = call("GET", "/api/cdrs?from=yesterday", sup, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("fields").has("from")).isTrue();
        assertThat(call("GET", "/api/cdrs.csv", null, null).status()).isEqualTo(401);
    }
}
