package io.switchboard.app;

/** The node could not start (a port in use, unsafe demo credentials…); the message says why. */
public final class StartupException extends RuntimeException {
    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
