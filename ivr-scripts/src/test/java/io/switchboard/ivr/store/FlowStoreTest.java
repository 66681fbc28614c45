package io.switchboard.ivr.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.lane.VirtualLane;
import io.switchboard.ivr.exec.FlowEngine;
import io.switchboard.ivr.exec.FlowRun;
import io.switchboard.ivr.exec.Limits;
import io.switchboard.ivr.exec.RecordingSession;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.script.FlowVersion;
import io.switchboard.ivr.source.DefaultCatalog;
import io.switchboard.ivr.source.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions, atomic publish, rollback, diff, persistence and hot reload of flow files. */
class FlowStoreTest {
    static final String V1 = """
            flow: hello
            language: en-US
            start: greet
            steps:
              greet:
                say: "Hello, this is version one"
              bye:
                hangup:
            """;
    static final String V2 = V1.replace("version one", "version two");
    static final String BROKEN = V1.replace("say:", "sya:");

    @TempDir
    Path tmp;
    Path conf;
    Path data;
    final InstantSource clock = InstantSource.fixed(Instant.parse("2026-01-05T02:00:00Z"));

    @BeforeEach
    void files() throws IOException {
        conf = Files.createDirectories(tmp.resolve("conf/ivr"));
        data = tmp.resolve("data/ivr");
        Files.writeString(conf.resolve("hello.yaml"), V1);
    }

    private FlowStore store() {
        FlowStore s = new FlowStore(conf, data, new DefaultCatalog(), clock);
        assertThat(s.load()).isEmpty();
        return s;
    }

    private static String spoken(FlowSet flows) {
        return ((io.switchboard.ivr.verb.Say) flows.get("hello").orElseThrow().flow().step("greet").verb()).text()
                .pick("en-US", "en-US").source();
    }

    @Test
    void loadingPublishesEachFlowFileAsVersionOne() throws IOException {
        FlowStore s = store();
        assertThat(s.flows()).containsExactly("hello");
        assertThat(s.published("hello")).map(FlowVersion::version).hasValue(1);
        assertThat(Files.readString(data.resolve("hello/1.yaml"))).isEqualTo(V1);
        assertThat(Files.readString(data.resolve("hello/published"))).isEqualTo("1\n");
        assertThat(spoken(s.snapshot())).isEqualTo("Hello, this is version one");
    }

    @Test
    void eachSaveIsANewVersionAndPublishingSwapsTheSnapshot() {
        FlowStore s = store();
        FlowSet before = s.snapshot();
        FlowVersion v2 = s.save("draft", V2).version().orElseThrow();
        assertThat(v2.version()).isEqualTo(2);
        assertThat(s.published("hello")).map(FlowVersion::version).hasValue(1);
        s.publish("hello", 2);
        assertThat(spoken(s.snapshot())).isEqualTo("Hello, this is version two");
        assertThat(spoken(before)).isEqualTo("Hello, this is version one");
        s.rollback("hello", 1);
        assertThat(spoken(s.snapshot())).isEqualTo("Hello, this is version one");
        assertThat(s.versions("hello")).extracting(FlowVersion::version).containsExactly(1, 2);
        assertThatThrownBy(() -> s.publish("hello", 7)).isInstanceOf(NoSuchElementException.class)
                .hasMessage("flow hello has no version 7");
    }

    @Test
    void anInvalidSaveMakesNoVersion() {
        FlowStore s = store();
        FlowStore.SaveResult r = s.save("draft", BROKEN);
        assertThat(r.version()).isEmpty();
        assertThat(r.problems()).extracting(Problem::toString)
                .containsExactly("draft:6:5: unknown verb 'sya' (did you mean 'say'?)");
        assertThat(s.versions("hello")).hasSize(1);
    }

    @Test
    void diffShowsWhatChangedBetweenVersions() {
        FlowStore s = store();
        s.save("draft", V2.replace("  bye:\n    hangup:\n", "  bye:\n    hangup: done\n"));
        assertThat(s.diff("hello", 1, 2)).isEqualTo("""
                --- hello v1
                +++ hello v2
                @@ -3,6 +3,6 @@
                 start: greet
                 steps:
                   greet:
                -    say: "Hello, this is version one"
                +    say: "Hello, this is version two"
                   bye:
                -    hangup:
                +    hangup: done
                """);
        assertThat(s.diff("hello", 1, 1)).isEqualTo("--- hello v1\n+++ hello v1\n");
    }

    @Test
    void versionsAndThePublishedOneSurviveARestart() {
        FlowStore s = store();
        s.save("draft", V2);
        s.publish("hello", 2);
        FlowStore again = store();
        assertThat(again.versions("hello")).extracting(FlowVersion::version).containsExactly(1, 2);
        assertThat(again.published("hello")).map(FlowVersion::version).hasValue(2);
    }

    @Test
    void aChangedFileIsPublishedAndABrokenOneIsNot() throws IOException {
        FlowStore s = store();
        Files.writeString(conf.resolve("hello.yaml"), V2);
        assertThat(s.reload(conf.resolve("hello.yaml"))).isEmpty();
        assertThat(s.published("hello")).map(FlowVersion::version).hasValue(2);
        Files.writeString(conf.resolve("hello.yaml"), BROKEN);
        assertThat(s.reload(conf.resolve("hello.yaml"))).extracting(Problem::toString)
                .containsExactly(conf.resolve("hello.yaml") + ":6:5: unknown verb 'sya' (did you mean 'say'?)");
        assertThat(s.published("hello")).map(FlowVersion::version).hasValue(2);
        assertThat(spoken(s.snapshot())).isEqualTo("Hello, this is version two");
    }

    @Test
    void theWatcherPublishesChangedFilesUntilStopped() throws IOException {
        FlowStore s = store();
        VirtualLane lane = new VirtualLane();
        FlowWatcher w = new FlowWatcher(s, lane, Duration.ofSeconds(2));
        w.start();
        lane.runAll();
        Files.writeString(conf.resolve("hello.yaml"), BROKEN);
        lane.advance(Duration.ofSeconds(2));
        assertThat(s.published("hello")).map(FlowVersion::version).hasValue(1);
        Files.writeString(conf.resolve("hello.yaml"), V2);
        lane.advance(Duration.ofSeconds(1));
        assertThat(s.published("hello")).map(FlowVersion::version).hasValue(1);
        lane.advance(Duration.ofSeconds(1));
        assertThat(s.published("hello")).map(FlowVersion::version).hasValue(2);
        w.stop();
        lane.runAll();
        Files.writeString(conf.resolve("hello.yaml"), V1.replace("version one", "version three"));
        lane.advance(Duration.ofSeconds(10));
        assertThat(s.versions("hello")).hasSize(2);
        assertThat(lane.pendingTimers()).isZero();
    }

    @Test
    void aCallInProgressFinishesOnTheVersionItStartedWith() throws IOException {
        FlowStore s = store();
        String twoSteps = """
                flow: hello
                language: en-US
                start: first
                steps:
                  first:
                    say: "First, version %s"
                  second:
                    say: "Second, version %s"
                """;
        Files.writeString(conf.resolve("hello.yaml"), twoSteps.formatted("A", "A"));
        s.reload(conf.resolve("hello.yaml"));
        VirtualLane lane = new VirtualLane();
        FlowEngine engine = new FlowEngine(Limits.defaults(), r -> null, CustomerLookup.NONE, e -> { });
        RecordingSession early = new RecordingSession();
        FlowRun first = engine.start(s.snapshot(), "hello", early, lane);
        lane.runAll();
        Files.writeString(conf.resolve("hello.yaml"), twoSteps.formatted("B", "B"));
        s.reload(conf.resolve("hello.yaml"));
        RecordingSession late = new RecordingSession();
        engine.start(s.snapshot(), "hello", late, lane);
        lane.runAll();
        early.promptDone();
        late.promptDone();
        lane.runAll();
        assertThat(early.log).containsExactly("say en-US: First, version A", "say en-US: Second, version A");
        assertThat(late.log).containsExactly("say en-US: First, version B", "say en-US: Second, version B");
        assertThat(first.outcome()).isEmpty();
        assertThat(s.versions("hello")).extracting(FlowVersion::version).containsExactly(1, 2, 3);
    }
}
