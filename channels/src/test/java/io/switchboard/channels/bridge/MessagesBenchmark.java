package io.switchboard.channels.bridge;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.InboundRequest;
import io.switchboard.channels.wechat.WeChatAccount;
import io.switchboard.channels.wechat.WeChatAdapter;
import io.switchboard.channels.wechat.WxSignature;
import io.switchboard.customer.storage.Vendor;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bench/messages.sh: WeChat webhooks through verify (signature) → parse → durable store → ordered processing,
 * with the latency from the webhook's arrival to the conversation handler's notification. Client threads behave
 * like webhook connections: each waits for its message to be durable (the ack) before sending the next.
 */
class MessagesBenchmark {
    @TempDir
    Path dir;

    @Test
    void messagesPerSecond() throws Exception {
        assumeTrue(Boolean.getBoolean("messages.bench"), "run with -Dmessages.bench=true (bench/messages.sh)");
        int total = Integer.getInteger("messages.bench.count", 20000);
        int threads = Integer.getInteger("messages.bench.threads", 16);
        int warmup = Integer.getInteger("messages.bench.warmup", 5000);
        String only = System.getProperty("messages.bench.db", "");
        for (Vendor v : Vendor.values()) {
            if (only.isEmpty() || only.equalsIgnoreCase(v.name())) {
                if (warmup > 0) {
                    // the same path on a throw-away database first, not measured: the JIT compiles the webhook,
                    // bridge and JDBC driver code once, so the measured run is not the first to run them
                    System.out.printf("messages_bench warm-up: %s, %d messages (not measured)%n", v, warmup);
                    run(v, warmup, threads, false);
                }
                run(v, total, threads, true);
            }
        }
    }

    private void run(Vendor vendor, int total, int threads, boolean report) throws Exception {
        WeChatAccount acct = new WeChatAccount("bench", "wxBENCH", "s", "token", "");
        WeChatAdapter wechat = new WeChatAdapter(Map.of("bench", acct), HttpClient.newHttpClient(), "http://127.0.0.1:1",
                java.time.InstantSource.system(), new Random(1));
        Map<String, Long> started = new ConcurrentHashMap<>();
        long[] latencies = new long[total];
        AtomicInteger done = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(total);
        try (BridgeFixture f = new BridgeFixture(BridgeFixture.config(vendor, vendor == Vendor.H2 ? dir : null))) {
            f.bridge.register(wechat);
            f.bridge.handler(new ConversationHandler() {
                @Override
                public void message(Conversation c, StoredMessage m, boolean opened) {
                    Long t0 = started.remove(m.message().platformId());
                    if (t0 != null) {
                        latencies[done.getAndIncrement()] = System.nanoTime() - t0;
                        all.countDown();
                    }
                }

                @Override
                public void closed(Conversation c, String reason) {
                }
            });
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(threads);
            long begin = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                clients.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < total) {
                        String ts = Integer.toString(1_700_000_000 + i);
                        Map<String, String> q = Map.of("signature", WxSignature.sign("token", ts, "n" + i), "timestamp", ts,
                                "nonce", "n" + i);
                        byte[] body = ("<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o" + (i % 1000)
                                + "]]></FromUserName><CreateTime>" + ts + "</CreateTime><MsgType><![CDATA[text]]></MsgType>"
                                + "<Content><![CDATA[message " + i + "]]></Content><MsgId>" + i + "</MsgId></xml>")
                                .getBytes(StandardCharsets.UTF_8);
                        long t0 = System.nanoTime();
                        started.put(Integer.toString(i), t0);
                        InboundMessage m = wechat.receive(new InboundRequest("bench", "POST", q, Map.of(), body)).get(0);
                        f.bridge.ingest(m).join();
                    }
                    return null;
                });
            }
            boolean finished = all.await(300, TimeUnit.SECONDS);
            double secs = (System.nanoTime() - begin) / 1e9;
            clients.shutdownNow();
            int n = done.get();
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            double p50 = n == 0 ? 0 : sorted[n / 2] / 1e6;
            double p99 = n == 0 ? 0 : sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e6;
            String line = String.format(java.util.Locale.ROOT,
                    "messages_bench_result vendor=%s messages=%d complete=%s threads=%d msg_per_s=%.0f p50_ms=%.1f p99_ms=%.1f"
                            + " store_transactions=%d",
                    vendor.name().toLowerCase(java.util.Locale.ROOT), n, finished, threads, n / secs, p50, p99,
                    f.bridge.counters().get("batches"));
            if (!report) {
                return;
            }
            System.out.println(line);
            Path out = Path.of("target", "messages-bench.txt");
            Files.writeString(out, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
