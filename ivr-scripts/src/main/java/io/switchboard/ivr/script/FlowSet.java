package io.switchboard.ivr.script;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The flows a call may run, one version of each: a snapshot taken when the call starts, so publishing a
 * new version never changes a call in progress (subflows included).
 */
public final class FlowSet {
    private final Map<String, FlowVersion> flows;

    public FlowSet(Map<String, FlowVersion> flows) {
        this.flows = java.util.Collections.unmodifiableMap(new TreeMap<>(flows));
    }

    /** A set of unversioned flows (each as version 1), for tests and the simulator. */
    public static FlowSet of(Collection<Flow> flows) {
        Map<String, FlowVersion> m = new TreeMap<>();
        flows.forEach(f -> m.put(f.name(), new FlowVersion(f, 1, "", java.time.Instant.EPOCH)));
        return new FlowSet(m);
    }

    public Optional<FlowVersion> get(String name) {
        return Optional.ofNullable(flows.get(name));
    }

    public Map<String, FlowVersion> all() {
        return flows;
    }

    /** The flow that answers {@code number} (listed under its {@code numbers:}). */
    public Optional<FlowVersion> forNumber(String number) {
        return flows.values().stream().filter(v -> v.flow().numbers().contains(number)).findFirst();
    }
}
