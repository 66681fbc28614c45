package io.switchboard.channels.bridge;

import java.time.Instant;

/**
 * A customer's open thread on one channel account: the unit a virtual call serves and an agent owns. The
 * interaction is the customer's timeline entry for it (kind MESSAGE, open until the conversation closes).
 */
public record Conversation(long id, String channel, String account, String userId, long customerId, long interactionId,
                           String agentId, Instant openedAt) {

    /** Same as {@code InboundMessage.conversationKey()}: the lane key. */
    public String key() {
        return channel + ":" + account + ":" + userId;
    }
}
