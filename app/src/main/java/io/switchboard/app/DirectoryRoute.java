package io.switchboard.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.customer.directory.StoredExtension;
import io.switchboard.customer.token.Role;
import io.switchboard.sip.directory.Extension;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * SIP extensions over HTTP (admin token): what replaces the demo entries of {@code conf/directory.yaml}.
 * <pre>
 * GET    /api/directory/extensions            every extension: number, name, hasPassword, contact, source (file|api)
 * PUT    /api/directory/extensions/NUMBER     {name, password?, contact?}: create or replace (stored, live at once)
 * DELETE /api/directory/extensions/NUMBER     forget an API-managed extension (a file one it replaced comes back)
 * </pre>
 * Passwords are never shown; the documented demo pattern ({@code switchboard-<ext>}) is refused.
 */
final class DirectoryRoute extends ApiRoute {
    private final ExtensionDirectory directory;

    DirectoryRoute(AdminAuth auth, ExtensionDirectory directory) {
        super(auth, Role.ADMIN, "/api/directory/extensions");
        this.directory = directory;
    }

    @Override
    CompletableFuture<HttpServer.Reply> serve(HttpServer.Request r, AdminAuth.Principal who) {
        String[] p = segments(r);
        if (p.length == 1 && p[0].isEmpty()) {
            return r.method().equals("GET") ? now(new HttpServer.Reply(200, Map.of("extensions", directory.entries())))
                    : now(notAllowed(r, "GET"));
        }
        if (p.length != 1) {
            return now(HttpServer.Reply.error(404, "no such directory API path: " + r.path()));
        }
        String number = p[0];
        switch (r.method()) {
            case "PUT":
                return put(number, r);
            case "DELETE":
                return directory.remove(number).thenApply(removed -> {
                    if (removed) {
                        return new HttpServer.Reply(200, Map.of("number", number, "removed", true));
                    }
                    if (directory.definedInFile(number)) {
                        throw new ApiException(409, "extension " + number + " is defined in conf/directory.yaml: change it there");
                    }
                    throw new ApiException(404, "no extension " + number);
                });
            default:
                return now(notAllowed(r, "PUT, DELETE"));
        }
    }

    private CompletableFuture<HttpServer.Reply> put(String number, HttpServer.Request r) {
        JsonNode body = ApiJson.body(r);
        String password = ApiJson.text(body, "password", false);
        if (password != null && Extension.isDemoPassword(number, password)) {
            throw ApiException.badField("password", "the demo password pattern switchboard-<ext> is public: choose another");
        }
        StoredExtension e;
        try {
            e = new StoredExtension(number, ApiJson.text(body, "name", true), Optional.ofNullable(password),
                    Optional.ofNullable(ApiJson.text(body, "contact", false)), Instant.EPOCH);
        } catch (IllegalArgumentException bad) {
            String msg = bad.getMessage();
            int colon = msg.indexOf(':');
            throw colon > 0 ? ApiException.badField(msg.substring(0, colon), msg.substring(colon + 1).trim()) : new ApiException(400, msg);
        }
        return directory.put(e).thenApply(entry -> new HttpServer.Reply(200, entry));
    }
}
