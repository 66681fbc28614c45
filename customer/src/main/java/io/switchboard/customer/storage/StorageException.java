package io.switchboard.customer.storage;

import java.sql.SQLException;

/**
 * A database failure (connection lost, constraint broken unexpectedly). Unchecked so that repository
 * signatures stay about the domain; the SQL state is kept for callers that map it.
 */
public class StorageException extends RuntimeException {
    private final String sqlState;

    public StorageException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
        this.sqlState = cause.getSQLState();
    }

    public StorageException(String message) {
        super(message);
        this.sqlState = null;
    }

    /** The SQLSTATE of the underlying error, or null. */
    public String sqlState() {
        return sqlState;
    }

    /** True for SQLSTATE 23505 (unique violation), which H2 and PostgreSQL both report. */
    public boolean isUniqueViolation() {
        return "23505".equals(sqlState);
    }
}
