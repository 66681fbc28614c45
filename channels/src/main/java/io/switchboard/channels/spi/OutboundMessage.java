package io.switchboard.channels.spi;

/** A text we send to a user of a channel account (agents' replies and bot prompts). */
public record OutboundMessage(String channel, String account, String userId, String text) {
}
