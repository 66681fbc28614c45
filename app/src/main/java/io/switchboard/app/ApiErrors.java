package io.switchboard.app;

import io.switchboard.customer.identity.CustomerNotFoundException;
import io.switchboard.customer.identity.IdentityTakenException;
import io.switchboard.customer.merge.MergeConflictException;
import io.switchboard.customer.storage.StorageExecutor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One place that turns failures into consistent API errors ({@code {"error": "...", "fields": {...}}}):
 * refusals keep their status, unknown ids are 404, merge conflicts and taken identities 409, invalid input
 * 400, a saturated database 503, anything else 500 (logged).
 */
final class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static HttpServer.Reply reply(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ApiException a) {
            return body(a.status(), a.getMessage(), a.fields());
        }
        if (e instanceof CustomerNotFoundException) {
            return body(404, e.getMessage(), Map.of());
        }
        if (e instanceof MergeConflictException || e instanceof IdentityTakenException) {
            return body(409, e.getMessage(), Map.of());
        }
        if (e instanceof IllegalArgumentException) {
            return body(400, e.getMessage(), Map.of());
        }
        if (e instanceof StorageExecutor.StorageBusyException) {
            return body(503, e.getMessage(), Map.of());
        }
        log.warn("API request failed: {}", e.toString(), e);
        return body(500, "internal error: " + e.getMessage(), Map.of());
    }

    private static HttpServer.Reply body(int status, String message, Map<String, String> fields) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("error", message == null ? "error" : message);
        if (!fields.isEmpty()) {
            b.put("fields", fields);
        }
        return new HttpServer.Reply(status, b);
    }
}
