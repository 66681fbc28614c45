package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The agent desk over a real WebSocket ({@code /api/agent/ws}): a web chat visitor goes through the bot into the
 * queue, the offer reaches alice's desk with the customer, she accepts, replies (the visitor's socket gets it),
 * gets the customer's next message pushed, reads the timeline and transfers the chat to bob, who gets it offered,
 * takes it, and hands it on to a queue only alice serves; she closes it. A phone call into the same queue pops up
 * on alice's desk with the caller's number. A wrong token never gets a socket; bad frames get an error result
 * and the socket goes on working.
 */
class AgentDeskE2eTest {
    private static final String ADMIN = "test-admin-token-0123456789";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aChatGoesFromTheBotToAnAgentDeskIsTransferredAndClosed() throws Exception {
        int httpPort = FreePorts.udpAndTcp();
        try (TestSwitch sw = TestSwitch.startWithConf(conf(), FreePorts.udpAndTcp(), "http.port=" + httpPort, "admin.bootstrapToken=" + ADMIN)) {
            String base = "127.0.0.1:" + httpPort;
            String token = agentToken(base);

            // a wrong token never gets a socket: 401 before the upgrade
            assertThat(refusal(base, "/api/agent/ws?agent=alice&token=wrong-token-0000")).isEqualTo(401);
            assertThat(refusal(base, "/api/agent/ws?agent=alice")).isEqualTo(401);
            assertThat(refusal(base, "/api/agent/ws?agent=nobody&token=" + token)).isEqualTo(404);
            // a token bound to bob acts only as bob, on the socket and on REST
            String bobsToken = agentToken(base, "bob");
            assertThat(refusal(base, "/api/agent/ws?agent=alice&token=" + bobsToken)).isEqualTo(403);
            assertThat(get(base, "/api/agent/alice/chats", bobsToken).statusCode()).isEqualTo(403);
            assertThat(get(base, "/api/agent/bob/chats", bobsToken).statusCode()).isEqualTo(200);
            assertThat(get(base, "/api/agent/alice/chats", token).statusCode()).as("an unbound agent token").isEqualTo(200);

            Frames alice = Frames.open(http, "ws://" + base + "/api/agent/ws?agent=alice&token=" + token, null);
            Frames bob = Frames.open(http, "ws://" + base + "/api/agent/ws?agent=bob", token);
            assertThat(alice.await(f -> type(f, "welcome")).path("agent").path("id").asText()).isEqualTo("alice");
            assertThat(bob.await(f -> type(f, "welcome")).path("agent").path("id").asText()).isEqualTo("bob");

            // malformed frames: an error result each, the socket keeps working
            alice.ws.sendText("this is not json", true).join();
            assertThat(alice.await(f -> type(f, "result") && f.path("error").asText().startsWith("not JSON")).path("ok").asBoolean()).isFalse();
            alice.ws.sendText("[1,2]", true).join();
            assertThat(alice.await(f -> type(f, "result") && f.path("error").asText().contains("JSON object")).path("ok").asBoolean()).isFalse();
            assertThat(alice.command(1, "{\"type\":\"fly\"}").path("error").asText()).contains("unknown command type 'fly'");
            assertThat(alice.command(2, "{\"type\":\"reply\",\"text\":\"x\"}").path("error").asText()).contains("'task' is required");
            assertThat(alice.command(3, "{\"type\":\"accept\",\"task\":\"chat-999\"}").path("error").asText()).contains("no chat chat-999");
            assertThat(alice.command(4, "{\"type\":\"state\",\"state\":\"sleepy\"}").path("error").asText()).contains("ready, not_ready");
            JsonNode ready = alice.command(5, "{\"type\":\"state\",\"state\":\"ready\"}");
            assertThat(ready.path("ok").asBoolean()).as(ready.toString()).isTrue();
            assertThat(ready.path("data").path("state").asText()).isEqualTo("available");
            alice.await(f -> type(f, "agent") && f.path("state").asText().equals("available"));

            // the visitor talks to the bot, which puts the chat into "support": alice's desk gets the offer
            Frames visitor = Frames.open(http, "ws://" + base + "/webchat/ws", null);
            visitor.await(f -> type(f, "welcome"));
            visitor.ws.sendText("{\"type\":\"message\",\"client_msg_id\":\"v1\",\"text\":\"hi, my invoice is wrong\"}", true).join();
            visitor.await(f -> f.path("text").asText().equals("Connecting you to support."));
            JsonNode offer = alice.await(f -> type(f, "offer"));
            String task = offer.path("task").asText();
            assertThat(task).startsWith("chat-");
            assertThat(offer.path("media").asText()).isEqualTo("text");
            assertThat(offer.path("queue").asText()).isEqualTo("support");
            assertThat(offer.path("channel").asText()).isEqualTo("webchat");
            assertThat(offer.path("user").asText()).isNotBlank();
            long customer = offer.path("customer_id").asLong();
            assertThat(customer).as(offer.toString()).isPositive();
            assertThat(offer.path("customer").path("id").asLong()).as(offer.toString()).isEqualTo(customer);

            JsonNode accepted = alice.command(10, "{\"type\":\"accept\",\"task\":\"" + task + "\"}");
            assertThat(accepted.path("ok").asBoolean()).as(accepted.toString()).isTrue();
            alice.await(f -> type(f, "task") && f.path("task").asText().equals(task) && f.path("state").asText().equals("accepted"));
            assertThat(alice.command(11, "{\"type\":\"reply\",\"task\":\"" + task + "\",\"text\":\"Hello, Alice here.\"}").path("ok").asBoolean()).isTrue();
            visitor.await(f -> type(f, "message") && f.path("text").asText().equals("Hello, Alice here."));

            visitor.ws.sendText("{\"type\":\"message\",\"client_msg_id\":\"v2\",\"text\":\"invoice 4711\"}", true).join();
            JsonNode message = alice.await(f -> type(f, "message") && f.path("text").asText().equals("invoice 4711"));
            assertThat(message.path("task").asText()).isEqualTo(task);
            JsonNode transcript = alice.command(12, "{\"type\":\"transcript\",\"task\":\"" + task + "\"}");
            assertThat(transcript.path("data").path("messages").toString()).contains("hi, my invoice is wrong", "Connecting you to support.", "invoice 4711");
            JsonNode timeline = alice.command(13, "{\"type\":\"timeline\",\"customer\":" + customer + "}");
            assertThat(timeline.path("ok").asBoolean()).as(timeline.toString()).isTrue();
            assertThat(timeline.path("data").path("items").toString()).contains("webchat");
            assertThat(alice.command(14, "{\"type\":\"timeline\",\"customer\":\"abc\"}").path("error").asText()).contains("customer id");

            // the REST API's transfer checks its body and the target queue
            HttpResponse<String> empty = api(base, "/api/agent/alice/chats/" + task + "/transfer", token, "{}");
            assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
            HttpResponse<String> noQueue = api(base, "/api/agent/alice/chats/" + task + "/transfer", token, "{\"queue\":\"nope\"}");
            assertThat(noQueue.statusCode()).as(noQueue.body()).isEqualTo(400);
            assertThat(noQueue.body()).contains("no queue called nope");

            // transfer to a named agent: bob gets the offer for the same chat, takes it, the visitor hears him
            assertThat(bob.command(20, "{\"type\":\"state\",\"state\":\"ready\"}").path("ok").asBoolean()).isTrue();
            assertThat(alice.command(21, "{\"type\":\"transfer\",\"task\":\"" + task + "\"}").path("error").asText()).contains("'queue' or 'agent'");
            JsonNode transferred = alice.command(22, "{\"type\":\"transfer\",\"task\":\"" + task + "\",\"agent\":\"bob\"}");
            assertThat(transferred.path("ok").asBoolean()).as(transferred.toString()).isTrue();
            alice.await(f -> type(f, "task") && f.path("task").asText().equals(task) && f.path("state").asText().equals("closed"));
            JsonNode bobOffer = bob.await(f -> type(f, "offer") && f.path("task").asText().equals(task));
            assertThat(bobOffer.path("transferred").asBoolean()).isTrue();
            assertThat(bobOffer.path("customer_id").asLong()).isEqualTo(customer);
            assertThat(bob.command(23, "{\"type\":\"accept\",\"task\":\"" + task + "\"}").path("ok").asBoolean()).isTrue();
            assertThat(alice.command(24, "{\"type\":\"reply\",\"task\":\"" + task + "\",\"text\":\"still me\"}").path("error").asText())
                    .contains("is not agent alice's");
            assertThat(bob.command(25, "{\"type\":\"reply\",\"task\":\"" + task + "\",\"text\":\"Bob from billing.\"}").path("ok").asBoolean()).isTrue();
            visitor.await(f -> type(f, "message") && f.path("text").asText().equals("Bob from billing."));
            visitor.ws.sendText("{\"type\":\"message\",\"client_msg_id\":\"v3\",\"text\":\"thanks Bob\"}", true).join();
            bob.await(f -> type(f, "message") && f.path("text").asText().equals("thanks Bob"));

            // transfer to a queue only alice serves, then alice closes the chat
            JsonNode requeued = bob.command(26, "{\"type\":\"transfer\",\"task\":\"" + task + "\",\"queue\":\"escalation\"}");
            assertThat(requeued.path("ok").asBoolean()).as(requeued.toString()).isTrue();
            alice.await(f -> type(f, "offer") && f.path("task").asText().equals(task) && f.path("queue").asText().equals("escalation"));
            assertThat(alice.command(27, "{\"type\":\"accept\",\"task\":\"" + task + "\"}").path("ok").asBoolean()).isTrue();
            assertThat(alice.command(28, "{\"type\":\"close\",\"task\":\"" + task + "\"}").path("ok").asBoolean()).isTrue();
            alice.await(f -> type(f, "task") && f.path("task").asText().equals(task) && f.path("state").asText().equals("closed")
                    && f.path("queue").asText().equals("escalation"));
            assertThat(alice.command(29, "{\"type\":\"chats\"}").path("data").path("chats").size()).isZero();

            assertThat(api(base, "/api/agent/alice/chats/" + task + "/transfer", token, "{\"queue\":\"support\"}").statusCode()).isEqualTo(404);
            JsonNode paths = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/api/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("paths");
            assertThat(paths.has("/api/agent/ws") && paths.has("/api/agent/{agent}/chats/{task}/transfer")).isTrue();

            // the desk page we serve: one file on this WebSocket, nothing loaded from elsewhere (works offline)
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/agent/")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("/api/agent/ws", "switchboard.agent.v1", "\"transfer\"").doesNotContain("http://", "https://", "src=");
            visitor.ws.abort();
            alice.ws.abort();
            bob.ws.abort();
        }
    }

    @Test
    void aCallIntoTheQueuePopsUpOnTheAgentDeskWithTheCallersNumber() throws Exception {
        int httpPort = FreePorts.udpAndTcp();
        try (RtpPeer caller = new RtpPeer();
                TestSwitch sw = TestSwitch.startWithConf(conf(), FreePorts.udpAndTcp(), "http.port=" + httpPort, "admin.bootstrapToken=" + ADMIN)) {
            String base = "127.0.0.1:" + httpPort;
            Frames alice = Frames.open(http, "ws://" + base + "/api/agent/ws?agent=alice", agentToken(base));
            alice.await(f -> type(f, "welcome"));
            assertThat(alice.command(1, "{\"type\":\"state\",\"state\":\"ready\"}").path("ok").asBoolean()).isTrue();
            int phonePort = FreePorts.udpAndTcp();
            E2e.register(sw, Sipp.Transport.UDP, "desk", "1002", phonePort);
            E2e.register(sw, Sipp.Transport.UDP, "desk", "1001", FreePorts.udpAndTcp());
            try (SippProcess phone = E2e.uas("uas-answer-then-bye.xml", "desk-alice", sw, Sipp.Transport.UDP, "1002", phonePort, 1)) {
                E2e.assertCalls(1, E2e.uac("uac-ivr.xml", "desk-caller", sw, Sipp.Transport.UDP, "1001", "4008001234")
                        .key("rtp_port", Integer.toString(caller.port())).timeout(Duration.ofSeconds(60)).recvTimeout(Duration.ofSeconds(60)).run(),
                        phone.awaitExit(Duration.ofSeconds(60)));
            }
            JsonNode offer = alice.await(f -> type(f, "offer"));
            assertThat(offer.path("media").asText()).isEqualTo("voice");
            assertThat(offer.path("queue").asText()).isEqualTo("support");
            assertThat(offer.path("caller").asText()).isEqualTo("1001");
            String task = offer.path("task").asText();
            alice.await(f -> type(f, "task") && f.path("task").asText().equals(task) && f.path("state").asText().equals("accepted"));
            alice.await(f -> type(f, "task") && f.path("task").asText().equals(task) && f.path("state").asText().equals("closed"));
            assertThat(alice.command(2, "{\"type\":\"accept\",\"task\":\"" + task + "\"}").path("error").asText()).contains("answering the phone");
            alice.ws.abort();
        }
    }

    private static boolean type(JsonNode f, String type) {
        return f.path("type").asText().equals(type);
    }

    /** The HTTP status that refused the upgrade to {@code path}, or 101 when it was not refused. */
    private int refusal(String base, String path) throws Exception {
        try {
            http.newWebSocketBuilder().buildAsync(URI.create("ws://" + base + path), new WebSocket.Listener() { })
                    .get(10, TimeUnit.SECONDS).abort();
            return 101;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
        }
    }

    private String agentToken(String base) throws Exception {
        return agentToken(base, null);
    }

    /** A new agent token, bound to {@code agent} unless that is null. */
    private String agentToken(String base, String agent) throws Exception {
        String body = agent == null ? "{\"role\":\"agent\",\"label\":\"desk test\"}"
                : "{\"role\":\"agent\",\"label\":\"desk of " + agent + "\",\"agent\":\"" + agent + "\"}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + base + "/api/tokens")).header("Authorization", "Bearer " + ADMIN)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).path("secret").asText();
    }

    private HttpResponse<String> get(String base, String path, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + base + path)).header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> api(String base, String path, String token, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + base + path)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A WebSocket client keeping every JSON frame it received. */
    private static final class Frames implements WebSocket.Listener {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        private final StringBuilder part = new StringBuilder();
        WebSocket ws;

        /** Opens {@code url}; with {@code bearer}, the token goes as the {@code bearer.TOKEN} subprotocol. */
        static Frames open(HttpClient http, String url, String bearer) throws Exception {
            Frames f = new Frames();
            WebSocket.Builder b = http.newWebSocketBuilder();
            if (bearer != null) {
                b.subprotocols("switchboard.agent.v1", "bearer." + bearer);
            }
            f.ws = b.buildAsync(URI.create(url), f).get(10, TimeUnit.SECONDS);
            if (bearer != null) {
                assertThat(f.ws.getSubprotocol()).isEqualTo("switchboard.agent.v1");
            }
            return f;
        }

        @Override
        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
            part.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(part.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                part.setLength(0);
            }
            w.request(1);
            return null;
        }

        /** The first frame received so far or within {@link #WAIT} that matches. */
        JsonNode await(Predicate<JsonNode> p) {
            JsonNode[] found = new JsonNode[1];
            org.awaitility.Awaitility.await().atMost(WAIT).pollInterval(Duration.ofMillis(20))
                    .alias("a matching frame; received: " + received)
                    .until(() -> (found[0] = received.stream().filter(p).findFirst().orElse(null)) != null);
            return found[0];
        }

        /** Sends {@code json} with {@code "id": id} and waits for its result. */
        JsonNode command(int id, String json) {
            ws.sendText("{\"id\":" + id + "," + json.substring(1), true).join();
            return await(f -> type(f, "result") && f.path("id").asInt(-1) == id);
        }
    }

    /** alice (support, escalation) and bob (support), a web chat bot and a hotline that both enqueue in support. */
    private static Path conf() {
        Path conf = E2e.conf("desk-", "", null);
        try {
            String directory = Files.readString(conf.resolve("directory.yaml"));
            Files.writeString(conf.resolve("directory.yaml"), """
                    agents:
                      - id: alice
                        extensions: ["1002"]
                        skills: {support: 3, escalation: 1}
                        capacity: {voice: 1, text: 3}
                      - id: bob
                        extensions: ["1003"]
                        skills: {support: 3}
                        capacity: {voice: 1, text: 3}
                    queues:
                      - id: support
                        required: {support: 1}
                        ring_timeout: 20s
                        wrap_up: 1s
                      - id: escalation
                        required: {escalation: 1}
                        ring_timeout: 20s
                        wrap_up: 1s
                    """ + directory.substring(directory.indexOf("\nextensions:") + 1));
            Files.writeString(conf.resolve("channels.yaml"), """
                    webchat:
                      secret: visitor-token-secret-0123
                    flows:
                      webchat: chat
                    """);
            E2e.writeSupportFlows(conf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf;
    }
}
