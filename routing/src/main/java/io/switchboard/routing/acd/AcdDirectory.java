package io.switchboard.routing.acd;

import io.switchboard.core.config.ConfigException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The agents and queues the ACD starts with, read from the {@code agents:} and {@code queues:} sections
 * of {@code conf/directory.yaml}. Every key is validated when loaded and a problem names it
 * ({@code directory.yaml: queues[1] (support).max_wait: ...}), so a bad directory fails start-up, not the
 * first call.
 *
 * <pre>
 * agents:
 *   - id: alice
 *     name: Alice Wang
 *     skills: {zh: 5, en: 3, billing: 4}   # or "zh:5, en:3, billing:4"
 *     extensions: ["1001"]                 # phones rung for voice offers
 *     capacity: {voice: 1, text: 3}        # default: voice 1, no text
 * queues:
 *   - id: support
 *     required: {zh: 3}                    # skill: minimum level
 *     preferred: {billing: 2}              # raises the score under skills-best-match
 *     strategy: longest-idle               # least-occupied | skills-best-match | round-robin | ring-all
 *     escalate_every: 30s                  # +1 priority per 30 s waiting (default: off)
 *     max_wait: 5m                         # then overflow (default: off)
 *     max_size: 50                         # more waiting: overflow at once (default: unbounded)
 *     overflow: queue:support-en           # or an app target such as flow:voicemail
 *     ring_timeout: 20s                    # then the next agent
 *     max_misses: 3                        # missed offers in a row before "away: missed" (0 = never)
 *     wrap_up: 10s
 *     sla: 20s                             # answered within this counts towards the service level
 *     sticky_head_start: 10s               # the customer's last agent is waited for this long
 *     record: true                         # answered calls are recorded (default false)
 * </pre>
 */
public record AcdDirectory(List<AgentConfig> agents, List<QueueConfig> queues) {
    private static final Set<String> AGENT_KEYS = Set.of("id", "name", "skills", "extensions", "capacity");
    private static final Set<String> QUEUE_KEYS = Set.of("id", "required", "preferred", "strategy", "escalate_every",
            "max_wait", "max_size", "overflow", "ring_timeout", "max_misses", "wrap_up", "sla", "sticky_head_start",
            "record");

    public AcdDirectory {
        agents = List.copyOf(agents);
        queues = List.copyOf(queues);
    }

    /**
     * Reads the parsed {@code agents:} and {@code queues:} values (either may be null: none).
     *
     * @param file named in error messages, e.g. {@code directory.yaml}
     * @throws ConfigException naming the offending key
     */
    public static AcdDirectory fromYaml(Object agents, Object queues, String file) {
        List<AgentConfig> agentList = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int i = 0;
        for (Object o : list(agents, file + ": agents")) {
            YamlNode n = new YamlNode(file + ": agents[" + i++ + "]", o, AGENT_KEYS);
            AgentConfig a = agent(n);
            if (!ids.add(a.id())) {
                throw new ConfigException(n.path + ".id: agent '" + a.id() + "' is declared twice");
            }
            agentList.add(a);
        }
        List<QueueConfig> queueList = new ArrayList<>();
        List<YamlNode> queueNodes = new ArrayList<>();
        ids.clear();
        i = 0;
        for (Object o : list(queues, file + ": queues")) {
            YamlNode n = new YamlNode(file + ": queues[" + i++ + "]", o, QUEUE_KEYS);
            QueueConfig q = queue(n);
            if (!ids.add(q.id())) {
                throw new ConfigException(n.path + ".id: queue '" + q.id() + "' is declared twice");
            }
            queueList.add(q);
            queueNodes.add(n);
        }
        for (int k = 0; k < queueList.size(); k++) {
            String target = queueList.get(k).overflow();
            if (target != null && target.startsWith(QueueConfig.QUEUE_TARGET)
                    && !ids.contains(target.substring(QueueConfig.QUEUE_TARGET.length()))) {
                throw queueNodes.get(k).error("overflow", "no queue '" + target.substring(QueueConfig.QUEUE_TARGET.length())
                        + "' (known: " + ids + ")");
            }
        }
        return new AcdDirectory(agentList, queueList);
    }

    /** Reads the {@code agents:} and {@code queues:} keys of a parsed directory document. */
    public static AcdDirectory fromYaml(Map<?, ?> directory, String file) {
        return fromYaml(directory.get("agents"), directory.get("queues"), file);
    }

    private static List<?> list(Object value, String path) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> l)) {
            throw new ConfigException(path + " must be a list");
        }
        return l;
    }

    private static AgentConfig agent(YamlNode n) {
        String id = n.required("id");
        Map<MediaType, Integer> capacity = new EnumMap<>(MediaType.class);
        capacity.put(MediaType.VOICE, 1);
        n.levels("capacity", 0, 1000).forEach((media, count) -> {
            try {
                capacity.put(MediaType.parse(media), count);
            } catch (IllegalArgumentException e) {
                throw n.error("capacity." + media, e.getMessage());
            }
        });
        return new AgentConfig(id, n.string("name", id), n.levels("skills", 1, YamlNode.MAX_LEVEL),
                n.strings("extensions"), capacity);
    }

    private static QueueConfig queue(YamlNode n) {
        QueueConfig.Builder b = QueueConfig.builder(n.required("id"))
                .required(n.levels("required", 0, YamlNode.MAX_LEVEL))
                .preferred(n.levels("preferred", 0, YamlNode.MAX_LEVEL))
                .escalateEvery(n.duration("escalate_every", java.time.Duration.ZERO))
                .maxWait(n.duration("max_wait", java.time.Duration.ZERO))
                .maxSize(n.integer("max_size", 0, 0, 10_000_000))
                .overflow(n.string("overflow", null))
                .ringTimeout(n.duration("ring_timeout", QueueConfig.DEFAULT_RING_TIMEOUT))
                .maxMisses(n.integer("max_misses", QueueConfig.DEFAULT_MAX_MISSES, 0, 1000))
                .wrapUp(n.duration("wrap_up", QueueConfig.DEFAULT_WRAP_UP))
                .slaTarget(n.duration("sla", QueueConfig.DEFAULT_SLA))
                .stickyHeadStart(n.duration("sticky_head_start", QueueConfig.DEFAULT_STICKY))
                .record(n.bool("record", false));
        if (n.has("strategy")) {
            try {
                b.strategy(Strategy.parse(n.string("strategy", "")));
            } catch (IllegalArgumentException e) {
                throw n.error("strategy", e.getMessage());
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(n.path + ": " + e.getMessage());
        }
    }
}
