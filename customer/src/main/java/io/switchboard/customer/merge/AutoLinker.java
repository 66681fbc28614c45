package io.switchboard.customer.merge;

import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.CustomerRepository;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.IdentityNormalizer;
import io.switchboard.customer.identity.IdentityRepository;
import io.switchboard.customer.identity.IdentityType;
import io.switchboard.customer.identity.LinkedIdentity;
import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.storage.Database;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Automatic linking from what a channel tells us at once (e.g. WeChat gives an openid and a unionid; a
 * web chat visitor confirms a phone by SMS code). Only strong keys — a WeChat unionid, a verified phone —
 * decide: customers owning different strong keys of one contact are merged (rule {@code auto:same_unionid}
 * or {@code auto:verified_phone}, actor {@code system}). Weak keys (an unverified email or phone, a device,
 * a visitor id) owned by another customer only produce a {@link Suggestion}. Unknown identities are linked
 * to the contact's customer with rule {@code seen_with:<type of the key that found it>}. When the contact
 * carries a strong key that nobody owns yet, a weak key never decides whose it is: a new customer is made
 * for the strong key and the weak key's owner is suggested.
 */
public final class AutoLinker {
    public static final String ACTOR = "system";

    private final Database db;
    private final IdentityNormalizer normalizer;
    private final CustomerRepository customers;
    private final IdentityRepository identities;
    private final MergeService merges;
    private final SuggestionRepository suggestions;

    public AutoLinker(Database db, IdentityNormalizer normalizer, CustomerRepository customers, IdentityRepository identities,
                      MergeService merges, SuggestionRepository suggestions) {
        this.db = db;
        this.normalizer = normalizer;
        this.customers = customers;
        this.identities = identities;
        this.merges = merges;
        this.suggestions = suggestions;
    }

    /** Resolves one contact's identities (seen together) to one customer, creating it with {@code profile} if none is known. */
    public LinkOutcome observe(List<Identity> seenTogether, Profile profile) {
        Map<String, Identity> ids = new LinkedHashMap<>();
        for (Identity raw : seenTogether) {
            Identity n = normalizer.normalize(raw);
            ids.merge(n.type().wire() + "|" + n.scope() + "|" + n.value(), n, (a, b) -> a.verified() ? a : b);
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("observe needs at least one identity");
        }
        return db.inTransaction(c -> decide(new ArrayList<>(ids.values()), profile));
    }

    private LinkOutcome decide(List<Identity> ids, Profile profile) {
        List<Identity> strongFirst = new ArrayList<>(ids.stream().filter(Identity::strong).toList());
        ids.stream().filter(i -> !i.strong()).forEach(strongFirst::add);
        Map<Identity, Optional<LinkedIdentity>> owned = new LinkedHashMap<>();
        for (Identity id : strongFirst) {
            Optional<LinkedIdentity> found = identities.find(id);
            found.filter(l -> id.verified() && !l.identity().verified()).ifPresent(l -> identities.markVerified(l.id()));
            owned.put(id, found);
        }
        Identity anchorKey = null;
        Customer anchor = null;
        boolean hasStrong = strongFirst.get(0).strong();
        for (Map.Entry<Identity, Optional<LinkedIdentity>> e : owned.entrySet()) {
            if (e.getValue().isPresent() && (e.getKey().strong() || !hasStrong)) {
                anchorKey = e.getKey();
                anchor = customers.resolve(e.getValue().get().customerId());
                break;
            }
        }
        boolean created = anchor == null;
        List<LinkedIdentity> linked = new ArrayList<>();
        if (created) {
            anchorKey = strongFirst.get(0);
            anchor = customers.create(profile);
            linked.add(identities.insert(anchor.id(), anchorKey, "created"));
            owned.put(anchorKey, Optional.of(linked.get(0)));
        }
        List<MergeRecord> merged = new ArrayList<>();
        List<Long> suggested = new ArrayList<>();
        for (Map.Entry<Identity, Optional<LinkedIdentity>> e : owned.entrySet()) {
            Identity id = e.getKey();
            if (e.getValue().isEmpty()) {
                linked.add(identities.insert(anchor.id(), id, "seen_with:" + anchorKey.type().wire()));
                continue;
            }
            long owner = customers.resolve(e.getValue().get().customerId()).id();
            if (owner == anchor.id()) {
                continue;
            }
            if (id.strong() && anchorKey.strong()) {
                merged.add(merges.merge(owner, anchor.id(), ACTOR, id + " seen with " + anchorKey, rule(id)));
            } else if (!suggested.contains(owner)) {
                suggestions.suggest(owner, anchor.id(), "weak:" + id.type().wire());
                suggested.add(owner);
            }
        }
        return new LinkOutcome(customers.resolve(anchor.id()), created, linked, merged, suggested);
    }

    private static String rule(Identity strongKey) {
        return strongKey.type() == IdentityType.WECHAT_UNIONID ? "auto:same_unionid" : "auto:verified_phone";
    }

    /** Suggests (never merges) live customers with the same name as {@code customerId}; returns their ids. */
    public List<Long> suggestByName(long customerId) {
        return db.inTransaction(c -> {
            Customer me = customers.resolve(customerId);
            List<Long> same = customers.sameName(me.profile().nameKey(), me.id());
            same.forEach(other -> suggestions.suggest(me.id(), other, "same_name"));
            return same;
        });
    }
}
