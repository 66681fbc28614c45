package io.switchboard.ivr.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.switchboard.core.lane.VirtualLane;
import io.switchboard.ivr.TestFlows;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.simulate.InboxLane;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The http verb against a real local web server on 127.0.0.1; the flow itself runs on virtual time. */
class HttpVerbTest {
    static final String FLOW = """
            flow: t
            language: en-US
            start: find
            on_error: sorry
            variables:
              api: "http://127.0.0.1:1"
              order_no: "12345678"
            steps:
              find:
                http: "${api}/orders/${order_no}"
                method: POST
                headers: { X-Caller: "${caller}" }
                body: { number: "${order_no}", digits: "=size(order_no)" }
                timeout: 2s
                into: order
                onFailure: unavailable
              tell:
                say: "Your order ${order.id} ships ${order.date}"
              bye:
                hangup:
              unavailable:
                say: "Order status is not available: ${error}"
                next: bye
              sorry:
                say: "Sorry"
                next: bye
            """;

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String body = "{\"id\": \"12345678\", \"date\": \"3 November\", \"status\": \"shipped\"}";
    private volatile boolean hang;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders/", this::handle);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        String in = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " " + ex.getRequestHeaders().getFirst("X-Caller")
                + " " + ex.getRequestHeaders().getFirst("Content-Type") + " " + in);
        if (hang) {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    private record Call(InboxLane lane, RecordingSession session, FlowRun run, List<FlowEvent> events) {
        List<String> said() {
            return session.log.stream().filter(l -> l.startsWith("say")).toList();
        }
    }

    private Call call(String api) {
        InboxLane lane = new InboxLane(new VirtualLane());
        RecordingSession session = new RecordingSession();
        List<FlowEvent> events = new ArrayList<>();
        FlowEngine engine = new FlowEngine(Limits.defaults(), new JdkHttpFetcher(), CustomerLookup.NONE, events::add);
        FlowRun run = engine.start(FlowSet.of(List.of(TestFlows.flow(FLOW))), "t", session, lane, FlowListener.NONE,
                Map.of("api", api));
        lane.pump();
        return new Call(lane, session, run, events);
    }

    private String api() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void theAnswerGoesIntoAVariable() {
        Call c = call(api());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            c.lane().pump();
            return !c.said().isEmpty();
        });
        assertThat(c.said()).containsExactly("say en-US: Your order 12345678 ships 3 November");
        assertThat(requests).containsExactly(
                "POST /orders/12345678 +8613800138000 application/json {\"number\":\"12345678\",\"digits\":8}");
        assertThat(c.run().pendingWork()).isZero();
    }

    @Test
    void anErrorStatusTakesTheFailureBranch() {
        status = 503;
        body = "{\"error\": \"maintenance\"}";
        Call c = call(api());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            c.lane().pump();
            return !c.said().isEmpty();
        });
        assertThat(c.said()).containsExactly("say en-US: Order status is not available: POST " + api()
                + "/orders/12345678: the service answered 503");
    }

    @Test
    void aServiceThatIsDownTakesTheFailureBranch() {
        server.stop(0);
        Call c = call(api());
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            c.lane().pump();
            return !c.said().isEmpty();
        });
        assertThat(c.said()).containsExactly("say en-US: Order status is not available: POST " + api()
                + "/orders/12345678: cannot connect");
    }

    @Test
    void aServiceThatDoesNotAnswerInTimeTakesTheFailureBranchOnTheFlowsClock() {
        hang = true;
        Call c = call(api());
        await().atMost(Duration.ofSeconds(10)).until(() -> !requests.isEmpty());
        c.lane().virtual().advance(Duration.ofMillis(1999));
        assertThat(c.said()).isEmpty();
        c.lane().virtual().advance(Duration.ofMillis(1));
        assertThat(c.said()).containsExactly("say en-US: Order status is not available: POST " + api()
                + "/orders/12345678: no answer within 2s");
        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            c.lane().pump();
            return c.run().pendingWork() == 0;
        });
        assertThat(c.said()).hasSize(1);
    }

    @Test
    void withoutAFailureBranchTheFlowsOnErrorStepSpeaks() {
        status = 500;
        Call c = callWithout("onFailure: unavailable");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            c.lane().pump();
            return !c.said().isEmpty();
        });
        assertThat(c.said()).containsExactly("say en-US: Sorry");
    }

    private Call callWithout(String line) {
        InboxLane lane = new InboxLane(new VirtualLane());
        RecordingSession session = new RecordingSession();
        List<FlowEvent> events = new ArrayList<>();
        FlowEngine engine = new FlowEngine(Limits.defaults(), new JdkHttpFetcher(), CustomerLookup.NONE, events::add);
        String yaml = FLOW.replace("    " + line + "\n", "").replace("  unavailable:\n    say: \"Order status is not available: ${error}\"\n    next: bye\n", "");
        FlowRun run = engine.start(FlowSet.of(List.of(TestFlows.flow(yaml))), "t", session, lane, FlowListener.NONE,
                Map.of("api", api()));
        lane.pump();
        return new Call(lane, session, run, events);
    }
}
