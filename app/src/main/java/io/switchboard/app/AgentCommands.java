package io.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.app.channels.TextTasks;
import io.switchboard.app.voice.Queues;
import io.switchboard.customer.AsyncCustomers;
import io.switchboard.routing.acd.Outcome;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The commands an agent's desk sends over its WebSocket ({@code {"type": ..., "id": ...}}), each for the agent
 * the socket belongs to; the answer is the command's data, or a failure whose message is the reason shown.
 * <pre>
 * accept {task}                   take an offered chat (a call is taken by answering the phone)
 * reject {task}                   decline an offer (chat or call): the next agent gets it
 * reply {task, text}              answer the customer through the chat's channel
 * close {task}                    end the chat (wrap-up follows)
 * transfer {task, queue?, agent?} hand the chat to another queue, or offer it to a named agent first
 * state {state: ready|not_ready|logout, reason?}
 * timeline {customer, limit?}     the customer's interactions on every channel, newest first
 * transcript {task}               the chat so far;  chats {}  the chats offered to or held by the agent
 * </pre>
 */
final class AgentCommands {
    static final List<String> TYPES = List.of("accept", "reject", "reply", "close", "transfer", "state", "timeline", "transcript", "chats");

    private final Queues queues;
    private final TextTasks chats;
    private final AsyncCustomers customers;

    AgentCommands(Queues queues, TextTasks chats, AsyncCustomers customers) {
        this.queues = queues;
        this.chats = chats;
        this.customers = customers;
    }

    /** Runs command {@code type} with {@code body} for {@code agent}; fails with {@link IllegalArgumentException} on bad input. */
    CompletableFuture<Object> run(String agent, String type, JsonNode body) {
        switch (type) {
            case "accept":
                return chat(body).accept(task(body), agent).thenApply(v -> v);
            case "reject":
                return acd(agent, "reject", task(body));
            case "reply":
                return chat(body).reply(task(body), agent, text(body, "text", true)).thenApply(v -> chats.find(task(body)).orElse(null));
            case "close":
                String closing = task(body);
                return chat(body).close(closing, agent).thenApply(v -> Map.of("task", closing, "state", "closed"));
            case "transfer":
                String queue = text(body, "queue", false);
                String to = text(body, "agent", false);
                if (queue == null && to == null) {
                    throw new IllegalArgumentException("transfer needs 'queue' or 'agent'");
                }
                return chat(body).transfer(task(body), agent, queue, to).thenApply(v -> v);
            case "state":
                return state(agent, text(body, "state", true), text(body, "reason", false));
            case "timeline":
                return timeline(body);
            case "transcript":
                return chat(body).transcript(task(body), agent).thenApply(list -> Map.of("task", task(body), "messages", list));
            case "chats":
                return CompletableFuture.completedFuture(Map.of("chats", chats == null ? List.of() : chats.of(agent)));
            default:
                throw new IllegalArgumentException("unknown command type '" + type + "' (one of " + TYPES + ")");
        }
    }

    private TextTasks chat(JsonNode body) {
        if (chats == null) {
            throw new IllegalArgumentException("text channels are not enabled on this node");
        }
        String task = task(body);
        if (chats.find(task).isEmpty()) {
            throw new IllegalArgumentException("no chat " + task + " (a call is accepted by answering the phone)");
        }
        return chats;
    }

    private CompletableFuture<Object> state(String agent, String state, String reason) {
        switch (state) {
            case "ready":
                return acd(agent, "ready", null);
            case "not_ready":
            case "away":
                return acd(agent, "away", reason == null ? "not_ready" : reason);
            case "logout":
                return acd(agent, "logout", null);
            default:
                throw new IllegalArgumentException("state must be ready, not_ready or logout, not '" + state + "'");
        }
    }

    /** An ACD command for {@code agent}; "ready" logs an offline agent in. Answers the agent's new snapshot. */
    private CompletableFuture<Object> acd(String agent, String command, String arg) {
        return queues.call(e -> {
            Outcome o;
            switch (command) {
                case "reject":
                    o = e.reject(arg, agent);
                    break;
                case "ready":
                    boolean offline = e.agent(agent).map(a -> a.state().equals("offline")).orElse(false);
                    o = offline ? e.login(agent) : e.ready(agent);
                    break;
                case "away":
                    o = e.away(agent, arg);
                    break;
                default:
                    o = e.logout(agent);
                    break;
            }
            if (o instanceof Outcome.Refused r) {
                throw new IllegalStateException(r.message());
            }
            return (Object) e.agent(agent).orElseThrow();
        }).toCompletableFuture();
    }

    private CompletableFuture<Object> timeline(JsonNode body) {
        JsonNode c = body.path("customer");
        if (!c.canConvertToLong() || c.asLong() <= 0) {
            throw new IllegalArgumentException("timeline needs 'customer', a customer id (a positive number)");
        }
        int limit = body.path("limit").asInt(50);
        if (limit < 1 || limit > CustomersRoute.MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + CustomersRoute.MAX_PAGE);
        }
        long id = c.asLong();
        return customers.customer(id).thenCompose(x -> customers.timeline(id, null, limit))
                .thenApply(page -> (Object) ApiJson.timeline(page));
    }

    private static String task(JsonNode body) {
        return text(body, "task", true);
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                throw new IllegalArgumentException("'" + field + "' is required");
            }
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        }
        return v.asText();
    }
}
