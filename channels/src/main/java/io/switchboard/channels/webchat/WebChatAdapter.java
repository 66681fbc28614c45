package io.switchboard.channels.webchat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.ChannelException;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.InboundRequest;
import io.switchboard.channels.spi.MessageType;
import io.switchboard.channels.spi.OutboundMessage;
import io.switchboard.channels.spi.ReplyLimit;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityType;
import java.io.IOException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Our own web chat widget (channels.md §19). A frame is JSON
 * {@code {"type":"message","client_msg_id":"…","text":"…","page":{"url":"…","title":"…"},"user_id":"…","user_hash":"…"}}
 * sent by a visitor holding a token from {@link VisitorTokens} (query {@code token}). When the site signs its
 * user id ({@code user_hash = hex(HMAC_SHA256(identitySecret, user_id))}) the visitor is linked to that
 * customer; a wrong hash is refused rather than silently ignored. Replies go out through a {@link Delivery}
 * (the WebSocket registry in the app).
 */
public final class WebChatAdapter implements ChannelAdapter {
    public static final String CHANNEL = "webchat";

    /** Pushes an outbound message to the visitor's open sockets. */
    @FunctionalInterface
    public interface Delivery {
        CompletableFuture<Void> deliver(OutboundMessage message);
    }

    private final VisitorTokens tokens;
    private final String identitySecret;
    private final InstantSource clock;
    private final ObjectMapper json = new ObjectMapper();
    private volatile Delivery delivery = m -> CompletableFuture.failedFuture(
            new ChannelException(ChannelException.Kind.PLATFORM, "no web chat socket is attached"));

    public WebChatAdapter(VisitorTokens tokens, String identitySecret, InstantSource clock) {
        this.tokens = tokens;
        this.identitySecret = identitySecret == null ? "" : identitySecret;
        this.clock = clock;
    }

    public void deliverThrough(Delivery d) {
        this.delivery = d;
    }

    public VisitorTokens tokens() {
        return tokens;
    }

    @Override
    public String channel() {
        return CHANNEL;
    }

    @Override
    public List<InboundMessage> receive(InboundRequest req) {
        String visitor = tokens.verify(req.query("token"));
        JsonNode f;
        try {
            f = json.readTree(req.body());
        } catch (IOException e) {
            throw ChannelException.malformed("frame is not JSON");
        }
        if (f == null || !f.isObject() || !"message".equals(f.path("type").asText())) {
            throw ChannelException.malformed("expected a frame of type 'message'");
        }
        String id = f.path("client_msg_id").asText("");
        if (id.isEmpty() || id.length() > 128) {
            throw ChannelException.malformed("client_msg_id is required (up to 128 characters)");
        }
        String text = f.path("text").asText("");
        if (text.isBlank() || text.length() > 4000) {
            throw ChannelException.malformed("text is required (up to 4000 characters)");
        }
        Map<String, String> media = new HashMap<>();
        String url = f.path("page").path("url").asText("");
        String title = f.path("page").path("title").asText("");
        if (!url.isEmpty()) {
            media.put("pageUrl", url);
        }
        if (!title.isEmpty()) {
            media.put("pageTitle", title);
        }
        String identity = "";
        if (f.hasNonNull("user_id")) {
            String user = f.get("user_id").asText();
            if (!Hmac.verify(identitySecret, user, f.path("user_hash").asText(null))) {
                throw ChannelException.unauthorized("user_hash does not verify user_id");
            }
            identity = user;
        }
        return List.of(new InboundMessage(CHANNEL, req.account(), visitor, visitor + ":" + id, MessageType.TEXT, text,
                media, clock.instant(), identity));
    }

    /** A verified user id {@code email:…} or {@code phone:…} is that identity; any other id is the site's user id. */
    @Override
    public List<Identity> identities(InboundMessage m) {
        List<Identity> ids = new ArrayList<>();
        String u = m.identity();
        if (u.startsWith("email:")) {
            ids.add(Identity.email(u.substring(6)));
        } else if (u.startsWith("phone:")) {
            ids.add(Identity.phone(u.substring(6)));
        } else if (!u.isEmpty()) {
            ids.add(Identity.platformBuyer("site-" + m.account(), u));
        }
        ids.add(Identity.of(IdentityType.WEBCHAT_VISITOR, m.userId()));
        return ids;
    }

    @Override
    public CompletableFuture<Void> send(OutboundMessage message) {
        return delivery.deliver(message);
    }

    @Override
    public ReplyLimit replyLimit() {
        return ReplyLimit.UNLIMITED;
    }
}
