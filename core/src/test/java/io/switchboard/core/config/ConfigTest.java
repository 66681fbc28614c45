package io.switchboard.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed, validated configuration: every mistake fails start-up naming the key. */
class ConfigTest {
    static final ConfigKey<Integer> PORT = ConfigKey.integer("sip.port", 5060, 1, 65535, "port");
    static final ConfigKey<Duration> T1 = ConfigKey.duration("sip.timers.t1", "500ms", "T1");
    static final ConfigKey<Boolean> DEBUG = ConfigKey.bool("sip.debug", false, "debug");
    static final ConfigKey<List<String>> ALGS = ConfigKey.list("sip.auth.algorithms", "MD5,SHA-256", "algs", "MD5", "SHA-256");
    static final ConfigKey<List<String>> TRANSPORTS = ConfigKey.list("sip.transports", "udp", "free list");
    static final ConfigKey<String> DOMAIN = ConfigKey.string("sip.domain", "switchboard.local", "domain");
    static final ConfigKey<String> PASSWORD = ConfigKey.string("db.password", "changeme", "db password").asSecret();
    static final List<ConfigKey<?>> ALL = List.of(PORT, T1, DEBUG, ALGS, TRANSPORTS, DOMAIN, PASSWORD);

    @TempDir
    Path dir;

    private static Config.Builder builder() {
        return Config.builder().declare(ALL);
    }

    private Path yaml(String text) throws IOException {
        Path f = dir.resolve("switchboard.yaml");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void defaultsApplyWhenNothingIsGiven() {
        Config c = builder().build();
        assertThat(c.get(PORT)).isEqualTo(5060);
        assertThat(c.get(T1)).isEqualTo(Duration.ofMillis(500));
        assertThat(c.get(DEBUG)).isFalse();
        assertThat(c.get(ALGS)).containsExactly("MD5", "SHA-256");
        assertThat(c.get(PASSWORD)).isEqualTo("changeme");
    }

    @Test
    void anUnknownKeyIsNamedWithASuggestion() {
        assertThatThrownBy(() -> builder().set("sip.prot=5070"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown config key 'sip.prot'")
                .hasMessageContaining("--set")
                .hasMessageContaining("did you mean 'sip.port'?");
        assertThatThrownBy(() -> builder().set("completely.different=1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("completely.different")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void anUnknownKeyInAFileNamesTheFile() throws IOException {
        Path f = yaml("sip:\n  timers:\n    t2: 4s\n");
        assertThatThrownBy(() -> builder().file(f, true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sip.timers.t2")
                .hasMessageContaining("switchboard.yaml")
                .hasMessageContaining("did you mean 'sip.timers.t1'?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "abc", "50.5", "", "0x10"})
    void integersOutsideTheirRangeOrNotWholeNumbersAreRejected(String value) {
        assertThatThrownBy(() -> builder().set("sip.port=" + value).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value for sip.port")
                .hasMessageContaining("expected a whole number from 1 to 65535")
                .hasMessageContaining("(from --set)");
    }

    @ParameterizedTest
    @CsvSource({"500ms,500", "32s,32000", "1.5s,1500", "5m,300000", "1h,3600000", "2d,172800000", "' 45 S ',45000", "0s,0"})
    void durationsCarryTheirUnit(String text, long millis) {
        assertThat(builder().set("sip.timers.t1=" + text).build().get(T1)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest
    @ValueSource(strings = {"500", "fast", "5x", "ms", "s", "", "1.5m", "-5s", "-1ms"})
    void durationsWithoutAUnitOrNegativeAreRejected(String value) {
        assertThatThrownBy(() -> builder().set("sip.timers.t1=" + value).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value for sip.timers.t1");
    }

    @ParameterizedTest
    @CsvSource({"true,true", "YES,true", "on,true", "false,false", "no,false", "Off,false"})
    void booleansInTheirUsualSpellings(String text, boolean expected) {
        assertThat(builder().set("sip.debug=" + text).build().get(DEBUG)).isEqualTo(expected);
    }

    @Test
    void aBooleanMustBeOne() {
        assertThatThrownBy(() -> builder().set("sip.debug=maybe").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sip.debug")
                .hasMessageContaining("expected true or false");
    }

    @Test
    void listsAreSplitTrimmedAndCheckedAgainstTheirAllowedValues() {
        assertThat(builder().set("sip.auth.algorithms= SHA-256 , MD5,").build().get(ALGS)).containsExactly("SHA-256", "MD5");
        assertThat(builder().set("sip.transports=udp,tcp,sctp").build().get(TRANSPORTS)).containsExactly("udp", "tcp", "sctp");
        assertThatThrownBy(() -> builder().set("sip.auth.algorithms=MD5,SHA-1").build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sip.auth.algorithms")
                .hasMessageContaining("'SHA-1' is not one of MD5, SHA-256");
    }

    @Test
    void yamlNestingIsFlattenedToDottedKeys() throws IOException {
        Path f = yaml("""
                sip:
                  port: 5070
                  debug: yes
                  timers:
                    t1: 250ms
                  auth:
                    algorithms: [SHA-256, MD5]
                db.password: hunter2
                """);
        Config c = builder().file(f, true).build();
        assertThat(c.get(PORT)).isEqualTo(5070);
        assertThat(c.get(DEBUG)).isTrue();
        assertThat(c.get(T1)).isEqualTo(Duration.ofMillis(250));
        assertThat(c.get(ALGS)).containsExactly("SHA-256", "MD5");
        assertThat(c.get(PASSWORD)).isEqualTo("hunter2");
    }

    @Test
    void setOverridesTheFile() throws IOException {
        Path f = yaml("sip:\n  port: 5070\n  domain: from-file.example\n");
        Config c = builder().file(f, true).set("sip.port=5080").build();
        assertThat(c.get(PORT)).isEqualTo(5080);
        assertThat(c.get(DOMAIN)).isEqualTo("from-file.example");
        assertThat(c.describe()).contains("sip.port = 5080 (--set)", "sip.domain = from-file.example (switchboard.yaml)");
    }

    @Test
    void describeListsEveryKeyInOrderWithItsSourceAndMasksSecrets() {
        Config c = builder().set("db.password=hunter2").build();
        List<String> lines = c.describe();
        assertThat(lines).hasSize(ALL.size());
        assertThat(lines).isSorted();
        assertThat(lines).contains("db.password = **** (--set)", "sip.port = 5060 (default)");
        assertThat(String.join("\n", lines)).doesNotContain("hunter2");
        assertThat(String.join("\n", builder().build().describe())).doesNotContain("changeme");
    }

    @Test
    void aBadValueInAFileNamesKeyValueAndFile() throws IOException {
        Path f = yaml("sip:\n  timers:\n    t1: 500\n");
        assertThatThrownBy(() -> builder().file(f, true).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("sip.timers.t1")
                .hasMessageContaining("'500'")
                .hasMessageContaining("switchboard.yaml")
                .hasMessageContaining("unit");
    }

    @Test
    void anEmptyYamlValueIsInvalidForTypedKeys() throws IOException {
        Path f = yaml("sip:\n  port:\n");
        assertThatThrownBy(() -> builder().file(f, true).build())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("invalid value for sip.port");
    }

    @Test
    void filesMissingBrokenOrNotAMap() throws IOException {
        Path missing = dir.resolve("nope.yaml");
        assertThat(builder().file(missing, false).build().get(PORT)).isEqualTo(5060);
        assertThatThrownBy(() -> builder().file(missing, true)).isInstanceOf(ConfigException.class).hasMessageContaining("nope.yaml");
        Path broken = yaml("sip: [unclosed\n");
        assertThatThrownBy(() -> builder().file(broken, true)).isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
        Path list = yaml("- a\n- b\n");
        assertThatThrownBy(() -> builder().file(list, true)).isInstanceOf(ConfigException.class).hasMessageContaining("must be a map");
        Path empty = yaml("");
        assertThat(builder().file(empty, true).build().get(PORT)).isEqualTo(5060);
    }

    @Test
    void setNeedsKeyEqualsValue() {
        assertThatThrownBy(() -> builder().set("sip.port")).isInstanceOf(ConfigException.class).hasMessageContaining("key=value");
        assertThatThrownBy(() -> builder().set("=5")).isInstanceOf(ConfigException.class);
        assertThat(builder().set(" sip.port = 5090 ").build().get(PORT)).isEqualTo(5090);
    }

    @Test
    void keysAreDeclaredOnceAndReadOnlyWhenDeclared() {
        assertThatThrownBy(() -> builder().declare(List.of(PORT))).isInstanceOf(IllegalStateException.class).hasMessageContaining("sip.port");
        Config c = Config.builder().declare(List.of(PORT)).build();
        assertThatThrownBy(() -> c.get(T1)).isInstanceOf(ConfigException.class).hasMessageContaining("sip.timers.t1");
    }
}
