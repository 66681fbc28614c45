package io.switchboard.customer.merge;

import io.switchboard.customer.identity.Profile;
import java.time.Instant;
import java.util.List;

/**
 * The audit record of one merge: who merged which customer into which, when, why, under which rule
 * ({@code manual}, {@code auto:same_unionid}, {@code auto:verified_phone}), exactly which identities and
 * interactions moved, and the target's profile before and after, so {@link MergeService#unmerge} can
 * reverse it exactly. {@code unmergedAt} is null while the merge stands.
 */
public record MergeRecord(long id, long sourceId, long targetId, String actor, String reason, String rule, Instant mergedAt,
                          List<Long> movedIdentities, List<Long> movedInteractions, Profile targetBefore, Profile targetAfter,
                          Instant unmergedAt, String unmergedBy, String unmergeReason) {

    public MergeRecord {
        movedIdentities = List.copyOf(movedIdentities);
        movedInteractions = List.copyOf(movedInteractions);
    }

    public boolean undone() {
        return unmergedAt != null;
    }
}
