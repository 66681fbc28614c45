package io.switchboard.customer.merge;

/**
 * A merge or unmerge that cannot be done in the current state of the graph. Each reason is its own type so
 * the API can explain it; all map to 409 Conflict.
 */
public abstract class MergeConflictException extends RuntimeException {
    protected MergeConflictException(String message) {
        super(message);
    }

    /** Merging a customer into itself. */
    public static final class SelfMerge extends MergeConflictException {
        public SelfMerge(long id) {
            super("cannot merge customer " + id + " into itself");
        }
    }

    /** The source, or the target, was already merged into another customer. */
    public static final class AlreadyMerged extends MergeConflictException {
        public AlreadyMerged(long id, long into) {
            super("customer " + id + " was already merged into customer " + into);
        }
    }

    /** The merge was already undone. */
    public static final class AlreadyUnmerged extends MergeConflictException {
        public AlreadyUnmerged(long mergeId) {
            super("merge " + mergeId + " was already undone");
        }
    }

    /**
     * The graph changed since the merge in a way that prevents an exact reversal: a later merge involving
     * the target must be undone first, or something the merge moved has since moved or gone.
     */
    public static final class StaleAudit extends MergeConflictException {
        public StaleAudit(long mergeId, String why) {
            super("merge " + mergeId + " cannot be undone exactly: " + why);
        }
    }
}
