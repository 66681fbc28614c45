package io.switchboard.app;

import io.switchboard.core.config.Config;
import io.switchboard.core.config.ConfigKey;
import java.nio.file.Path;
import java.util.List;

/** Node-level keys owned by the app: HTTP listener and data directory. */
public record AppConfig(String httpBind, int httpPort, Path dataDir, String logLevel, String adminToken) {
    public static final ConfigKey<String> ADMIN_TOKEN = ConfigKey.string("admin.bootstrapToken", "",
            "admin API token (Authorization: Bearer ...); empty: the environment variable SWITCHBOARD_ADMIN_TOKEN, else the API is closed").asSecret();
    public static final ConfigKey<String> HTTP_BIND = ConfigKey.string("http.bind", "127.0.0.1", "address of the HTTP (health, admin) listener");
    public static final ConfigKey<Integer> HTTP_PORT = ConfigKey.integer("http.port", 8080, 0, 65535, "HTTP port; 0 disables the listener");
    public static final ConfigKey<String> DATA_DIR = ConfigKey.string("data.dir", "data", "runtime data: registrations, later database, recordings, caches");
    public static final ConfigKey<String> LOG_LEVEL = new ConfigKey<>("log.level", "INFO", "root log level (TRACE, DEBUG, INFO, WARN, ERROR)", false, s -> {
        String u = s.toUpperCase(java.util.Locale.ROOT);
        if (!List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(u)) {
            throw new IllegalArgumentException("expected TRACE, DEBUG, INFO, WARN or ERROR");
        }
        return u;
    });

    public static List<ConfigKey<?>> keys() {
        return List.of(HTTP_BIND, HTTP_PORT, DATA_DIR, LOG_LEVEL, ADMIN_TOKEN);
    }

    public static AppConfig from(Config c) {
        return new AppConfig(c.get(HTTP_BIND), c.get(HTTP_PORT), Path.of(c.get(DATA_DIR)), c.get(LOG_LEVEL), c.get(ADMIN_TOKEN));
    }
}
