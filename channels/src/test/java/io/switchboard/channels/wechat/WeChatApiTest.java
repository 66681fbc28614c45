package io.switchboard.channels.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.channels.spi.ChannelException;
import io.switchboard.channels.spi.OutboundMessage;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Customer-service sends against a local mock of api.weixin.qq.com: one token fetch for many sends, refresh on 40001. */
class WeChatApiTest {
    HttpServer mock;
    final AtomicInteger tokenFetches = new AtomicInteger();
    final List<String> sent = new CopyOnWriteArrayList<>();
    final CountDownLatch releaseToken = new CountDownLatch(1);
    volatile String validToken = "T1";

    @BeforeEach
    void start() throws Exception {
        mock = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mock.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        mock.createContext("/cgi-bin/token", ex -> {
            int n = tokenFetches.incrementAndGet();
            try {
                releaseToken.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(ex.getRequestURI().getQuery()).contains("appid=wxAPP", "secret=sec", "grant_type=client_credential");
            reply(ex, "{\"access_token\":\"T" + n + "\",\"expires_in\":7200}");
        });
        mock.createContext("/cgi-bin/message/custom/send", ex -> {
            String token = ex.getRequestURI().getQuery().replace("access_token=", "");
            if (!token.equals(validToken)) {
                reply(ex, "{\"errcode\":40001,\"errmsg\":\"invalid credential\"}");
                return;
            }
            sent.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            reply(ex, "{\"errcode\":0,\"errmsg\":\"ok\"}");
        });
        mock.start();
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, String body) throws java.io.IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }

    @AfterEach
    void stop() {
        mock.stop(0);
    }

    private WeChatAdapter adapter() {
        WeChatAccount a = new WeChatAccount("main", "wxAPP", "sec", "tok", "");
        return new WeChatAdapter(Map.of("main", a), HttpClient.newHttpClient(),
                "http://127.0.0.1:" + mock.getAddress().getPort() + "/", InstantSource.fixed(Instant.parse("2026-03-01T08:00:00Z")),
                new Random(1));
    }

    @Test
    void concurrentSendsShareOneTokenFetchAndAnExpiredTokenIsRefreshedOnce() throws Exception {
        WeChatAdapter wechat = adapter();
        List<CompletableFuture<Void>> sends = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sends.add(wechat.send(new OutboundMessage("wechat", "main", "oU", "hello " + i)));
        }
        releaseToken.countDown();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(tokenFetches).hasValue(1);
        assertThat(sent).hasSize(10).allSatisfy(b -> assertThat(b).contains("\"touser\":\"oU\"", "\"msgtype\":\"text\""));

        validToken = "T2";
        wechat.send(new OutboundMessage("wechat", "main", "oU", "after expiry")).get(30, TimeUnit.SECONDS);
        assertThat(tokenFetches).hasValue(2);
        assertThat(sent).hasSize(11);

        validToken = "never";
        assertThatThrownBy(() -> wechat.send(new OutboundMessage("wechat", "main", "oU", "x")).get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(ChannelException.class).hasMessageContaining("40001");
    }
}
