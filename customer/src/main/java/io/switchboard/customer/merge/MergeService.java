package io.switchboard.customer.merge;

import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.CustomerNotFoundException;
import io.switchboard.customer.identity.CustomerRepository;
import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.storage.Database;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * Merges two customers into one and undoes merges exactly. A merge moves every identity and interaction
 * of the source to the target, fills gaps in the target's profile from the source's, marks the source as
 * merged (its row stays), and writes an audit {@link MergeRecord} listing what moved. An unmerge reads
 * that record and moves exactly those rows back. Both run in one transaction with both customers locked.
 * Blocking: run on the storage executor.
 */
public final class MergeService {
    public static final String RULE_MANUAL = "manual";

    private final Database db;
    private final CustomerRepository customers;
    private final MergeRepository merges;
    private final InstantSource clock;

    public MergeService(Database db, CustomerRepository customers, InstantSource clock) {
        this.db = db;
        this.customers = customers;
        this.merges = new MergeRepository(db);
        this.clock = clock;
    }

    /** A merge decided by a person ({@code actor}) for {@code reason}. */
    public MergeRecord merge(long sourceId, long targetId, String actor, String reason) {
        return merge(sourceId, targetId, actor, reason, RULE_MANUAL);
    }

    /** A merge under a named {@code rule} (automatic linking records which strong key decided it). */
    public MergeRecord merge(long sourceId, long targetId, String actor, String reason, String rule) {
        requireText(actor, "actor");
        requireText(reason, "reason");
        if (sourceId == targetId) {
            throw new MergeConflictException.SelfMerge(sourceId);
        }
        return db.inTransaction(c -> {
            Customer first = customers.lock(Math.min(sourceId, targetId));
            Customer second = customers.lock(Math.max(sourceId, targetId));
            Customer source = first.id() == sourceId ? first : second;
            Customer target = first.id() == targetId ? first : second;
            if (source.merged()) {
                throw new MergeConflictException.AlreadyMerged(source.id(), source.mergedInto());
            }
            if (target.merged()) {
                throw new MergeConflictException.AlreadyMerged(target.id(), target.mergedInto());
            }
            List<Long> identities = merges.idsOwnedBy("identities", source.id());
            List<Long> interactions = merges.idsOwnedBy("interactions", source.id());
            merges.move("identities", identities, source.id(), target.id());
            merges.move("interactions", interactions, source.id(), target.id());
            Profile before = target.profile();
            Profile after = before.absorb(source.profile());
            if (!after.equals(before)) {
                customers.updateProfile(target.id(), after);
            }
            customers.setMergedInto(source.id(), target.id());
            return merges.insert(new MergeRecord(0, source.id(), target.id(), actor, reason, rule, clock.instant(),
                    identities, interactions, before, after, null, null, null));
        });
    }

    /**
     * Undoes merge {@code mergeId}: the identities and interactions it moved go back to the source, the
     * source is live again, and the target's profile returns to what it was before the merge unless someone
     * edited it since (then the edit is kept). Merges are undone last-first: a later merge of the target
     * into another customer, or a later merge into the same target, must be undone before this one ({@link MergeConflictException.StaleAudit}).
     */
    public MergeRecord unmerge(long mergeId, String actor, String reason) {
        requireText(actor, "actor");
        requireText(reason, "reason");
        return db.inTransaction(c -> {
            MergeRecord m = merges.find(mergeId).orElseThrow(() -> new CustomerNotFoundException("no merge " + mergeId));
            if (m.undone()) {
                throw new MergeConflictException.AlreadyUnmerged(mergeId);
            }
            Customer first = customers.lock(Math.min(m.sourceId(), m.targetId()));
            Customer second = customers.lock(Math.max(m.sourceId(), m.targetId()));
            Customer source = first.id() == m.sourceId() ? first : second;
            Customer target = first.id() == m.targetId() ? first : second;
            if (source.mergedInto() != target.id()) {
                throw new MergeConflictException.StaleAudit(mergeId, "customer " + source.id() + " is no longer merged into " + target.id());
            }
            if (target.merged()) {
                throw new MergeConflictException.StaleAudit(mergeId, "customer " + target.id() + " was merged into "
                        + target.mergedInto() + " since; undo that merge first");
            }
            Optional<Long> later = merges.laterStandingMergeInto(target.id(), mergeId);
            if (later.isPresent()) {
                throw new MergeConflictException.StaleAudit(mergeId, "merge " + later.get() + " into customer " + target.id()
                        + " came later; undo it first");
            }
            moveBack("identities", m.movedIdentities(), m, "an identity it moved was unlinked or moved since");
            moveBack("interactions", m.movedInteractions(), m, "an interaction it moved was moved since");
            if (target.profile().equals(m.targetAfter())) {
                customers.updateProfile(target.id(), m.targetBefore());
            }
            customers.setMergedInto(source.id(), 0);
            merges.markUnmerged(mergeId, clock.instant(), actor, reason);
            return merges.find(mergeId).orElseThrow();
        });
    }

    private void moveBack(String table, List<Long> ids, MergeRecord m, String why) {
        int moved = merges.move(table, ids, m.targetId(), m.sourceId());
        if (moved != ids.size()) {
            throw new MergeConflictException.StaleAudit(m.id(), why);
        }
    }

    public MergeRecord find(long mergeId) {
        return merges.find(mergeId).orElseThrow(() -> new CustomerNotFoundException("no merge " + mergeId));
    }

    /** Merges in which {@code customerId} was source or target, newest first. */
    public List<MergeRecord> history(long customerId) {
        return merges.history(customerId);
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a merge needs a non-empty " + what);
        }
    }
}
