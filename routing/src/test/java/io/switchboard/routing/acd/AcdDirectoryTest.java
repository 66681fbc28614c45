package io.switchboard.routing.acd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

class AcdDirectoryTest {
    private static final String YAML = """
            agents:
              - id: alice
                name: Alice Wang
                skills: {zh: 5, en: 3, billing: 4}
                extensions: ["1001", "1011"]
                capacity: {voice: 1, text: 3}
              - id: bob
                skills: "en:4, billing:2"
                extensions: 1002
            queues:
              - id: zh
                required: {zh: 3}
                preferred: {billing: 2}
                strategy: skills-best-match
                escalate_every: 30s
                max_wait: 2m
                overflow: queue:en
                ring_timeout: 15s
                max_misses: 2
                wrap_up: 5s
                sla: 30s
                sticky_head_start: 8s
              - id: en
                required: [ "en:1" ]
                max_size: 10
                overflow: flow:voicemail
            """;

    private static Map<?, ?> parse(String yaml) {
        return (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(yaml);
    }

    @Test
    void readsAgentsAndQueues() {
        AcdDirectory d = AcdDirectory.fromYaml(parse(YAML), "directory.yaml");
        AgentConfig alice = d.agents().get(0);
        assertThat(alice.skills()).isEqualTo(Map.of("zh", 5, "en", 3, "billing", 4));
        assertThat(alice.extensions()).containsExactly("1001", "1011");
        assertThat(alice.capacity(MediaType.TEXT)).isEqualTo(3);
        AgentConfig bob = d.agents().get(1);
        assertThat(bob.name()).isEqualTo("bob");
        assertThat(bob.skills()).isEqualTo(Map.of("en", 4, "billing", 2));
        assertThat(bob.extensions()).containsExactly("1002");
        assertThat(bob.capacity(MediaType.VOICE)).isEqualTo(1);
        assertThat(bob.capacity(MediaType.TEXT)).isZero();
        QueueConfig zh = d.queues().get(0);
        assertThat(zh).isEqualTo(QueueConfig.builder("zh").required(Map.of("zh", 3)).preferred(Map.of("billing", 2))
                .strategy(Strategy.SKILLS_BEST_MATCH).escalateEvery(Duration.ofSeconds(30)).maxWait(Duration.ofMinutes(2))
                .overflow("queue:en").ringTimeout(Duration.ofSeconds(15)).maxMisses(2).wrapUp(Duration.ofSeconds(5))
                .slaTarget(Duration.ofSeconds(30)).stickyHeadStart(Duration.ofSeconds(8)).build());
        QueueConfig en = d.queues().get(1);
        assertThat(en.required()).isEqualTo(Map.of("en", 1));
        assertThat(en.strategy()).isEqualTo(Strategy.LONGEST_IDLE);
        assertThat(en.maxSize()).isEqualTo(10);
        assertThat(en.wrapUp()).isEqualTo(QueueConfig.DEFAULT_WRAP_UP);
    }

    @Test
    void anEmptyDirectoryHasNoAgentsOrQueues() {
        AcdDirectory d = AcdDirectory.fromYaml(Map.of(), "directory.yaml");
        assertThat(d.agents()).isEmpty();
        assertThat(d.queues()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "queues: [{id: q, strategy: fastest}]|directory.yaml: queues[0].strategy: unknown strategy 'fastest'",
        "queues: [{id: q, max_wait: 30}]|directory.yaml: queues[0].max_wait: expected a duration with a unit",
        "queues: [{id: q, max_wait: 30s}]|directory.yaml: queues[0]: queue q has max_wait or max_size but no overflow target",
        "queues: [{id: q, max_size: 5, overflow: 'queue:nope'}]|directory.yaml: queues[0].overflow: no queue 'nope'",
        "queues: [{id: q, ring: 5s}]|directory.yaml: queues[0]: unknown key 'ring'",
        "queues: [{id: q, record: maybe}]|directory.yaml: queues[0].record: expected true or false, got 'maybe'",
        "queues: [{id: q}, {id: q}]|directory.yaml: queues[1].id: queue 'q' is declared twice",
        "queues: [{required: {zh: 1}}]|directory.yaml: queues[0].id: is required",
        "agents: [{id: a, skills: {zh: high}}]|directory.yaml: agents[0].skills.zh: expected a whole number from 1 to 100, got 'high'",
        "agents: [{id: a, skills: 'zh'}]|directory.yaml: agents[0].skills: expected name:level, got 'zh'",
        "agents: [{id: a, capacity: {fax: 1}}]|directory.yaml: agents[0].capacity.fax: unknown media type 'fax'",
        "agents: [{id: a}, {id: a}]|directory.yaml: agents[1].id: agent 'a' is declared twice",
        "agents: {a: 1}|directory.yaml: agents must be a list",
        "agents: [a]|directory.yaml: agents[0] must be a map of keys"})
    void mistakesNameTheKey(String yaml, String message) {
        assertThatThrownBy(() -> AcdDirectory.fromYaml(parse(yaml), "directory.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith(message);
    }

    @Test
    void theLoadedDirectoryDrivesAnEngine() {
        AcdHarness h = new AcdHarness(AcdDirectory.fromYaml(parse(YAML), "d.yaml").agents(),
                AcdDirectory.fromYaml(parse(YAML), "d.yaml").queues().toArray(new QueueConfig[0]));
        h.login("alice", "bob");
        h.enqueue("t1", "zh");
        assertThat(h.offeredTo("t1")).containsExactly("alice");
        assertThat(h.engine.agent("bob").orElseThrow().queues()).containsExactly("en");
    }
}
