package io.switchboard.customer.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection pool plus schema migrations: opening a {@code Database} leaves the schema at the latest
 * version on H2 or PostgreSQL alike (portable SQL under {@code db/migration}). Work runs in transactions
 * through {@link #inTransaction(SqlWork)}; a nested call on the same thread joins the outer transaction,
 * so repositories compose without passing connections around. All of this blocks: call it from the
 * storage executor, never from a lane.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final HikariDataSource pool;
    private final Vendor vendor;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();

    private Database(HikariDataSource pool, Vendor vendor) {
        this.pool = pool;
        this.vendor = vendor;
    }

    /** Opens the pool for {@code config} (H2 under {@code dataDir} by default) and migrates the schema. */
    public static Database open(StorageConfig config, Path dataDir) {
        String url = config.jdbcUrl(dataDir);
        Vendor vendor = Vendor.of(url);
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(config.poolSize());
        hc.setPoolName("storage");
        hc.setAutoCommit(true);
        HikariDataSource ds = new HikariDataSource(hc);
        try {
            migrate(ds);
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        LOG.info("storage: {} ({}), pool of {}", vendor, redact(url), config.poolSize());
        return new Database(ds, vendor);
    }

    private static void migrate(DataSource ds) {
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    private static String redact(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    public Vendor vendor() {
        return vendor;
    }

    /**
     * True when this thread is inside {@link #inTransaction}: a failed statement may have spoiled that transaction
     * (PostgreSQL aborts it), so a retry belongs to whoever opened it.
     */
    public boolean hasOpenTransaction() {
        return current.get() != null;
    }

    /**
     * Runs {@code work} in a transaction: committed when it returns, rolled back when it throws. Joins the
     * transaction already open on this thread, if any. SQL errors become {@link StorageException}.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        Connection outer = current.get();
        if (outer != null) {
            try {
                return work.run(outer);
            } catch (SQLException e) {
                throw new StorageException("storage", e);
            }
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            current.set(c);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException e) {
                c.rollback();
                throw new StorageException("storage", e);
            } catch (RuntimeException | Error e) {
                c.rollback();
                throw e;
            } finally {
                current.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StorageException("storage connection", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
