package io.switchboard.app;

import io.switchboard.channels.bridge.ChannelBridge;
import io.switchboard.channels.spi.ChannelException;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.InboundRequest;
import io.switchboard.channels.wechat.WeChatAdapter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WeChat Official Account callback, {@code /channels/wechat/ACCOUNT}: GET is the URL verification
 * ({@code echostr} back when the signature verifies), POST a message. A message is acknowledged only once it is
 * stored; when the bot answers within the platform's 5 seconds the answer is the passive reply, otherwise
 * {@code success} and the answer goes out through the customer-service API. A bad signature is 401 and
 * nothing is stored; a malformed body 400; storage trouble 503 (WeChat retries, the retry is de-duplicated).
 */
final class WeChatRoute implements HttpServer.Route {
    private static final Logger log = LoggerFactory.getLogger(WeChatRoute.class);
    private static final String PREFIX = "/channels/wechat/";
    static final long PASSIVE_MS = 4500;

    private final WeChatAdapter adapter;
    private final ChannelBridge bridge;

    WeChatRoute(WeChatAdapter adapter, ChannelBridge bridge) {
        this.adapter = adapter;
        this.bridge = bridge;
    }

    @Override
    public String path() {
        return PREFIX;
    }

    @Override
    public boolean matches(String path) {
        return path.startsWith(PREFIX) && path.length() > PREFIX.length();
    }

    @Override
    public HttpServer.Reply handle(HttpServer.Request request) {
        throw new UnsupportedOperationException("answered asynchronously");
    }

    @Override
    public CompletableFuture<HttpServer.Reply> handleAsync(HttpServer.Request r) {
        Map<String, String> query = new LinkedHashMap<>();
        r.query().forEach((k, v) -> query.put(k, v.isEmpty() ? "" : v.get(0)));
        InboundRequest req = new InboundRequest(r.path().substring(PREFIX.length()), r.method(), query, Map.of(),
                r.body() == null ? new byte[0] : r.body().getBytes(StandardCharsets.UTF_8));
        try {
            if (r.method().equals("GET")) {
                return done(HttpServer.Reply.plain(200, adapter.echo(req)));
            }
            if (!r.method().equals("POST")) {
                return done(HttpServer.Reply.error(405, r.method() + " is not allowed (GET to verify, POST messages)"));
            }
            List<InboundMessage> messages = adapter.receive(req);
            if (messages.isEmpty()) {
                return done(HttpServer.Reply.plain(200, "success"));
            }
            InboundMessage m = messages.get(0);
            CompletableFuture<String> passive = bridge.passive().expect(m.conversationKey());
            return bridge.ingest(m).thenCompose(stored -> {
                if (stored.isEmpty()) {
                    passive.complete(null); // a retry of a stored message: it is being answered already
                }
                return passive.completeOnTimeout(null, PASSIVE_MS, TimeUnit.MILLISECONDS);
            }).handle((text, error) -> {
                if (error != null) {
                    passive.complete(null);
                    log.warn("wechat: message {} from {} not stored: {}", m.platformId(), m.userId(), error.toString());
                    return HttpServer.Reply.error(503, "not stored, retry");
                }
                return text == null ? HttpServer.Reply.plain(200, "success")
                        : HttpServer.Reply.raw(200, "application/xml; charset=utf-8", adapter.passiveReply(req, m, text));
            });
        } catch (ChannelException e) {
            int status = e.kind() == ChannelException.Kind.UNAUTHORIZED ? 401 : 400;
            log.info("wechat: {} {} refused ({}): {}", r.method(), r.path(), status, e.getMessage());
            return done(HttpServer.Reply.error(status, e.getMessage()));
        }
    }

    private static CompletableFuture<HttpServer.Reply> done(HttpServer.Reply reply) {
        return CompletableFuture.completedFuture(reply);
    }
}
