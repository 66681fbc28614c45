package io.switchboard.channels.bridge;

import io.switchboard.channels.spi.ChannelAdapter;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityTakenException;
import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.interaction.Direction;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.InteractionKind;
import io.switchboard.customer.storage.StorageException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Attaches a stored message to its conversation, opening one when the user has none: the sender is resolved to a
 * customer by the strongest identity the channel vouches for, the others are linked to it when free, and the
 * conversation becomes an open MESSAGE interaction on the customer's timeline. Blocking: storage executor only.
 */
final class ConversationResolver {
    /** The conversation and whether this message opened it. */
    record Attached(Conversation conversation, boolean opened) {
    }

    private final CustomerStorage customers;
    private final MessageStore store;
    private final Map<String, ChannelAdapter> adapters;

    ConversationResolver(CustomerStorage customers, MessageStore store, Map<String, ChannelAdapter> adapters) {
        this.customers = customers;
        this.store = store;
        this.adapters = adapters;
    }

    /**
     * Attaches {@code sm}. {@code mayBeOpen} is false when the message was stored in this run and no conversation was
     * open then: its user's messages run one at a time, so none can have opened since, and the lookup is skipped.
     */
    Attached attach(StoredMessage sm, Instant now, boolean mayBeOpen) {
        InboundMessage m = sm.message();
        if (mayBeOpen) {
            Optional<Conversation> open = store.processInOpen(sm.id(), m.channel(), m.account(), m.userId(), now);
            if (open.isPresent()) {
                return new Attached(open.get(), false);
            }
        }
        List<Identity> ids = adapters.get(m.channel()).identities(m);
        // customer, links, timeline entry, conversation and the message's mark in one transaction; a unique violation
        // (someone created the same identity at that moment) rolls it all back and the next attempt finds theirs
        Conversation conv;
        for (int attempt = 0; ; attempt++) {
            try {
                conv = customers.database().inTransaction(tx -> open(sm, ids, now));
                break;
            } catch (StorageException e) {
                if (!e.isUniqueViolation() || attempt >= 3) {
                    throw e;
                }
            }
        }
        return new Attached(conv, true);
    }

    /**
     * Opens a conversation for {@code sm} inside the caller's transaction (a group-commit batch): no retry here, a
     * unique violation fails the caller's transaction and the caller redoes its work without this.
     */
    Conversation openIn(StoredMessage sm, Instant now) {
        return open(sm, adapters.get(sm.message().channel()).identities(sm.message()), now);
    }

    private Conversation open(StoredMessage sm, List<Identity> ids, Instant now) {
        InboundMessage m = sm.message();
        Customer c = customers.identities().findOrCreateByIdentity(ids.get(0), Profile.EMPTY);
        for (Identity other : ids.subList(1, ids.size())) {
            try {
                customers.identities().link(c.id(), other);
            } catch (IdentityTakenException e) {
                // the visitor id already belongs to another customer; the verified identity wins for this conversation
            }
        }
        Map<String, Object> details = new HashMap<>(m.media());
        details.put("account", m.account());
        details.put("user", m.userId());
        Interaction entry = Interaction.builder(c.id(), m.channel(), InteractionKind.MESSAGE, Direction.INBOUND, now).open(true)
                .summary(m.text().length() > 200 ? m.text().substring(0, 200) : m.text()).details(details).build();
        Interaction i = customers.interactions().append(entry);
        Conversation opened = store.open(m, i.customerId(), i.id(), now);
        store.processed(sm.id(), opened, now);
        return opened;
    }

    List<Conversation> close(Instant idleSince, long onlyId, Instant now) {
        List<Conversation> closed = store.close(idleSince, onlyId, now);
        for (Conversation c : closed) {
            customers.interactions().close(c.interactionId(), now);
        }
        return closed;
    }
}
