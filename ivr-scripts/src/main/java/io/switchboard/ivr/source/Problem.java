package io.switchboard.ivr.source;

/**
 * One thing wrong (or suspicious) in a flow file, worded for the admin who wrote it. Printed as
 * {@code file:line:column: message}; warnings carry a {@code warning: } prefix and do not stop a flow
 * from being published.
 */
public record Problem(Position at, Severity severity, String message) implements Comparable<Problem> {

    /** Errors block validation and publishing; warnings are advice. */
    public enum Severity { ERROR, WARNING }

    public static Problem error(Position at, String message) {
        return new Problem(at, Severity.ERROR, message);
    }

    public static Problem warning(Position at, String message) {
        return new Problem(at, Severity.WARNING, message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public int compareTo(Problem o) {
        return at.compareTo(o.at);
    }

    @Override
    public String toString() {
        return at + ": " + (isError() ? "" : "warning: ") + message;
    }
}
