package io.switchboard.app;

import io.switchboard.app.channels.TextTasks;
import io.switchboard.customer.token.Role;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The agent's chat desk (agent token): the chats offered to or handled by an agent, accepting one, replying
 * (the text goes out through the customer's channel), closing. New offers also appear in the ACD event feed
 * ({@code GET /api/acd/events}); the customer's history is at {@code /api/customers/ID/timeline}.
 * <pre>
 * GET  /api/agent/AGENT/chats                    offered and active chats
 * POST /api/agent/AGENT/chats/TASK/accept        take an offered chat (409 when not offered to AGENT)
 * GET  /api/agent/AGENT/chats/TASK/messages      the chat so far (customer, bot, agent), oldest first
 * POST /api/agent/AGENT/chats/TASK/messages      {"text": "..."}: reply to the customer
 * POST /api/agent/AGENT/chats/TASK/close         end the chat (the task completes, the agent wraps up)
 * POST /api/agent/AGENT/chats/TASK/transfer      {"queue": "..."} and/or {"agent": "..."}: hand the chat on (same
 *                                                conversation and history; a named agent is offered it first)
 * </pre>
 * The same desk over one WebSocket, with events pushed as they happen, is {@link AgentSockets}.
 */
final class AgentChatRoute extends ApiRoute {
    private final TextTasks chats;

    AgentChatRoute(AdminAuth auth, TextTasks chats) {
        super(auth, Role.AGENT, "/api/agent");
        this.chats = chats;
    }

    @Override
    CompletableFuture<HttpServer.Reply> serve(HttpServer.Request r, AdminAuth.Principal who) {
        String[] p = segments(r);
        if (p.length < 2 || !p[1].equals("chats")) {
            return now(HttpServer.Reply.error(404, "no such agent API path: " + r.path()));
        }
        String agent = p[0];
        who.mayActAs(agent);
        if (p.length == 2) {
            return r.method().equals("GET") ? now(new HttpServer.Reply(200, Map.of("chats", chats.of(agent)))) : now(notAllowed(r, "GET"));
        }
        if (p.length == 4 && p[3].equals("messages") && r.method().equals("GET")) {
            if (chats.find(p[2]).isEmpty()) {
                return now(HttpServer.Reply.error(404, "no chat " + p[2]));
            }
            return chats.transcript(p[2], agent).handle((list, e) -> {
                conflictOn(e);
                return new HttpServer.Reply(200, Map.of("task", p[2], "messages", list));
            });
        }
        if (p.length != 4 || !r.method().equals("POST")) {
            return p.length == 4 ? now(notAllowed(r, "POST")) : now(HttpServer.Reply.error(404, "no such agent API path: " + r.path()));
        }
        String task = p[2];
        if (chats.find(task).isEmpty()) {
            return now(HttpServer.Reply.error(404, "no chat " + task));
        }
        CompletableFuture<?> done;
        switch (p[3]) {
            case "accept":
                done = chats.accept(task, agent);
                break;
            case "messages":
                done = chats.reply(task, agent, ApiJson.text(ApiJson.body(r), "text", true));
                break;
            case "close":
                done = chats.close(task, agent);
                break;
            case "transfer":
                com.fasterxml.jackson.databind.JsonNode body = ApiJson.body(r);
                String queue = ApiJson.text(body, "queue", false);
                String to = ApiJson.text(body, "agent", false);
                if (queue == null && to == null) {
                    throw ApiException.badField("queue", "a transfer needs 'queue' or 'agent'");
                }
                done = chats.transfer(task, agent, queue, to);
                break;
            default:
                return now(HttpServer.Reply.error(404, "no chat command '" + p[3] + "' (accept, messages, close, transfer)"));
        }
        return done.handle((v, e) -> {
            conflictOn(e);
            return new HttpServer.Reply(200, chats.find(task).map(x -> (Object) x).orElse(Map.of("task", task, "state", "closed")));
        });
    }

    /** A refused chat command (not offered to this agent, not theirs) is a 409 with the reason; a bad argument (no such queue) 400. */
    private static void conflictOn(Throwable e) {
        if (e != null) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            throw new ApiException(cause instanceof IllegalArgumentException ? 400 : 409, cause.getMessage());
        }
    }
}
