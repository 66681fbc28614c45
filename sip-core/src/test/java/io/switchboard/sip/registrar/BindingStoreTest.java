package io.switchboard.sip.registrar;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.sip.auth.ManualClock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The binding table: updates, expiry, and persistence across a restart. */
class BindingStoreTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();

    private Binding binding(String aor, String contact, long seconds) {
        return new Binding(aor, contact, "+sip.instance=\"<urn:uuid:1>\"", "cid-" + aor, 1,
                clock.millis() + seconds * 1000, "UDP", "192.0.2.10:5060", "test-ua");
    }

    private static List<Binding> with(List<Binding> current, Binding b) {
        List<Binding> next = new ArrayList<>(current);
        next.add(b);
        return next;
    }

    @Test
    void updateReplacesTheListAndCountsBindings() {
        BindingStore store = new BindingStore(dir, clock);
        assertThat(store.get("1000")).isEmpty();
        Binding a = binding("1000", "sip:1000@192.0.2.10", 60);
        Binding b = binding("1000", "sip:1000@192.0.2.11", 120);
        assertThat(store.update("1000", cur -> with(cur, a))).containsExactly(a);
        assertThat(store.update("1000", cur -> with(cur, b))).containsExactly(a, b);
        store.update("1001", cur -> with(cur, binding("1001", "sip:1001@192.0.2.12", 60)));
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.get("1000")).containsExactly(a, b);
        assertThat(store.update("1000", cur -> List.of())).isEmpty();
        assertThat(store.get("1000")).isEmpty();
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void expiredBindingsAreHiddenThenPurged() {
        BindingStore store = new BindingStore(dir, clock);
        Binding shortOne = binding("1000", "sip:1000@192.0.2.10", 60);
        Binding longOne = binding("1000", "sip:1000@192.0.2.11", 3600);
        store.update("1000", cur -> List.of(shortOne, longOne));
        store.update("1001", cur -> List.of(binding("1001", "sip:1001@192.0.2.12", 60)));
        clock.advance(Duration.ofSeconds(59));
        assertThat(store.get("1000")).containsExactly(shortOne, longOne);
        assertThat(shortOne.secondsLeft(clock.millis())).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(store.get("1000")).containsExactly(longOne);
        assertThat(store.get("1001")).isEmpty();
        assertThat(store.size()).as("still held until purged").isEqualTo(3);
        assertThat(store.purgeExpired()).isEqualTo(2);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.purgeExpired()).isZero();
    }

    @Test
    void flushAndLoadRoundTripDropsWhatExpiredMeanwhile() throws IOException {
        BindingStore store = new BindingStore(dir, clock);
        Binding keep = binding("1000", "sip:1000@192.0.2.10;transport=tcp;ob", 3600);
        Binding gone = binding("1001", "sip:1001@192.0.2.11", 60);
        store.update("1000", cur -> List.of(keep));
        store.update("1001", cur -> List.of(gone));
        store.flush();
        assertThat(dir.resolve("registrations.json")).exists();
        assertThat(dir.resolve("registrations.json.tmp")).doesNotExist();

        clock.advance(Duration.ofSeconds(61));
        BindingStore restarted = new BindingStore(dir, clock);
        restarted.load();
        assertThat(restarted.get("1000")).containsExactly(keep);
        assertThat(restarted.get("1001")).isEmpty();
        assertThat(restarted.size()).isEqualTo(1);
    }

    @Test
    void flushWritesOnlyWhenSomethingChanged() throws IOException {
        BindingStore store = new BindingStore(dir, clock);
        store.flush();
        assertThat(dir.resolve("registrations.json")).doesNotExist();
        store.update("1000", cur -> List.of(binding("1000", "sip:1000@192.0.2.10", 60)));
        store.flush();
        Files.writeString(dir.resolve("registrations.json"), "[]");
        store.flush();
        assertThat(Files.readString(dir.resolve("registrations.json"))).isEqualTo("[]");
    }

    @Test
    void aMissingFileMeansNoBindings() {
        BindingStore store = new BindingStore(dir, clock);
        store.load();
        assertThat(store.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"aor\":\"1000\",\"contact\":\"sip:1000@192.0", "not json at all", "{\"aor\":\"1000\"}",
            "[{\"aor\":\"1000\",\"expiresAtMillis\":\"soon\"}]", "[null]",
            "[{\"contact\":\"sip:x@192.0.2.1\",\"expiresAtMillis\":99999999999999}]", "\u0000\u0001\u0002"})
    void aCorruptedFileStartsEmptyWithoutThrowing(String content) throws IOException {
        Files.writeString(dir.resolve("registrations.json"), content, StandardCharsets.UTF_8);
        BindingStore store = new BindingStore(dir, clock);
        store.load();
        assertThat(store.size()).isZero();
        store.update("1000", cur -> List.of(binding("1000", "sip:1000@192.0.2.10", 60)));
        assertThat(store.size()).isEqualTo(1);
    }
}
