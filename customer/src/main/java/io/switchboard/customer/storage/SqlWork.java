package io.switchboard.customer.storage;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work run inside a transaction by {@link Database#inTransaction(SqlWork)}. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
