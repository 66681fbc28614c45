package io.switchboard.app;

import java.util.Map;

/** A request the API refuses, with its HTTP status and, for a 400, a message per offending field. */
final class ApiException extends RuntimeException {
    private final int status;
    private final Map<String, String> fields;

    ApiException(int status, String message, Map<String, String> fields) {
        super(message);
        this.status = status;
        this.fields = Map.copyOf(fields);
    }

    ApiException(int status, String message) {
        this(status, message, Map.of());
    }

    /** A 400 naming one field. */
    static ApiException badField(String field, String message) {
        return new ApiException(400, field + ": " + message, Map.of(field, message));
    }

    int status() {
        return status;
    }

    Map<String, String> fields() {
        return fields;
    }
}
