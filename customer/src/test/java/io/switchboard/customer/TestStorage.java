package io.switchboard.customer;

import io.switchboard.customer.storage.StorageConfig;
import io.switchboard.customer.storage.Vendor;
import io.switchboard.testkit.Postgres;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh, empty, migrated storage per test on either database: an in-memory H2 database, or a new database
 * in the JVM's shared throw-away PostgreSQL cluster ({@link Postgres#shared()}).
 */
public final class TestStorage {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private TestStorage() {
    }

    public static CustomerStorage open(Vendor vendor, InstantSource clock) {
        return CustomerStorage.open(CustomerConfig.of(config(vendor, 4)), Path.of("target"), clock);
    }

    public static StorageConfig config(Vendor vendor, int pool) {
        return config(vendor, pool, null);
    }

    /** A new database that outlives a close: an H2 file under {@code dir} (in memory when null), or a PostgreSQL database. */
    public static StorageConfig config(Vendor vendor, int pool, Path dir) {
        String name = "t" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
        if (vendor == Vendor.H2) {
            String url = dir == null ? "jdbc:h2:mem:" + name : "jdbc:h2:file:" + dir.toAbsolutePath().resolve(name);
            return new StorageConfig(url, "sa", "", pool);
        }
        Postgres pg = Postgres.shared();
        return new StorageConfig(pg.createDatabase(name), pg.user(), "", pool);
    }
}
