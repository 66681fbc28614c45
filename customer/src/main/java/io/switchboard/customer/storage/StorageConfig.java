package io.switchboard.customer.storage;

import io.switchboard.core.config.Config;
import io.switchboard.core.config.ConfigException;
import io.switchboard.core.config.ConfigKey;
import java.nio.file.Path;
import java.util.List;

/**
 * Typed configuration of customer storage ({@code storage.*}). The default is an embedded H2 database file
 * under the node's data directory, so a fresh install needs nothing; PostgreSQL is chosen by pointing
 * {@code storage.url} at it.
 *
 * @param url      JDBC URL; empty = H2 file {@code <dataDir>/switchboard} (resolved by {@link #jdbcUrl(Path)})
 * @param user     database user (H2 default: {@code sa})
 * @param password database password
 * @param poolSize connections in the pool, and threads of the storage executor
 */
public record StorageConfig(String url, String user, String password, int poolSize) {

    public static final ConfigKey<String> URL = ConfigKey.string("storage.url", "",
            "JDBC URL of the customer/CDR database; empty = embedded H2 under data/ (jdbc:postgresql://host/db for PostgreSQL)");
    public static final ConfigKey<String> USER = ConfigKey.string("storage.user", "sa", "database user");
    public static final ConfigKey<String> PASSWORD = ConfigKey.string("storage.password", "", "database password").asSecret();
    public static final ConfigKey<Integer> POOL_SIZE = ConfigKey.integer("storage.poolSize", 8, 1, 200,
            "database connections, and threads running blocking storage work off the lanes");

    public static List<ConfigKey<?>> keys() {
        return List.of(URL, USER, PASSWORD, POOL_SIZE);
    }

    public static StorageConfig from(Config c) {
        String url = c.get(URL).trim();
        if (!url.isEmpty() && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("storage.url must be empty (embedded H2), jdbc:h2:… or jdbc:postgresql://…, got '" + url + "'");
        }
        return new StorageConfig(url, c.get(USER), c.get(PASSWORD), c.get(POOL_SIZE));
    }

    /** The JDBC URL to connect to: {@link #url()} or, when empty, the H2 file under {@code dataDir}. */
    public String jdbcUrl(Path dataDir) {
        if (!url.isEmpty()) {
            return url;
        }
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("switchboard");
    }

    public Vendor vendor(Path dataDir) {
        return Vendor.of(jdbcUrl(dataDir));
    }
}
