package io.switchboard.channels.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channels.spi.ChannelException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access token of each account, fetched from {@code cgi-bin/token}, cached, and refreshed a margin before it
 * expires. Fetching a new token invalidates the old one (channels.md §1), so fetches are single-flight per app:
 * concurrent callers share one request.
 */
public final class AccessTokens {
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private record Token(String value, Instant expires) {
    }

    private final HttpClient http;
    private final String baseUrl;
    private final InstantSource clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Token> cache = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    public AccessTokens(HttpClient http, String baseUrl, InstantSource clock) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.clock = clock;
    }

    /** A valid token for {@code account}: cached, or fetched once for all concurrent callers. */
    public CompletableFuture<String> token(WeChatAccount account) {
        Token t = cache.get(account.appId());
        if (t != null && clock.instant().isBefore(t.expires())) {
            return CompletableFuture.completedFuture(t.value());
        }
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inFlight.putIfAbsent(account.appId(), mine);
        if (running != null) {
            return running;
        }
        fetch(account).whenComplete((v, e) -> {
            inFlight.remove(account.appId(), mine);
            if (e != null) {
                mine.completeExceptionally(e);
            } else {
                mine.complete(v);
            }
        });
        return mine;
    }

    /** Forgets the token after the API called it invalid or expired (errcode 40001, 42001). */
    public void invalidate(WeChatAccount account, String token) {
        cache.computeIfPresent(account.appId(), (k, t) -> t.value().equals(token) ? null : t);
    }

    private CompletableFuture<String> fetch(WeChatAccount a) {
        URI uri = URI.create(baseUrl + "/cgi-bin/token?grant_type=client_credential&appid=" + enc(a.appId())
                + "&secret=" + enc(a.secret()));
        return http.sendAsync(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
                    try {
                        JsonNode n = json.readTree(r.body());
                        if (!n.hasNonNull("access_token")) {
                            throw new ChannelException(ChannelException.Kind.PLATFORM, "WeChat token: " + r.body());
                        }
                        Instant expires = clock.instant().plusSeconds(n.path("expires_in").asLong(7200)).minus(MARGIN);
                        cache.put(a.appId(), new Token(n.get("access_token").asText(), expires));
                        return n.get("access_token").asText();
                    } catch (java.io.IOException e) {
                        throw new ChannelException(ChannelException.Kind.PLATFORM, "WeChat token: not JSON", e);
                    }
                });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
