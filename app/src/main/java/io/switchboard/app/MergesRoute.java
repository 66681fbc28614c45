package io.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.customer.AsyncCustomers;
import io.switchboard.customer.token.Role;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /api/merges/ID/unmerge} ({@code {"reason": "..."}}, optional): reverses merge ID exactly
 * (supervisor or admin); 409 when it was already undone or the graph moved on since.
 */
final class MergesRoute extends ApiRoute {

    private final AsyncCustomers customers;

    MergesRoute(AdminAuth auth, AsyncCustomers customers) {
        super(auth, Role.SUPERVISOR, "/api/merges");
        this.customers = customers;
    }

    @Override
    CompletableFuture<HttpServer.Reply> serve(HttpServer.Request r, AdminAuth.Principal who) {
        String[] p = segments(r);
        if (p.length != 2 || !p[1].equals("unmerge")) {
            return now(HttpServer.Reply.error(404, "no such merge API path: " + r.path()));
        }
        if (!r.method().equals("POST")) {
            return now(notAllowed(r, "POST"));
        }
        long id = id("merge", p[0]);
        String reason = "unmerged via API";
        if (r.body() != null && !r.body().isBlank()) {
            JsonNode body = ApiJson.body(r);
            String given = ApiJson.text(body, "reason", false);
            reason = given == null ? reason : given;
        }
        return customers.unmerge(id, who.actor(), reason).thenApply(m -> new HttpServer.Reply(200, ApiJson.merge(m)));
    }
}
