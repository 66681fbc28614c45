package io.switchboard.app;

import io.switchboard.app.voice.AcdEventLog;
import io.switchboard.app.voice.Queues;
import io.switchboard.customer.token.Role;
import io.switchboard.routing.acd.Outcome;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Live ACD state and agent control (supervisor token):
 * <pre>
 * GET  /api/acd/queues                     statistics of every queue (waiting, longest wait, agents by state, SLA %, abandon %)
 * GET  /api/acd/queues/ID                  one queue
 * GET  /api/acd/agents                     every agent's state, skills, tasks
 * GET  /api/acd/agents/ID                  one agent
 * POST /api/acd/agents/ID/login|logout|away|ready   ({"reason": "..."} for away) 200, or 409 with why not
 * GET  /api/acd/events?after=N&amp;wait=20s    the events after number N, waiting up to 'wait' for one (long polling)
 * </pre>
 */
final class AcdRoute extends ApiRoute {
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final Queues queues;
    private final AcdEventLog events;

    AcdRoute(AdminAuth auth, Queues queues, AcdEventLog events) {
        super(auth, Role.SUPERVISOR, "/api/acd");
        this.queues = queues;
        this.events = events;
    }

    @Override
    CompletableFuture<HttpServer.Reply> serve(HttpServer.Request r, AdminAuth.Principal who) {
        String[] p = segments(r);
        boolean get = r.method().equals("GET");
        switch (p[0]) {
            case "queues":
                if (!get) {
                    return now(notAllowed(r, "GET"));
                }
                if (p.length == 1) {
                    return queues.call(e -> new HttpServer.Reply(200, Map.of("queues", e.queueStats()))).toCompletableFuture();
                }
                return queues.call(e -> e.queueStats(p[1]).map(s -> new HttpServer.Reply(200, s))
                        .orElse(HttpServer.Reply.error(404, "no queue '" + p[1] + "'"))).toCompletableFuture();
            case "agents":
                if (p.length == 3) {
                    return r.method().equals("POST") ? command(p[1], p[2], r) : now(notAllowed(r, "POST"));
                }
                if (!get) {
                    return now(notAllowed(r, "GET"));
                }
                if (p.length == 1) {
                    return queues.call(e -> new HttpServer.Reply(200, Map.of("agents", e.agents()))).toCompletableFuture();
                }
                return queues.call(e -> e.agent(p[1]).map(a -> new HttpServer.Reply(200, a))
                        .orElse(HttpServer.Reply.error(404, "no agent '" + p[1] + "'"))).toCompletableFuture();
            case "events":
                return get && p.length == 1 ? events(r) : now(notAllowed(r, "GET"));
            default:
                return now(HttpServer.Reply.error(404, "no such ACD API path: " + r.path()));
        }
    }

    private CompletableFuture<HttpServer.Reply> command(String agent, String command, HttpServer.Request r) {
        String reason = r.body() == null || r.body().isBlank() ? "api" : ApiJson.text(ApiJson.body(r), "reason", false);
        String why = reason == null ? "api" : reason;
        return queues.call(e -> {
            Outcome o;
            switch (command) {
                case "login":
                    o = e.login(agent);
                    break;
                case "logout":
                    o = e.logout(agent);
                    break;
                case "away":
                    o = e.away(agent, why);
                    break;
                case "ready":
                    o = e.ready(agent);
                    break;
                default:
                    return HttpServer.Reply.error(404, "no agent command '" + command + "' (login, logout, away, ready)");
            }
            if (o instanceof Outcome.Refused refused) {
                int status = refused.refusal().name().startsWith("UNKNOWN") ? 404 : 409;
                return HttpServer.Reply.error(status, refused.message());
            }
            return new HttpServer.Reply(200, e.agent(agent).orElseThrow());
        }).toCompletableFuture();
    }

    private CompletableFuture<HttpServer.Reply> events(HttpServer.Request r) {
        long after;
        Duration wait;
        try {
            after = r.param("after") == null ? 0 : Long.parseLong(r.param("after"));
            wait = r.param("wait") == null ? Duration.ZERO : io.switchboard.core.config.ConfigKey.parseDuration(r.param("wait"));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "after must be an event number and wait a duration like 20s: " + e.getMessage());
        }
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        return events.after(after, wait).thenApply(page -> new HttpServer.Reply(200, page));
    }
}
