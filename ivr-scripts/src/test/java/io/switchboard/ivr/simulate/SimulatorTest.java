package io.switchboard.ivr.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.switchboard.ivr.exec.JdkHttpFetcher;
import io.switchboard.ivr.exec.Limits;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.verb.Outcome;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sample hotline run in the simulator: text in, text out, virtual time, the same every run. */
class SimulatorTest {
    /** Monday 5 January 2026, 10:00 in Shanghai: open. */
    static final Instant OPEN = Instant.parse("2026-01-05T02:00:00Z");
    /** Saturday 10 January 2026, 10:00 in Shanghai: closed. */
    static final Instant WEEKEND = Instant.parse("2026-01-10T02:00:00Z");

    private final FlowSet flows = SampleFlows.set();
    private final Simulator simulator = new Simulator(Limits.defaults(), new JdkHttpFetcher(), CustomerLookup.NONE);

    private Simulator.Result run(Instant at, boolean agents, Map<String, Object> vars, String... inputs)
            throws InterruptedException {
        return simulator.run(flows, "hotline", new Simulator.Call("+8613800138000", "4008001234", "voice",
                List.of(inputs), at, vars, agents));
    }

    @Test
    void englishThenSayingBillingReachesTheBillingQueue() throws InterruptedException {
        Simulator.Result r = run(OPEN, true, Map.of(), "2", "say:billing");
        assertThat(r.text()).isEqualTo("""
                00:00                  ▶ flow hotline (version 1)
                00:00  opening_hours   → if time.weekday >= 6 || time.hour < 9 || time.hour >= 18 → false → welcome
                00:00  welcome         → tag line = hotline
                00:00  choose_language say: 您好，欢迎致电 Acme。普通话请按 1。Welcome to Acme. For English, press 2.
                00:00  choose_language caller presses 2
                00:00  choose_language → option 2 → english
                00:00  english         → set language = 'en-US'
                00:00  main            say: For order status, press 1 or say order. For billing, press 2 or say billing. \
                For sales, press 3 or say sales. For technical support, press 4 or say support. For an agent, press 0.
                00:00  main            caller says "billing"
                00:00  main            → option 2 → billing
                00:00  billing         → tag topic = billing
                00:00  billing_queue   enqueue billing (priority 5, skills billing, max wait 3m) announcing: Your call is \
                important to us. Please hold.
                00:00  billing_queue   ■ connected: queue billing (agent of billing) after 7 steps
                variables:
                  language = en-US
                final action: connected: queue billing (agent of billing)
                """);
        assertThat(run(OPEN, true, Map.of(), "2", "say:billing").text()).isEqualTo(r.text());
    }

    @Test
    void whenInputsRunOutTheMenuRetriesThenGoesToAnAgent() throws InterruptedException {
        Simulator.Result r = run(OPEN, true, Map.of(), "1");
        assertThat(r.lines()).anyMatch(l -> l.startsWith("00:05  main            → no input (try 1 of 3)"))
                .anyMatch(l -> l.startsWith("00:10  main            → no input (try 2 of 3)"))
                .anyMatch(l -> l.startsWith("00:15  main            → no input (try 3 of 3)"));
        assertThat(r.outcome()).isEqualTo(new Outcome.Connected("queue", "general", "agent of general"));
    }

    @Test
    void thirdLevelMenuAndBackToTheMainMenu() throws InterruptedException {
        Simulator.Result r = run(OPEN, true, Map.of(), "1", "4", "*", "support", "2");
        assertThat(r.lines()).anyMatch(l -> l.contains("option * → main"))
                .anyMatch(l -> l.contains("caller writes \"support\""));
        assertThat(r.outcome()).isEqualTo(new Outcome.Connected("queue", "support", "agent of support"));
    }

    @Test
    void afterHoursTheCallerLeavesAMessage() throws InterruptedException {
        Simulator.Result r = run(WEEKEND, true, Map.of(), "text:Please call me back about my invoice");
        assertThat(r.lines()).anyMatch(l -> l.contains("→ true → closed"))
                .anyMatch(l -> l.contains("▶ flow voicemail"))
                .anyMatch(l -> l.contains("→ recorded text:Please call me back about my invoice → message"));
        assertThat(r.outcome()).isEqualTo(new Outcome.HungUp("voicemail"));
    }

    @Test
    void busyQueuesOverflowToVoicemail() throws InterruptedException {
        Simulator.Result r = run(OPEN, false, Map.of(), "1", "0");
        assertThat(r.lines()).anyMatch(l -> l.startsWith("03:00  agent           → queue general: nobody answered within 3m → busy"));
        assertThat(r.lines()).anyMatch(l -> l.contains("say: 抱歉，目前所有客服都在忙。"));
    }

    @Test
    void orderStatusFromTheOrderService() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders/", ex -> {
            byte[] out = "{\"id\": \"12345678\", \"status\": \"shipped\", \"date\": \"3 November\"}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
        try {
            String api = "http://127.0.0.1:" + server.getAddress().getPort() + "/orders";
            Simulator.Result r = run(OPEN, true, Map.of("order_api", api), "2", "1", "12345678#", "0");
            assertThat(r.lines()).anyMatch(l -> l.contains("say: Your order 12345678 shipped on 3 November."));
            assertThat(r.variables()).containsEntry("order_no", "12345678");
            assertThat(r.outcome()).isEqualTo(new Outcome.Connected("queue", "general", "agent of general"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void orderStatusWithTheServiceDownApologisesAndGoesOn() throws InterruptedException {
        Simulator.Result r = run(OPEN, true, Map.of("order_api", "http://127.0.0.1:1/orders"), "1", "1", "12345678#", "1",
                "hangup");
        assertThat(r.lines()).anyMatch(l -> l.contains("http failed: GET http://127.0.0.1:1/orders/12345678: cannot connect → unavailable"))
                .anyMatch(l -> l.contains("say: 抱歉，订单查询暂时无法使用。"))
                .anyMatch(l -> l.contains("back from subflow order-status"))
                .anyMatch(l -> l.contains("option 1 → main"));
        assertThat(r.outcome()).isEqualTo(new Outcome.CallerHungUp("caller hung up"));
    }
}
