package io.switchboard.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.switchboard.app.channels.TextTasks;
import io.switchboard.app.customer.CustomerDirectory;
import io.switchboard.app.voice.Queues;
import io.switchboard.channels.bridge.StoredMessage;
import io.switchboard.routing.acd.AcdEvent;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an agent's desk hears: the ACD's events about one agent turned into JSON frames and pushed to every
 * WebSocket that agent has open ({@link AgentSockets}). An offer carries the "screen pop" (caller number or chat
 * user, customer id and a short customer summary), looked up for at most {@value #LOOKUP_MS} ms; frames for one
 * agent keep the ACD's order even while an offer waits for its lookup.
 * <pre>
 * offer            {task, media, queue, caller | channel+user, customer_id, customer}
 * offer_withdrawn  {task, queue}          offer_timeout {task, queue}          offer_rejected {task, queue}
 * task             {task, queue, state: accepted, wait_ms} | {task, queue, state: closed, wrap_up_ms}
 * agent            {state, from, reason}
 * message          {task, text, message_id, at}  (a customer's message in a chat the agent holds)
 * </pre>
 */
final class AgentFeed {
    private static final Logger log = LoggerFactory.getLogger(AgentFeed.class);
    static final long LOOKUP_MS = 500;

    private final Queues queues;
    private final CustomerDirectory customers;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Set<Channel>> sockets = new ConcurrentHashMap<>();
    /** Per agent, the last frame on its way: the next one is sent after it (ACD order). */
    private final Map<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    AgentFeed(Queues queues, CustomerDirectory customers, TextTasks chats) {
        this.queues = queues;
        this.customers = customers;
        queues.engine().subscribe(this::on);
        if (chats != null) {
            chats.onCustomerMessage(this::message);
        }
    }

    /** {@code ch} is a desk of {@code agent} until it closes. */
    void add(String agent, Channel ch) {
        sockets.computeIfAbsent(agent, a -> ConcurrentHashMap.newKeySet()).add(ch);
        ch.closeFuture().addListener(f -> {
            Set<Channel> s = sockets.get(agent);
            if (s != null) {
                s.remove(ch);
            }
        });
    }

    int open(String agent) {
        return sockets.getOrDefault(agent, Set.of()).size();
    }

    /** An ACD event (on the ACD lane: nothing here blocks). */
    void on(AcdEvent e) {
        if (e instanceof AcdEvent.TaskOffered o) {
            Map<String, Object> info = queues.describe(o.taskId());
            push(o.agentId(), offer(o, info));
        } else if (e instanceof AcdEvent.OfferWithdrawn w) {
            push(w.agentId(), now(frame("offer_withdrawn", "task", w.taskId(), "queue", w.queue())));
        } else if (e instanceof AcdEvent.OfferTimedOut t) {
            push(t.agentId(), now(frame("offer_timeout", "task", t.taskId(), "queue", t.queue())));
        } else if (e instanceof AcdEvent.TaskRejected r) {
            push(r.agentId(), now(frame("offer_rejected", "task", r.taskId(), "queue", r.queue())));
        } else if (e instanceof AcdEvent.TaskAccepted a) {
            Map<String, Object> f = frame("task", "task", a.taskId(), "queue", a.queue());
            f.put("state", "accepted");
            f.put("wait_ms", a.waitMillis());
            push(a.agentId(), now(f));
        } else if (e instanceof AcdEvent.TaskCompleted c) {
            Map<String, Object> f = frame("task", "task", c.taskId(), "queue", c.queue());
            f.put("state", "closed");
            f.put("wrap_up_ms", c.wrapUpMillis());
            push(c.agentId(), now(f));
        } else if (e instanceof AcdEvent.AgentStateChanged s) {
            Map<String, Object> f = frame("agent", "state", s.to().key(), "from", s.from().key());
            f.put("reason", s.reason());
            push(s.agentId(), now(f));
        }
    }

    private CompletableFuture<Map<String, Object>> offer(AcdEvent.TaskOffered o, Map<String, Object> info) {
        Map<String, Object> f = frame("offer", "task", o.taskId(), "queue", o.queue());
        f.putAll(info);
        f.put("media", o.media().key());
        if (f.containsKey("customer") || !(info.get("customer_id") instanceof Long id) || id <= 0) {
            f.putIfAbsent("customer", null);
            return now(f);
        }
        return customers.summary(id).thenApply(Optional::of)
                .completeOnTimeout(Optional.empty(), LOOKUP_MS, TimeUnit.MILLISECONDS)
                .exceptionally(x -> Optional.empty())
                .thenApply(c -> {
                    f.put("customer", c.orElse(null));
                    return f;
                });
    }

    /** A customer's message in a chat an agent holds (on the conversation's lane). */
    private void message(TextTasks.View chat, StoredMessage m) {
        Map<String, Object> f = frame("message", "task", chat.task(), "text", m.message().text());
        f.put("message_id", m.id());
        f.put("at", m.message().sentAt() == null ? null : m.message().sentAt().toString());
        f.put("customer_id", chat.customerId());
        push(chat.agent(), now(f));
    }

    /** Sends {@code frame} to every desk of {@code agent}, after the frames queued before it. */
    private void push(String agent, CompletableFuture<Map<String, Object>> frame) {
        if (agent == null) {
            return;
        }
        tails.compute(agent, (a, tail) -> (tail == null ? CompletableFuture.<Void>completedFuture(null) : tail)
                .thenCompose(v -> frame).thenAccept(f -> send(a, f))
                .exceptionally(e -> {
                    log.warn("agent desk: a frame for agent {} was dropped: {}", a, e.toString());
                    return null;
                }));
    }

    /** Writes {@code frame} to every open desk of {@code agent} now. */
    void send(String agent, Map<String, ?> frame) {
        Set<Channel> open = sockets.getOrDefault(agent, Set.of());
        if (open.isEmpty()) {
            return;
        }
        String text = write(frame);
        open.forEach(ch -> ch.writeAndFlush(new TextWebSocketFrame(text)));
    }

    String write(Map<String, ?> frame) {
        try {
            return json.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("agent desk frame not serialisable: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> frame(String type, String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", type);
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }

    private static CompletableFuture<Map<String, Object>> now(Map<String, Object> m) {
        return CompletableFuture.completedFuture(m);
    }
}
