package io.switchboard.customer.identity;

/**
 * Linking an identity that already belongs to another customer: an identity has exactly one owner, so the
 * caller must merge the two customers (or unlink first). The API maps it to 409.
 */
public class IdentityTakenException extends RuntimeException {
    private final long ownerId;

    public IdentityTakenException(Identity identity, long ownerId) {
        super(identity + " already belongs to customer " + ownerId + "; merge the customers or unlink it first");
        this.ownerId = ownerId;
    }

    public long ownerId() {
        return ownerId;
    }
}
