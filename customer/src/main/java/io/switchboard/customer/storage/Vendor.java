package io.switchboard.customer.storage;

/** The two databases we support; SQL is written to run on both, this only names which one is in use. */
public enum Vendor {
    H2,
    POSTGRESQL;

    public static Vendor of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        throw new IllegalArgumentException("unsupported JDBC URL (H2 or PostgreSQL only): " + jdbcUrl);
    }
}
