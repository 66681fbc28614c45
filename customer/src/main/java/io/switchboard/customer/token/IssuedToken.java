package io.switchboard.customer.token;

/** A newly created token: the secret is shown once, here, and only its hash is stored. */
public record IssuedToken(ApiToken token, String secret) {
    @Override
    public String toString() {
        return "IssuedToken[" + token + ", secret=****]";
    }
}
