package io.switchboard.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The torture-data locator finds shared/testdata upwards, honours the property, and fails loudly. */
class TortureDataTest {

    @Test
    void walksUpToSharedTestdata(@TempDir Path tmp) throws IOException {
        Path data = Files.createDirectories(tmp.resolve("shared/testdata/rfc4475"));
        Path module = Files.createDirectories(tmp.resolve("repo/sip-core"));
        assertThat(TortureData.locate(null, module)).isEqualTo(data.getParent());
    }

    @Test
    void propertyWins(@TempDir Path tmp) throws IOException {
        Files.createDirectories(tmp.resolve("rfc4475"));
        assertThat(TortureData.locate(tmp.toString(), Path.of("/"))).isEqualTo(tmp.toAbsolutePath());
    }

    @Test
    void missingDataFailsWithAMessageNotASkip(@TempDir Path tmp) {
        assertThatThrownBy(() -> TortureData.locate(null, tmp)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("RFC torture test data not found").hasMessageContaining(TortureData.PROPERTY);
        assertThatThrownBy(() -> TortureData.locate(tmp.resolve("nowhere").toString(), tmp))
                .isInstanceOf(AssertionError.class).hasMessageContaining("has no rfc4475/ directory");
    }

    @Test
    void theRealDataIsFoundHere() {
        assertThat(TortureData.root().resolve("rfc4475/EXPECTED.md")).isRegularFile();
    }
}
