package io.switchboard.customer.identity;

import java.time.Instant;

/**
 * A customer: one person or organisation, however many identities. A customer merged into another keeps
 * its row (so the merge can be undone) with {@code mergedInto} naming the survivor; lookups by id follow it.
 *
 * @param mergedInto id of the customer this one was merged into, 0 when it is live
 */
public record Customer(long id, Profile profile, long mergedInto, Instant createdAt, Instant updatedAt) {

    public boolean merged() {
        return mergedInto != 0;
    }
}
