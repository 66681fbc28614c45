package io.switchboard.channels.bridge;

import io.switchboard.channels.spi.InboundMessage;

/** An inbound message once it is durable: its row id and the message itself. */
public record StoredMessage(long id, InboundMessage message) {
}
