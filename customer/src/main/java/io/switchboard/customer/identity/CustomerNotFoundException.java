package io.switchboard.customer.identity;

/** No customer (or identity, merge, token) with that id; the API maps it to 404. */
public class CustomerNotFoundException extends RuntimeException {
    public CustomerNotFoundException(String message) {
        super(message);
    }
}
