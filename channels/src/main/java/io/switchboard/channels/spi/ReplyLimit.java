package io.switchboard.channels.spi;

import java.time.Duration;

/**
 * How many messages we may send after the user's last message, and for how long — e.g. WeChat customer-service
 * messages: 5 within 48 h (channels.md §1, rules since 2023-06). Declared by the adapter, enforced by the bridge.
 *
 * @param messages messages allowed per window; {@link Integer#MAX_VALUE} = unlimited
 * @param window   how long after the user's last message sending is allowed
 */
public record ReplyLimit(int messages, Duration window) {
    public static final ReplyLimit UNLIMITED = new ReplyLimit(Integer.MAX_VALUE, Duration.ofDays(36500));
}
