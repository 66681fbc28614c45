package io.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.customer.AsyncCustomers;
import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityType;
import io.switchboard.customer.interaction.TimelineCursor;
import io.switchboard.customer.token.Role;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Customers over HTTP (supervisor or admin token):
 * <pre>
 * GET    /api/customers?identity=type:value              customers holding that identity (0 or 1)
 * GET    /api/customers/ID                               profile and identities (a merged id shows the survivor)
 * GET    /api/customers/ID/timeline?cursor=&amp;limit=        interactions on every channel, newest first, paged
 * POST   /api/customers/ID/merge         {source, reason} merge customer {@code source} into ID; 409 on conflicts
 * POST   /api/customers/ID/identities    {type, value, scope?, verified?}  link; 409 when another customer has it
 * DELETE /api/customers/ID/identities/TYPE/VALUE[?scope=]  unlink
 * </pre>
 */
final class CustomersRoute extends ApiRoute {
    private static final String BASE = "/api/customers";
    static final int MAX_PAGE = 200;

    private final AsyncCustomers customers;

    CustomersRoute(AdminAuth auth, AsyncCustomers customers) {
        super(auth, Role.SUPERVISOR, BASE);
        this.customers = customers;
    }

    @Override
    CompletableFuture<HttpServer.Reply> serve(HttpServer.Request r, AdminAuth.Principal who) {
        if (r.path().equals(BASE) || r.path().equals(BASE + "/")) {
            return r.method().equals("GET") ? search(r) : now(notAllowed(r, "GET"));
        }
        String[] p = r.path().substring(BASE.length() + 1).split("/");
        long id = id("customer", p[0]);
        if (p.length == 1) {
            return r.method().equals("GET") ? show(id) : now(notAllowed(r, "GET"));
        }
        switch (p[1]) {
            case "timeline":
                return p.length == 2 && r.method().equals("GET") ? timeline(id, r) : now(notAllowed(r, "GET"));
            case "merge":
                return p.length == 2 && r.method().equals("POST") ? merge(id, r, who) : now(notAllowed(r, "POST"));
            case "identities":
                if (p.length == 2) {
                    return r.method().equals("POST") ? link(id, r) : now(notAllowed(r, "POST"));
                }
                if (p.length == 4) {
                    return r.method().equals("DELETE") ? unlink(id, p[2], p[3], r.param("scope")) : now(notAllowed(r, "DELETE"));
                }
                break;
            default:
                break;
        }
        return now(HttpServer.Reply.error(404, "no such customer API path: " + r.path()));
    }

    private CompletableFuture<HttpServer.Reply> search(HttpServer.Request r) {
        String q = r.param("identity");
        if (q == null || q.isBlank()) {
            throw ApiException.badField("identity", "required (type:value, e.g. phone:+8613800138000)");
        }
        Identity identity = ApiJson.identity("identity", q);
        return customers.findByIdentity(identity).thenCompose(c -> c.isEmpty()
                ? now(new HttpServer.Reply(200, Map.of("customers", List.of())))
                : withIdentities(c.get()).thenApply(m -> new HttpServer.Reply(200, Map.of("customers", List.of(m)))));
    }

    private CompletableFuture<HttpServer.Reply> show(long id) {
        return customers.customer(id).thenCompose(this::withIdentities).thenApply(m -> new HttpServer.Reply(200, m));
    }

    private CompletableFuture<Map<String, Object>> withIdentities(Customer c) {
        return customers.identitiesOf(c.id()).thenApply(ids -> ApiJson.customer(c, ids));
    }

    private CompletableFuture<HttpServer.Reply> timeline(long id, HttpServer.Request r) {
        TimelineCursor cursor = null;
        if (r.param("cursor") != null && !r.param("cursor").isBlank()) {
            try {
                cursor = TimelineCursor.parse(r.param("cursor"));
            } catch (IllegalArgumentException e) {
                throw ApiException.badField("cursor", e.getMessage());
            }
        }
        int limit = 50;
        if (r.param("limit") != null) {
            try {
                limit = Integer.parseInt(r.param("limit").trim());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_PAGE) {
                throw ApiException.badField("limit", "must be 1 to " + MAX_PAGE);
            }
        }
        TimelineCursor after = cursor;
        int n = limit;
        // customer(id) first: an unknown id is a 404, not an empty timeline
        return customers.customer(id).thenCompose(c -> customers.timeline(id, after, n))
                .thenApply(page -> new HttpServer.Reply(200, ApiJson.timeline(page)));
    }

    private CompletableFuture<HttpServer.Reply> merge(long target, HttpServer.Request r, AdminAuth.Principal who) {
        JsonNode body = ApiJson.body(r);
        long source = ApiJson.positive(body, "source");
        String reason = ApiJson.text(body, "reason", true);
        return customers.merge(source, target, who.actor(), reason).thenApply(m -> new HttpServer.Reply(200, ApiJson.merge(m)));
    }

    private CompletableFuture<HttpServer.Reply> link(long id, HttpServer.Request r) {
        JsonNode body = ApiJson.body(r);
        String typeText = ApiJson.text(body, "type", true);
        String value = ApiJson.text(body, "value", true);
        IdentityType type;
        try {
            type = IdentityType.parse(typeText);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("type", e.getMessage());
        }
        boolean verified = body.path("verified").asBoolean(false);
        Identity identity = new Identity(type, ApiJson.text(body, "scope", false), value, verified);
        return customers.link(id, identity).thenApply(l -> new HttpServer.Reply(201, ApiJson.identity(l)));
    }

    private CompletableFuture<HttpServer.Reply> unlink(long id, String typeText, String value, String scope) {
        IdentityType type;
        try {
            type = IdentityType.parse(typeText);
        } catch (IllegalArgumentException e) {
            throw ApiException.badField("type", e.getMessage());
        }
        return customers.unlink(id, new Identity(type, scope, value, false)).thenApply(done -> done
                ? new HttpServer.Reply(200, Map.of("unlinked", true))
                : HttpServer.Reply.error(404, "customer " + id + " has no identity " + type.wire() + ":" + value));
    }
}
