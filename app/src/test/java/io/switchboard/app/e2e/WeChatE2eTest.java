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
        Path conf = E2e.conf("wechat-", "", null);
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf;
    }
}
