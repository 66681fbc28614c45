package io.switchboard.ivr.port;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * How the {@code http} verb reaches web services: off the call's lane, the result handed back as a
 * future the engine completes on the lane. The default uses {@code java.net.http.HttpClient}.
 */
public interface HttpFetcher {

    /** Starts the request; the future fails on connection errors and timeouts. */
    CompletableFuture<Reply> fetch(Request request);

    /** An outgoing request; {@code body} is null for none. */
    record Request(String method, URI uri, Map<String, String> headers, String body, Duration timeout) {
    }

    /** The answer: status, content type (may be empty) and body text. */
    record Reply(int status, String contentType, String body) {
    }
}
