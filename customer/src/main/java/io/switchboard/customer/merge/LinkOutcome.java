package io.switchboard.customer.merge;

import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.LinkedIdentity;
import java.util.List;

/**
 * What {@link AutoLinker#observe} decided: the customer the contact belongs to, identities newly linked to
 * it (each with its rule), customers merged into it on strong keys, and customers only suggested as
 * possibly the same person on weak evidence.
 */
public record LinkOutcome(Customer customer, boolean created, List<LinkedIdentity> linked, List<MergeRecord> merges,
                          List<Long> suggested) {
    public LinkOutcome {
        linked = List.copyOf(linked);
        merges = List.copyOf(merges);
        suggested = List.copyOf(suggested);
    }
}
