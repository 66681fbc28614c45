package io.switchboard.channels.spi;

import io.switchboard.customer.identity.Identity;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One messaging platform behind a narrow interface (ARCHITECTURE: engines sit behind narrow interfaces, one
 * package per provider). The HTTP or WebSocket layer hands over the request exactly as received — signatures
 * are computed over the raw bytes, never over re-serialised data — and gets back canonical messages; the
 * bridge stores them before the platform is acknowledged. Outbound messages leave through {@link #send}.
 */
public interface ChannelAdapter {

    /** The channel's lower-case name ({@code wechat}, {@code webchat}); also the interaction channel. */
    String channel();

    /**
     * Verifies {@code request} and parses it. Throws {@link ChannelException} with {@link ChannelException.Kind#UNAUTHORIZED}
     * for a bad signature and {@link ChannelException.Kind#MALFORMED} for a body that cannot be parsed.
     */
    List<InboundMessage> receive(InboundRequest request);

    /** Sends a message to the user now (asynchronously); the future fails with the platform's reason. */
    CompletableFuture<Void> send(OutboundMessage message);

    /**
     * Who sent {@code message}, strongest first: the bridge resolves the customer by the first identity and links
     * the others to it (a web chat visitor whose site vouched for a user id, a WeChat openid scoped by app id).
     */
    List<Identity> identities(InboundMessage message);

    /** The platform's rules for messages we start; the bridge refuses sends that break them. */
    ReplyLimit replyLimit();
}
