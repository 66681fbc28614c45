package io.switchboard.channels.spi;

import java.time.Instant;
import java.util.Map;

/**
 * A customer's message in the canonical form the bridge stores and routes, whatever the channel.
 *
 * @param account      the channel account it was sent to (WeChat app id, web chat site)
 * @param userId       the sender's id on the platform (openid, visitor id)
 * @param platformId   the platform's message id; retries carry the same id, which is how they are dropped
 * @param text         the text, an event name ({@code subscribe}, {@code click:KEY}) or a recognised voice text
 * @param media        media references (media id, picture URL, format) or context (page URL and title)
 * @param identity     an identity the channel verified for this user ({@code type:value}), or empty
 */
public record InboundMessage(String channel, String account, String userId, String platformId, MessageType type,
                             String text, Map<String, String> media, Instant sentAt, String identity) {

    public InboundMessage {
        if (channel == null || account == null || userId == null || userId.isBlank() || platformId == null || type == null) {
            throw ChannelException.malformed("a message needs a channel, account, sender and message id");
        }
        text = text == null ? "" : text;
        media = media == null ? Map.of() : Map.copyOf(media);
        identity = identity == null ? "" : identity;
    }

    /** The conversation this message belongs to: one per (channel, account, user). */
    public String conversationKey() {
        return channel + ":" + account + ":" + userId;
    }
}
