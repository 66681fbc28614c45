package io.switchboard.routing.acd;

import java.time.Duration;
import java.util.Map;

/**
 * A queue as the directory declares it. Durations of zero switch a feature off (no escalation, no max
 * wait, no wrap-up, no sticky head start); a max size of 0 means unbounded.
 *
 * @param id key used by flows ({@code enqueue support}) and in events
 * @param required skill to minimum level; an agent qualifies only with all of them
 * @param preferred skill to level that raises an agent's score under skills-best-match
 * @param strategy how a qualifying agent is chosen
 * @param escalateEvery a waiting task gains one priority point per this much waiting (zero = static priority)
 * @param maxWait a task still unanswered after this overflows (zero = waits forever)
 * @param maxSize a task arriving when this many wait (and no agent is free) overflows at once (0 = unbounded)
 * @param overflow where overflowing tasks go: {@code queue:<id>} is handled by the engine, anything else
 *        (e.g. {@code flow:voicemail}) is an opaque target the app interprets; null only if nothing overflows
 * @param ringTimeout an offer not accepted within this is withdrawn and the task goes to the next agent
 * @param maxMisses after this many consecutive missed offers the agent goes away ("missed"); 0 = never
 * @param wrapUp after completing a task the agent's slot stays closed this long
 * @param slaTarget a task answered within this counts towards the service level
 * @param stickyHeadStart how long a task waits for its preferred agent before any agent may take it
 * @param record whether answered tasks of this queue are recorded (voice: both parties, as a WAV file)
 */
public record QueueConfig(String id, Map<String, Integer> required, Map<String, Integer> preferred, Strategy strategy,
                          Duration escalateEvery, Duration maxWait, int maxSize, String overflow,
                          Duration ringTimeout, int maxMisses, Duration wrapUp, Duration slaTarget,
                          Duration stickyHeadStart, boolean record) {

    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_MAX_MISSES = 3;
    public static final Duration DEFAULT_WRAP_UP = Duration.ofSeconds(10);
    public static final Duration DEFAULT_SLA = Duration.ofSeconds(20);
    public static final Duration DEFAULT_STICKY = Duration.ofSeconds(10);

    /** The prefix of an overflow target the engine handles itself. */
    public static final String QUEUE_TARGET = "queue:";

    public QueueConfig {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("a queue needs an id");
        }
        required = Map.copyOf(required);
        preferred = Map.copyOf(preferred);
        if ((!maxWait.isZero() || maxSize > 0) && (overflow == null || overflow.isBlank())) {
            throw new IllegalArgumentException("queue " + id + " has max_wait or max_size but no overflow target");
        }
        if (ringTimeout.isZero() || ringTimeout.isNegative()) {
            throw new IllegalArgumentException("queue " + id + ": ring_timeout must be more than zero");
        }
    }

    /** A queue with the defaults: longest-idle, no escalation, no overflow. */
    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** The builder of {@link QueueConfig}, for code and tests; operators use {@link AcdDirectory}. */
    public static final class Builder {
        private final String id;
        private Map<String, Integer> required = Map.of();
        private Map<String, Integer> preferred = Map.of();
        private Strategy strategy = Strategy.LONGEST_IDLE;
        private Duration escalateEvery = Duration.ZERO;
        private Duration maxWait = Duration.ZERO;
        private int maxSize;
        private String overflow;
        private Duration ringTimeout = DEFAULT_RING_TIMEOUT;
        private int maxMisses = DEFAULT_MAX_MISSES;
        private Duration wrapUp = DEFAULT_WRAP_UP;
        private Duration slaTarget = DEFAULT_SLA;
        private Duration stickyHeadStart = DEFAULT_STICKY;
        private boolean record;

        private Builder(String id) {
            this.id = id;
        }

        public Builder required(Map<String, Integer> v) { required = v; return this; }
        public Builder preferred(Map<String, Integer> v) { preferred = v; return this; }
        public Builder strategy(Strategy v) { strategy = v; return this; }
        public Builder escalateEvery(Duration v) { escalateEvery = v; return this; }
        public Builder maxWait(Duration v) { maxWait = v; return this; }
        public Builder maxSize(int v) { maxSize = v; return this; }
        public Builder overflow(String v) { overflow = v; return this; }
        public Builder ringTimeout(Duration v) { ringTimeout = v; return this; }
        public Builder maxMisses(int v) { maxMisses = v; return this; }
        public Builder wrapUp(Duration v) { wrapUp = v; return this; }
        public Builder slaTarget(Duration v) { slaTarget = v; return this; }
        public Builder stickyHeadStart(Duration v) { stickyHeadStart = v; return this; }
        public Builder record(boolean v) { record = v; return this; }

        public QueueConfig build() {
            return new QueueConfig(id, required, preferred, strategy, escalateEvery, maxWait, maxSize, overflow,
                    ringTimeout, maxMisses, wrapUp, slaTarget, stickyHeadStart, record);
        }
    }
}
