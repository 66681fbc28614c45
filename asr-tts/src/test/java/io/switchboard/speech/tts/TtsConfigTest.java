package io.switchboard.speech.tts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.config.Config;
import io.switchboard.core.config.ConfigException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TtsConfigTest {
    @Test
    void defaultsAndOverrides() {
        assertThat(TtsConfig.defaults()).isEqualTo(new TtsConfig(Path.of("data/tts-cache"), 64L << 20, 0, 64));
        TtsConfig c = TtsConfig.from(Config.builder().declare(TtsConfig.keys())
                .set("tts.cache.memory=512KB").set("tts.pool.threads=3").set("tts.cache.dir=/var/tts").build());
        assertThat(c).isEqualTo(new TtsConfig(Path.of("/var/tts"), 512L << 10, 3, 64));
        assertThat(c.threads()).isEqualTo(3);
        assertThat(TtsConfig.defaults().threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void badSizeNamesTheKey() {
        assertThatThrownBy(() -> Config.builder().declare(TtsConfig.keys()).set("tts.cache.memory=lots").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("tts.cache.memory")
                .hasMessageContaining("64MB");
    }
}
