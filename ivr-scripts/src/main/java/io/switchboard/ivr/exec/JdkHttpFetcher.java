package io.switchboard.ivr.exec;

import io.switchboard.ivr.port.HttpFetcher;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * The {@code http} verb's default transport: {@code java.net.http.HttpClient}, asynchronous (its own
 * threads, never the call's lane), redirects followed, bodies over {@value #MAX_BODY} bytes refused.
 */
public final class JdkHttpFetcher implements HttpFetcher {
    static final int MAX_BODY = 1 << 20;
    private final HttpClient client;

    public JdkHttpFetcher() {
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    public JdkHttpFetcher(HttpClient client) {
        this.client = client;
    }

    @Override
    public CompletableFuture<Reply> fetch(Request request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(request.uri()).timeout(request.timeout())
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach(b::header);
        return client.sendAsync(b.build(), info -> new Limited(MAX_BODY))
                .thenApply(r -> new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body()));
    }

    /** Collects a body as UTF-8 text, failing once it grows past the limit. */
    private static final class Limited implements HttpResponse.BodySubscriber<String> {
        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<String> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Limited(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<String> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            for (ByteBuffer b : items) {
                if (bytes.size() + b.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new IOException("the answer is larger than " + limit + " bytes"));
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toString(StandardCharsets.UTF_8));
        }
    }
}
