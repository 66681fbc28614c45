package io.switchboard.customer.identity;

import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.StorageException;
import java.util.List;
import java.util.Optional;

/**
 * Who is this? Resolves any identity to its (live) customer, creating one on first contact, and links or
 * unlinks identities by hand. Every input is normalised first. Blocking: run on the storage executor.
 * Merges and automatic linking live in {@code io.switchboard.customer.merge}.
 */
public final class IdentityGraph {
    public static final String RULE_CREATED = "created";
    public static final String RULE_MANUAL = "manual";

    private final Database db;
    private final IdentityNormalizer normalizer;
    private final CustomerRepository customers;
    private final IdentityRepository identities;

    public IdentityGraph(Database db, IdentityNormalizer normalizer, CustomerRepository customers, IdentityRepository identities) {
        this.db = db;
        this.normalizer = normalizer;
        this.customers = customers;
        this.identities = identities;
    }

    public IdentityNormalizer normalizer() {
        return normalizer;
    }

    /** The live customer owning {@code identity}, if any. */
    public Optional<Customer> findByIdentity(Identity identity) {
        Identity id = normalizer.normalize(identity);
        return db.inTransaction(c -> identities.find(id).map(l -> customers.resolve(l.customerId())));
    }

    /**
     * The customer owning {@code identity}, or a new customer with {@code profile} owning it. Safe under
     * concurrency: when two threads create the same identity at once, the loser finds the winner's
     * customer. Inside an outer transaction it does not retry (the failed insert may have aborted that
     * transaction): the unique violation propagates and the outer transaction's owner retries the whole.
     * A verified identity upgrades a stored unverified one.
     */
    public Customer findOrCreateByIdentity(Identity identity, Profile profile) {
        Identity id = normalizer.normalize(identity);
        boolean nested = db.hasOpenTransaction();
        for (int attempt = 0; ; attempt++) {
            try {
                return db.inTransaction(c -> {
                    Optional<LinkedIdentity> found = identities.find(id);
                    if (found.isPresent()) {
                        if (id.verified() && !found.get().identity().verified()) {
                            identities.markVerified(found.get().id());
                        }
                        return customers.resolve(found.get().customerId());
                    }
                    Customer created = customers.create(profile);
                    identities.insert(created.id(), id, RULE_CREATED);
                    return created;
                });
            } catch (StorageException e) {
                if (!e.isUniqueViolation() || attempt >= 3 || nested) {
                    throw e;
                }
            }
        }
    }

    public Customer findOrCreateByIdentity(Identity identity) {
        return findOrCreateByIdentity(identity, Profile.EMPTY);
    }

    /**
     * Links {@code identity} to customer {@code customerId} by hand (rule {@code manual}). Idempotent when the
     * customer already owns it; {@link IdentityTakenException} when another customer does.
     */
    public LinkedIdentity link(long customerId, Identity identity) {
        Identity id = normalizer.normalize(identity);
        return db.inTransaction(c -> {
            Customer owner = customers.resolve(customerId);
            Optional<LinkedIdentity> found = identities.find(id);
            if (found.isPresent()) {
                if (found.get().customerId() != owner.id()) {
                    throw new IdentityTakenException(id, found.get().customerId());
                }
                return found.get();
            }
            return identities.insert(owner.id(), id, RULE_MANUAL);
        });
    }

    /** Removes {@code identity} from customer {@code customerId}; false when that customer does not own it. */
    public boolean unlink(long customerId, Identity identity) {
        Identity id = normalizer.normalize(identity);
        return db.inTransaction(c -> {
            Customer owner = customers.resolve(customerId);
            Optional<LinkedIdentity> found = identities.find(id);
            return found.isPresent() && found.get().customerId() == owner.id() && identities.delete(found.get().id());
        });
    }

    public List<LinkedIdentity> identitiesOf(long customerId) {
        return db.inTransaction(c -> identities.ofCustomer(customers.resolve(customerId).id()));
    }

    public Customer customer(long customerId) {
        return customers.resolve(customerId);
    }

    public Customer updateProfile(long customerId, Profile profile) {
        return db.inTransaction(c -> customers.updateProfile(customers.resolve(customerId).id(), profile));
    }
}
