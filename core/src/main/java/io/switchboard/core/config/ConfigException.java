package io.switchboard.core.config;

/** A configuration problem, always naming the offending key or file so an operator can fix it. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
