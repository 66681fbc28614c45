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
    private static final String BASE = "/api/merges/";

    private final AsyncCustomers customers;

    MergesRoute(AdminAuth auth, AsyncCustomers customers) {
        super(auth);
        this.customers = customers;
    }

    @Override
    public String path() {
        return BASE;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith(BASE);
    }

    @Override
    Role role(HttpServer.Request request) {
        return Role.SUPERVISOR;
    }

    @Override
    CompletableFuture<HttpServer.Reply> serve(HttpServer.Request r, AdminAuth.Principal who) {
        String[] p = r.path().substring(BASE.length()).split("/");
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
