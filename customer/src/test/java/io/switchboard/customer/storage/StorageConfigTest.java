package io.switchboard.customer.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.config.Config;
import io.switchboard.core.config.ConfigException;
import io.switchboard.customer.CustomerConfig;
import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.FakeClock;
import io.switchboard.customer.identity.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageConfigTest {
    @TempDir
    Path data;

    private static Config config(String... sets) {
        Config.Builder b = Config.builder().declare(CustomerConfig.keys());
        for (String s : sets) {
            b.set(s);
        }
        return b.build();
    }

    @Test
    void defaultsToAnH2FileUnderTheDataDirectoryAndSurvivesAReopen() {
        CustomerConfig cfg = CustomerConfig.from(config());
        assertThat(cfg.storage().jdbcUrl(data)).isEqualTo("jdbc:h2:file:" + data.toAbsolutePath().resolve("switchboard"));
        assertThat(cfg.storage().vendor(data)).isEqualTo(Vendor.H2);
        assertThat(cfg.phoneRegion()).isEqualTo("CN");
        long id;
        try (CustomerStorage s = CustomerStorage.open(config(), data, new FakeClock())) {
            id = s.identities().findOrCreateByIdentity(Identity.phone("13800138000")).id();
        }
        assertThat(Files.exists(data.resolve("switchboard.mv.db"))).isTrue();
        try (CustomerStorage s = CustomerStorage.open(config(), data, new FakeClock())) {
            assertThat(s.identities().findByIdentity(Identity.phone("+8613800138000")).orElseThrow().id()).isEqualTo(id);
        }
    }

    @Test
    void postgresIsChosenByUrlAndBadValuesNameTheKey() {
        StorageConfig pg = CustomerConfig.from(config("storage.url=jdbc:postgresql://127.0.0.1:5432/sb", "storage.user=sb",
                "storage.poolSize=16")).storage();
        assertThat(pg.vendor(data)).isEqualTo(Vendor.POSTGRESQL);
        assertThat(pg.poolSize()).isEqualTo(16);
        assertThatThrownBy(() -> CustomerConfig.from(config("storage.url=jdbc:mysql://x/y"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("storage.url");
        assertThatThrownBy(() -> config("storage.poolSize=0")).isInstanceOf(ConfigException.class).hasMessageContaining("storage.poolSize");
        assertThatThrownBy(() -> CustomerConfig.from(config("customer.phoneRegion=XX"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("customer.phoneRegion");
        assertThat(config("storage.password=hunter2").describe()).anyMatch(l -> l.startsWith("storage.password = ****"));
    }
}
