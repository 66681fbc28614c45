package io.switchboard.app;

import io.switchboard.customer.AsyncCustomers;
import io.switchboard.customer.cdr.CdrCsv;
import io.switchboard.customer.cdr.CdrQuery;
import io.switchboard.customer.token.Role;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Call detail records (supervisor or admin token), newest first:
 * <pre>
 * GET /api/cdrs?from=ISO&amp;to=ISO&amp;number=N&amp;agent=A&amp;limit=L   JSON {cdrs: [...]}
 * GET /api/cdrs.csv?…same…                                   RFC 4180 CSV (text/csv)
 * </pre>
 * {@code from}/{@code to} bound the setup time ([from, to)); {@code number} matches either party or the
 * DNIS, raw or in E.164.
 */
final class CdrsRoute extends ApiRoute {
    static final int DEFAULT_LIMIT = 1000;

    private final AsyncCustomers customers;

    CdrsRoute(AdminAuth auth, AsyncCustomers customers) {
        super(auth, Role.SUPERVISOR, "/api/cdrs");
        this.customers = customers;
    }

    @Override
    public boolean matches(String path) {
        return path.equals("/api/cdrs") || path.equals("/api/cdrs.csv");
    }

    @Override
    CompletableFuture<HttpServer.Reply> serve(HttpServer.Request r, AdminAuth.Principal who) {
        if (!r.method().equals("GET")) {
            return now(notAllowed(r, "GET"));
        }
        CdrQuery q = query(r);
        if (r.path().endsWith(".csv")) {
            return customers.queryCdrs(q).thenApply(rows -> {
                StringWriter out = new StringWriter();
                try {
                    CdrCsv.write(rows, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return HttpServer.Reply.raw(200, "text/csv; charset=utf-8", out.toString());
            });
        }
        return customers.queryCdrs(q).thenApply(rows -> new HttpServer.Reply(200, Map.of("cdrs", rows.stream().map(ApiJson::cdr).toList())));
    }

    private static CdrQuery query(HttpServer.Request r) {
        Map<String, String> errors = new LinkedHashMap<>();
        Instant from = instant(r, "from", errors);
        Instant to = instant(r, "to", errors);
        int limit = DEFAULT_LIMIT;
        if (r.param("limit") != null) {
            try {
                limit = Integer.parseInt(r.param("limit").trim());
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > CdrQuery.MAX_LIMIT) {
                errors.put("limit", "must be 1 to " + CdrQuery.MAX_LIMIT);
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.put("to", "must be after 'from'");
        }
        if (!errors.isEmpty()) {
            throw new ApiException(400, "invalid CDR query: " + errors, errors);
        }
        CdrQuery q = new CdrQuery(from, to, null, null, limit);
        String number = r.param("number");
        if (number != null && !number.isBlank()) {
            q = q.withNumber(number.strip());
        }
        String agent = r.param("agent");
        if (agent != null && !agent.isBlank()) {
            q = q.withAgent(agent.strip());
        }
        return q;
    }

    private static Instant instant(HttpServer.Request r, String name, Map<String, String> errors) {
        String v = r.param(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v.strip());
        } catch (DateTimeParseException e) {
            errors.put(name, "expected an ISO-8601 instant such as 2026-01-01T00:00:00Z");
            return null;
        }
    }
}
