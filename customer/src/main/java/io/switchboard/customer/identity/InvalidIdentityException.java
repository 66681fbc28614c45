package io.switchboard.customer.identity;

/** An identity that cannot be normalised (not a phone number, no app id for an openid, …); maps to 400. */
public class InvalidIdentityException extends IllegalArgumentException {
    public InvalidIdentityException(String message) {
        super(message);
    }
}
