package io.switchboard.app.customer;

import io.switchboard.customer.AsyncCustomers;
import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityNormalizer;
import io.switchboard.customer.identity.IdentityType;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.TimelinePage;
import io.switchboard.ivr.port.CustomerLookup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The IVR's {@code lookup: customer}: finds the caller's customer by the channel's identity (a phone
 * number on {@code voice}/{@code sms}, a WhatsApp number, an email address, or an explicit
 * {@code type:value}) and answers what a flow reads: {@code id}, {@code name}, {@code vip},
 * {@code language}, {@code tags}, {@code last_interactions} (newest first), {@code last_agent} (last 30
 * days, any channel) and {@code open_topics}. Every step runs on the storage executor.
 */
public final class CustomerDirectory implements CustomerLookup {
    static final int LAST_INTERACTIONS = 5;
    static final Duration STICKY = Duration.ofDays(30);

    private final AsyncCustomers customers;
    private final PhoneNumbers numbers;

    public CustomerDirectory(AsyncCustomers customers, IdentityNormalizer normalizer) {
        this.customers = customers;
        this.numbers = new PhoneNumbers(normalizer);
    }

    @Override
    public CompletableFuture<Optional<Map<String, Object>>> find(String channel, String key) {
        Optional<Identity> identity = identity(channel, key);
        if (identity.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return customers.findByIdentity(identity.get()).thenCompose(c -> c.isEmpty()
                ? CompletableFuture.completedFuture(Optional.<Map<String, Object>>empty())
                : describe(c.get()).thenApply(Optional::of));
    }

    /** What a desk shows of customer {@code id} (the same fields as {@link #find}); fails when there is no such customer. */
    public CompletableFuture<Map<String, Object>> summary(long id) {
        return customers.customer(id).thenCompose(this::describe);
    }

    private Optional<Identity> identity(String channel, String key) {
        if (key == null || key.isBlank()) {
            return Optional.empty();
        }
        String ch = channel == null ? "voice" : channel.toLowerCase(java.util.Locale.ROOT);
        switch (ch) {
            case "voice", "sms", "phone":
                return numbers.identity(key);
            case "whatsapp":
                return Optional.of(Identity.of(IdentityType.WHATSAPP, key));
            case "email":
                return Optional.of(Identity.email(key));
            default:
                int colon = key.indexOf(':');
                if (colon <= 0) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Identity.of(IdentityType.parse(key.substring(0, colon)), key.substring(colon + 1)));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
        }
    }

    private CompletableFuture<Map<String, Object>> describe(Customer c) {
        CompletableFuture<TimelinePage> recent = customers.timeline(c.id(), null, LAST_INTERACTIONS);
        CompletableFuture<Optional<String>> agent = customers.lastAgent(c.id(), null, STICKY);
        CompletableFuture<Set<String>> topics = customers.openTopics(c.id());
        return CompletableFuture.allOf(recent, agent, topics).thenApply(x -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.mergedInto() != 0 ? c.mergedInto() : c.id());
            m.put("name", c.profile().name());
            m.put("vip", c.profile().vipLevel());
            m.put("language", c.profile().language());
            m.put("tags", List.copyOf(c.profile().tags()));
            List<Map<String, Object>> last = new ArrayList<>();
            for (Interaction i : recent.join().items()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("channel", i.channel());
                e.put("kind", i.kind().wire());
                e.put("at", i.startedAt().toString());
                e.put("summary", i.summary() == null ? "" : i.summary());
                e.put("agent", i.agentId() == null ? "" : i.agentId());
                last.add(e);
            }
            m.put("last_interactions", last);
            m.put("last_agent", agent.join().orElse(""));
            m.put("open_topics", List.copyOf(topics.join()));
            return m;
        });
    }
}
