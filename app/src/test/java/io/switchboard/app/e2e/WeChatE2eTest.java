package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.app.TestSwitch;
import io.switchboard.channels.wechat.WxSignature;
import io.switchboard.testkit.FreePorts;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A WeChat Official Account conversation through the real callback protocol (plain mode) into the same kind of
 * IVR flow a phone call runs, in text mode: the first message wakes the bot, whose first prompt is the passive
 * reply; the menu prompt after it goes out through a local mock of the customer-service API; typing "2" picks
 * the billing step. A bad signature is 401 and nothing is processed; a platform retry is answered but not
 * processed twice; the URL verification echoes.
 */
class WeChatE2eTest {
    private static final String TOKEN = "wechat-callback-token";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aWeChatUserTalksToTheFlowBotThroughTheCallbackProtocol() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        HttpServer api = mockApi(sent);
        int httpPort = FreePorts.udpAndTcp();
        Path conf = conf(api.getAddress().getPort());
        try (TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp(), "http.port=" + httpPort)) {
            String url = "http://127.0.0.1:" + httpPort + "/channels/wechat/acme";
            assertThat(get(url + "?" + signed("1700000000", "n1") + "&echostr=hello-echo").body()).isEqualTo("hello-echo");
            assertThat(get(url + "?signature=bad&timestamp=1700000000&nonce=n1&echostr=x").statusCode()).isEqualTo(401);

            HttpResponse<String> forged = post(url + "?signature=0000&timestamp=1700000001&nonce=n2", message("o-user-1", "hi", 1));
            assertThat(forged.statusCode()).isEqualTo(401);

            HttpResponse<String> first = post(url + "?" + signed("1700000002", "n3"), message("o-user-1", "hi", 2));
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.body()).contains("<MsgType><![CDATA[text]]></MsgType>", "Welcome to Acme on WeChat.", "o-user-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream().anyMatch(b -> b.contains("For billing, type 2")));

            HttpResponse<String> second = post(url + "?" + signed("1700000003", "n4"), message("o-user-1", "2", 3));
            assertThat(second.body()).contains("Billing here.");
            HttpResponse<String> retry = post(url + "?" + signed("1700000004", "n5"), message("o-user-1", "2", 3));
            assertThat(retry.body()).isEqualTo("success");
            assertThat(sw.switchboard().toString()).isNotEmpty();
            assertThat(sent).noneMatch(b -> b.contains("hi"));
        } finally {
            api.stop(0);
        }
    }

    /**
     * One customer across channels: a caller phones in over a carrier trunk (recognised by number), a WeChat
     * user writes; an admin merges the two customers over the API, and the survivor's timeline shows the call
     * and the chat together.
     */
    @Test
    void aMergedPhoneAndWeChatCustomerHasOneTimeline() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        HttpServer api = mockApi(sent);
        int httpPort = FreePorts.udpAndTcp();
        int carrierPort = FreePorts.udpAndTcp();
        Path conf = conf(api.getAddress().getPort(), """
                trunks:
                  - name: carrier
                    type: ip
                    from: ["127.0.0.1:%d"]
                inbound:
                  - did: 95555
                    flow: line
                """.formatted(carrierPort));
        String admin = "test-admin-token-0123456789";
        try (RtpPeer rtp = new RtpPeer();
                TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp(), "http.port=" + httpPort, "admin.bootstrapToken=" + admin)) {
            E2e.assertCalls(1, io.switchboard.testkit.Sipp.scenario(E2e.scenario("uac-ivr-trunk.xml")).name("one-customer-call")
                    .remote("127.0.0.1", sw.sipPort()).transport(io.switchboard.testkit.Sipp.Transport.UDP).localPort(carrierPort)
                    .service("95555").key("caller", "13800138000").key("rtp_port", Integer.toString(rtp.port()))
                    .timeout(Duration.ofSeconds(60)).recvTimeout(Duration.ofSeconds(30)).run());
            String url = "http://127.0.0.1:" + httpPort;
            assertThat(post(url + "/channels/wechat/acme?" + signed("1700000010", "m1").replace("o-user-1", "o-user-9"),
                    message("o-user-9", "hello", 42)).statusCode()).isEqualTo(200);

            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(api(url + "/api/customers?identity=phone:+8613800138000", admin, "GET", null)
                    .body()).get("customers").size() == 1 && !timeline(json, url, admin, id(json, url, admin, "phone:+8613800138000")).isEmpty());
            long phone = id(json, url, admin, "phone:+8613800138000");
            await().atMost(Duration.ofSeconds(10)).until(() -> json.readTree(api(url + "/api/customers?identity=wechat_openid:wxacme0000000001:o-user-9",
                    admin, "GET", null).body()).get("customers").size() == 1);
            long wechat = id(json, url, admin, "wechat_openid:wxacme0000000001:o-user-9");
            assertThat(wechat).isNotEqualTo(phone);
            HttpResponse<String> merged = api(url + "/api/customers/" + phone + "/merge", admin, "POST",
                    "{\"source\":" + wechat + ",\"reason\":\"the caller gave their WeChat id\"}");
            assertThat(merged.statusCode()).as(merged.body()).isEqualTo(200);
            assertThat(timeline(json, url, admin, phone)).contains("voice", "wechat");
        } finally {
            api.stop(0);
        }
    }

    /**
     * An agent with capacity voice 1 + text 3 holds three WeChat chats and one phone call at once: three users
     * write, the chat flow enqueues each in "support", alice accepts the three offers through the agent API and
     * replies to one (the reply leaves through the customer-service API); then a caller dials the hotline, the
     * voice flow enqueues the call in the same queue and alice's phone rings and answers.
     */
    @Test
    void anAgentTakesThreeChatsAndACallAtOnce() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        HttpServer api = mockApi(sent);
        int httpPort = FreePorts.udpAndTcp();
        Path conf = conf(api.getAddress().getPort());
        String directory = Files.readString(conf.resolve("directory.yaml"));
        Files.writeString(conf.resolve("directory.yaml"), """
                agents:
                  - id: alice
                    extensions: ["1002"]
                    skills: {support: 3}
                    capacity: {voice: 1, text: 3}
                queues:
                  - id: support
                    required: {support: 1}
                    ring_timeout: 20s
                    wrap_up: 1s
                """ + directory.substring(directory.indexOf("\nextensions:") + 1));
        E2e.writeSupportFlows(conf);
        String admin = "test-admin-token-0123456789";
        try (RtpPeer rtp = new RtpPeer();
                TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp(), "http.port=" + httpPort, "admin.bootstrapToken=" + admin)) {
            List<io.switchboard.routing.acd.AcdEvent> events = new CopyOnWriteArrayList<>();
            sw.switchboard().queues().engine().subscribe(events::add);
            String url = "http://127.0.0.1:" + httpPort;
            assertThat(api(url + "/api/acd/agents/alice/login", admin, "POST", "").statusCode()).isEqualTo(200);
            for (int u = 1; u <= 3; u++) {
                assertThat(post(url + "/channels/wechat/acme?" + signed("17000001" + u, "c" + u).replace("o-user-1", "o-chat-" + u),
                        message("o-chat-" + u, "hello", 100 + u)).statusCode()).isEqualTo(200);
            }
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            await().atMost(Duration.ofSeconds(15)).until(() -> json.readTree(api(url + "/api/agent/alice/chats", admin, "GET", null).body())
                    .get("chats").size() == 3);
            List<String> tasks = json.readTree(api(url + "/api/agent/alice/chats", admin, "GET", null).body()).get("chats").findValuesAsText("task");
            for (String t : tasks) {
                HttpResponse<String> accepted = api(url + "/api/agent/alice/chats/" + t + "/accept", admin, "POST", "");
                assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
            }
            assertThat(api(url + "/api/agent/bob/chats/" + tasks.get(0) + "/messages", admin, "POST", "{\"text\":\"x\"}").statusCode())
                    .as("not bob's chat").isEqualTo(409);
            assertThat(api(url + "/api/agent/alice/chats/" + tasks.get(0) + "/messages", admin, "POST",
                    "{\"text\":\"Hello, this is Alice from support.\"}").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.stream().anyMatch(b -> b.contains("Hello, this is Alice from support.")));
            HttpResponse<String> transcript = api(url + "/api/agent/alice/chats/" + tasks.get(0) + "/messages", admin, "GET", null);
            assertThat(transcript.body()).contains("hello", "Connecting you to support.", "Hello, this is Alice from support.");

            int phonePort = FreePorts.udpAndTcp();
            E2e.register(sw, io.switchboard.testkit.Sipp.Transport.UDP, "desk", "1002", phonePort);
            E2e.register(sw, io.switchboard.testkit.Sipp.Transport.UDP, "desk", "1001", FreePorts.udpAndTcp());
            try (io.switchboard.testkit.SippProcess phone = E2e.uas("uas-answer-then-bye.xml", "desk-alice", sw,
                    io.switchboard.testkit.Sipp.Transport.UDP, "1002", phonePort, 1)) {
                E2e.assertCalls(1, E2e.uac("uac-ivr.xml", "desk-caller", sw, io.switchboard.testkit.Sipp.Transport.UDP, "1001", "4008001234")
                        .key("rtp_port", Integer.toString(rtp.port())).timeout(Duration.ofSeconds(60)).recvTimeout(Duration.ofSeconds(60)).run(),
                        phone.awaitExit(Duration.ofSeconds(60)));
            }
            List<String> accepted = events.stream().filter(e -> e instanceof io.switchboard.routing.acd.AcdEvent.TaskAccepted)
                    .map(e -> ((io.switchboard.routing.acd.AcdEvent.TaskAccepted) e).taskId()).toList();
            assertThat(accepted).hasSize(4).containsAll(tasks);
            assertThat(events).noneMatch(e -> e instanceof io.switchboard.routing.acd.AcdEvent.TaskCompleted c && tasks.contains(c.taskId()));
        } finally {
            api.stop(0);
        }
    }

    /**
     * One flow file, three channels: the chat flow (also listed for the hotline number) answers a web chat over a
     * real WebSocket, a WeChat conversation, and a phone call where SIPp presses 2: each reaches the billing step.
     */
    @Test
    void oneFlowFileServesACallAWebChatAndAWeChatConversation() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        HttpServer api = mockApi(sent);
        int httpPort = FreePorts.udpAndTcp();
        Path conf = conf(api.getAddress().getPort());
        Files.writeString(conf.resolve("channels.yaml"), Files.readString(conf.resolve("channels.yaml"))
                .replace("flows:\n  wechat: chat", "webchat:\n  secret: visitor-token-secret-0123\nflows:\n  wechat: chat\n  webchat: chat"));
        Files.writeString(conf.resolve("ivr").resolve("chat.yaml"), Files.readString(conf.resolve("ivr").resolve("chat.yaml"))
                .replace("flow: chat\n", "flow: chat\nnumbers: [\"4008001234\"]\n"));
        try (RtpPeer rtp = new RtpPeer();
                TestSwitch sw = TestSwitch.startWithConf(conf, FreePorts.udpAndTcp(), "http.port=" + httpPort, "media.symmetricRtp=false")) {
            List<String> steps = new CopyOnWriteArrayList<>();
            sw.switchboard().ivr().onEvent(e -> {
                if (e instanceof io.switchboard.ivr.exec.FlowEvent.StepStarted st) {
                    steps.add(st.callId() + ">" + st.step());
                }
            });
            assertThat(get("http://127.0.0.1:" + httpPort + "/webchat/widget.js").body()).contains("new WebSocket");

            // web chat over a real WebSocket
            java.util.concurrent.BlockingQueue<String> frames = new java.util.concurrent.LinkedBlockingQueue<>();
            java.net.http.WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/webchat/ws"),
                    new java.net.http.WebSocket.Listener() {
                        private final StringBuilder part = new StringBuilder();

                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w, CharSequence data, boolean last) {
                            part.append(data);
                            if (last) {
                                frames.add(part.toString());
                                part.setLength(0);
                            }
                            w.request(1);
                            return null;
                        }
                    }).get(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(frames.poll(10, java.util.concurrent.TimeUnit.SECONDS)).contains("\"type\":\"welcome\"", "\"token\"");
            ws.sendText("{\"type\":\"message\",\"client_msg_id\":\"m1\",\"text\":\"hi\",\"page\":{\"url\":\"https://shop.example/help\",\"title\":\"Help\"}}", true).join();
            assertThat(next(frames, "ack")).contains("m1");
            assertThat(next(frames, "Welcome to Acme on WeChat.")).isNotNull();
            assertThat(next(frames, "For billing, type 2")).isNotNull();
            ws.sendText("{\"type\":\"message\",\"client_msg_id\":\"m2\",\"text\":\"2\"}", true).join();
            assertThat(next(frames, "Billing here.")).isNotNull();
            ws.sendText("{\"type\":\"nonsense\"}", true).join();
            assertThat(next(frames, "error")).contains("expected a frame of type 'message'");

            // WeChat
            post("http://127.0.0.1:" + httpPort + "/channels/wechat/acme?" + signed("1700000200", "w1"), message("o-user-1", "hi", 200));
            assertThat(post("http://127.0.0.1:" + httpPort + "/channels/wechat/acme?" + signed("1700000201", "w2"), message("o-user-1", "2", 201))
                    .body()).contains("Billing here.");

            // a phone call to the same flow, SIPp pressing 2
            E2e.register(sw, io.switchboard.testkit.Sipp.Transport.UDP, "three", "1001", FreePorts.udpAndTcp());
            E2e.assertCalls(1, E2e.uac("uac-ivr-dtmf.xml", "three-call", sw, io.switchboard.testkit.Sipp.Transport.UDP, "1001", "4008001234")
                    .key("rtp_port", Integer.toString(rtp.port())).timeout(Duration.ofSeconds(60)).recvTimeout(Duration.ofSeconds(60))
                    .arg("-mi", "127.0.0.1", "-mp", Integer.toString(FreePorts.udpAndTcpPair()), "-d", "14000").run());
            assertThat(steps).anyMatch(x -> x.startsWith("chat-") && x.endsWith(">billing"));
            assertThat(steps.stream().filter(x -> x.endsWith(">billing")).count()).as("billing reached in " + steps).isEqualTo(3);
            ws.abort();
        } finally {
            api.stop(0);
        }
    }

    private static String next(java.util.concurrent.BlockingQueue<String> frames, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (System.nanoTime() < deadline) {
            String f = frames.poll(500, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (f != null && f.contains(containing)) {
                return f;
            }
        }
        throw new AssertionError("no frame containing '" + containing + "' within 15 s");
    }

    private long id(com.fasterxml.jackson.databind.ObjectMapper json, String url, String token, String identity) throws Exception {
        return json.readTree(api(url + "/api/customers?identity=" + identity, token, "GET", null).body()).get("customers").get(0).get("id").asLong();
    }

    private List<String> timeline(com.fasterxml.jackson.databind.ObjectMapper json, String url, String token, long customer) throws Exception {
        return json.readTree(api(url + "/api/customers/" + customer + "/timeline", token, "GET", null).body()).get("items").findValuesAsText("channel");
    }

    private HttpResponse<String> api(String url, String token, String method, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String signed(String ts, String nonce) {
        return "signature=" + WxSignature.sign(TOKEN, ts, nonce) + "&timestamp=" + ts + "&nonce=" + nonce + "&openid=o-user-1";
    }

    private static String message(String from, String text, long id) {
        return "<xml><ToUserName><![CDATA[gh_acme]]></ToUserName><FromUserName><![CDATA[" + from + "]]></FromUserName>"
                + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[" + text
                + "]]></Content><MsgId>" + (7_000_000_000L + id) + "</MsgId></xml>";
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String xml) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** api.weixin.qq.com on 127.0.0.1: an access token, and custom/send bodies recorded. */
    private static HttpServer mockApi(List<String> sent) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/cgi-bin/token", x -> reply(x, "{\"access_token\":\"mock-token\",\"expires_in\":7200}"));
        s.createContext("/cgi-bin/message/custom/send", x -> {
            sent.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(x, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        });
        s.start();
        return s;
    }

    private static void reply(com.sun.net.httpserver.HttpExchange x, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", "application/json");
        x.sendResponseHeaders(200, b.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(b);
        }
    }

    private static Path conf(int apiPort) {
        return conf(apiPort, null);
    }

    private static Path conf(int apiPort, String trunks) {
        Path conf = E2e.conf("wechat-", "", trunks);
        try {
            Files.writeString(conf.resolve("channels.yaml"), """
                    wechat:
                      apiBase: http://127.0.0.1:%d
                      accounts:
                        - name: acme
                          appId: wxacme0000000001
                          secret: test-only-secret
                          token: %s
                    flows:
                      wechat: chat
                    """.formatted(apiPort, TOKEN));
            Files.createDirectories(conf.resolve("ivr"));
            Files.writeString(conf.resolve("ivr").resolve("chat.yaml"), """
                    flow: chat
                    language: en-US
                    start: welcome
                    steps:
                      welcome:
                        say: "Welcome to Acme on WeChat."
                      main:
                        menu: "For sales, type 1. For billing, type 2."
                        options:
                          - { key: 1, phrases: [sales], next: sales }
                          - { key: 2, phrases: [billing], next: billing }
                        noInput: bye
                        noMatch: bye
                      sales:
                        say: "Sales here."
                        next: bye
                      billing:
                        say: "Billing here."
                      bye:
                        hangup: done
                    """);
            Files.writeString(conf.resolve("ivr").resolve("line.yaml"), """
                    flow: line
                    language: en-US
                    start: bye
                    steps:
                      bye:
                        hangup: done
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf;
    }
}
