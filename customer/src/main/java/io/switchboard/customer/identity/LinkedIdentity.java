package io.switchboard.customer.identity;

import java.time.Instant;

/**
 * A stored identity and who it belongs to, with the rule that linked it (e.g. {@code created},
 * {@code manual}, {@code auto:same_unionid}, {@code auto:verified_phone}, {@code seen_with:wechat_openid}),
 * so that every automatic decision can be explained.
 */
public record LinkedIdentity(long id, long customerId, Identity identity, String linkRule, Instant createdAt) {
}
