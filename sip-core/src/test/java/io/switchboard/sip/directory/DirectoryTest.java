package io.switchboard.sip.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The extension directory: lookups, and validation of directory.yaml naming the bad entry. */
class DirectoryTest {
    @TempDir
    Path dir;

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("directory.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void builtFromExtensions() {
        Extension alice = new Extension("1000", "Alice", Optional.of("pw"), Optional.empty(), false);
        Directory d = new Directory(List.of(alice));
        assertThat(d.find("1000")).contains(alice);
        assertThat(d.find("1001")).isEmpty();
        assertThat(d.find(null)).isEmpty();
        assertThat(d.all()).containsExactly(alice);
        assertThat(d.hasDemoCredentials()).isFalse();
    }

    @Test
    void loadsExtensionsAndRecognisesDemoPasswords() throws IOException {
        Directory d = Directory.load(yaml("""
                extensions:
                  - ext: 1001
                    name: Demo
                    password: switchboard-1001
                  - ext: "0100"
                    password: s3cret
                  - ext: door
                    contact: sip:door@192.0.2.50:5060
                """));
        assertThat(d.find("1001")).hasValueSatisfying(e -> {
            assertThat(e.name()).isEqualTo("Demo");
            assertThat(e.demo()).isTrue();
        });
        assertThat(d.find("0100")).hasValueSatisfying(e -> {
            assertThat(e.name()).as("name defaults to the number").isEqualTo("0100");
            assertThat(e.password()).contains("s3cret");
            assertThat(e.demo()).isFalse();
        });
        assertThat(d.find("door")).hasValueSatisfying(e -> {
            assertThat(e.password()).isEmpty();
            assertThat(e.staticContact()).contains("sip:door@192.0.2.50:5060");
        });
        assertThat(d.hasDemoCredentials()).isTrue();
    }

    @Test
    void aMissingOrEmptyFileIsAnEmptyDirectory() throws IOException {
        assertThat(Directory.load(dir.resolve("absent.yaml")).all()).isEmpty();
        assertThat(Directory.load(yaml("")).all()).isEmpty();
        assertThat(Directory.load(yaml("extensions:\n")).all()).isEmpty();
    }

    @Test
    void mistakesNameTheEntry() throws IOException {
        assertThatThrownBy(() -> Directory.load(yaml("extension:\n  - ext: 1\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown section 'extension'");
        assertThatThrownBy(() -> Directory.load(yaml("extensions:\n  - ext: 1\n    pasword: x\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("entry 1").hasMessageContaining("unknown field 'pasword'");
        assertThatThrownBy(() -> Directory.load(yaml("extensions:\n  - ext: 1\n  - ext: 1\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("extension 1 is defined twice");
        assertThatThrownBy(() -> Directory.load(yaml("extensions:\n  - ext: 1\n  - name: nobody\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("entry 2").hasMessageContaining("'ext'");
        assertThatThrownBy(() -> Directory.load(yaml("extensions:\n  - ext: \"a b\"\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'ext'");
        assertThatThrownBy(() -> Directory.load(yaml("extensions:\n  - ext: 5\n    contact: tel:+1555\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("extension 5").hasMessageContaining("sip: URI");
        assertThatThrownBy(() -> Directory.load(yaml("extensions: 5\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("must be a list");
        assertThatThrownBy(() -> Directory.load(yaml("extensions:\n  - 1001\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("entry 1 must be a map");
        assertThatThrownBy(() -> Directory.load(yaml("extensions: [\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    @Test
    void anUnquotedNumberKeepsItsLeadingZero() throws IOException {
        // Extension 0100 is not extension 100: the loader must not turn the number into an integer.
        Directory d = Directory.load(yaml("extensions:\n  - ext: 0100\n"));
        assertThat(d.all()).extracting(Extension::number).containsExactly("0100");
    }
}
