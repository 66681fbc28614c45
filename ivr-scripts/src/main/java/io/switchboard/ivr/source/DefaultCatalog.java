package io.switchboard.ivr.source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The catalog used when no directory is at hand: languages and voices {@code en-US} and {@code zh-CN}
 * (each voice named after its language), and every queue name accepted with a warning unless a list of
 * known queues is given.
 */
public final class DefaultCatalog implements Catalog {
    private final Set<String> queues;

    /** Accepts any queue name with a warning. */
    public DefaultCatalog() {
        this(null);
    }

    /** Knows exactly {@code queues}; other names are errors. Null accepts any name with a warning. */
    public DefaultCatalog(Set<String> queues) {
        this.queues = queues == null ? null : Set.copyOf(queues);
    }

    @Override
    public Set<String> languages() {
        return Set.of("en-US", "zh-CN");
    }

    @Override
    public Map<String, String> voices() {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("en-US", "en-US");
        v.put("zh-CN", "zh-CN");
        return v;
    }

    @Override
    public QueueCheck queue(String queue) {
        if (queues == null) {
            return QueueCheck.UNKNOWN_ALLOWED;
        }
        return queues.contains(queue) ? QueueCheck.KNOWN : QueueCheck.UNKNOWN;
    }

    @Override
    public Set<String> knownQueues() {
        return queues == null ? Set.of() : queues;
    }
}
