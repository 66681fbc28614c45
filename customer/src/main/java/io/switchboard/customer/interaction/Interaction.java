package io.switchboard.customer.interaction;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One thing a customer did or had done with us on one channel: a call, a message, an IVR path, a queue
 * wait, an agent conversation, a recording, a transcript. {@code id} is 0 until stored.
 *
 * @param channel   lower-case channel name: {@code voice}, {@code wechat}, {@code webchat}, {@code email}, …
 * @param open      still in progress (an open conversation); its tags are the customer's open topics
 * @param cdrCallId the Call-ID of the call's CDR, for voice interactions
 * @param details   channel-specific extras, stored as JSON
 */
public record Interaction(long id, long customerId, String channel, InteractionKind kind, Direction direction,
                          Instant startedAt, Instant endedAt, String summary, String agentId, String queue,
                          String cdrCallId, List<String> tags, boolean open, Map<String, Object> details) {
    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public Interaction {
        if (channel == null || !CHANNEL.matcher(channel).matches()) {
            throw new IllegalArgumentException("channel must be a lower-case name of up to 32 characters, got '" + channel + "'");
        }
        if (kind == null || direction == null || startedAt == null) {
            throw new IllegalArgumentException("an interaction needs a kind, a direction and a start time");
        }
        if (endedAt != null && endedAt.isBefore(startedAt)) {
            throw new IllegalArgumentException("interaction ends (" + endedAt + ") before it starts (" + startedAt + ")");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public static Builder builder(long customerId, String channel, InteractionKind kind, Direction direction, Instant startedAt) {
        return new Builder(customerId, channel, kind, direction, startedAt);
    }

    public Interaction withId(long newId, long newCustomerId) {
        return new Interaction(newId, newCustomerId, channel, kind, direction, startedAt, endedAt, summary, agentId, queue,
                cdrCallId, tags, open, details);
    }

    /** Collects the optional fields of a new interaction. */
    public static final class Builder {
        private final long customerId;
        private final String channel;
        private final InteractionKind kind;
        private final Direction direction;
        private final Instant startedAt;
        private Instant endedAt;
        private String summary;
        private String agentId;
        private String queue;
        private String cdrCallId;
        private List<String> tags = List.of();
        private boolean open;
        private Map<String, Object> details = Map.of();

        private Builder(long customerId, String channel, InteractionKind kind, Direction direction, Instant startedAt) {
            this.customerId = customerId;
            this.channel = channel;
            this.kind = kind;
            this.direction = direction;
            this.startedAt = startedAt;
        }

        public Builder ended(Instant t) {
            this.endedAt = t;
            return this;
        }

        public Builder summary(String s) {
            this.summary = s;
            return this;
        }

        public Builder agent(String id) {
            this.agentId = id;
            return this;
        }

        public Builder queue(String q) {
            this.queue = q;
            return this;
        }

        public Builder cdr(String callId) {
            this.cdrCallId = callId;
            return this;
        }

        public Builder tags(List<String> t) {
            this.tags = t;
            return this;
        }

        public Builder open(boolean o) {
            this.open = o;
            return this;
        }

        public Builder details(Map<String, Object> d) {
            this.details = d;
            return this;
        }

        public Interaction build() {
            return new Interaction(0, customerId, channel, kind, direction, startedAt, endedAt, summary, agentId, queue,
                    cdrCallId, tags, open, details);
        }
    }
}
