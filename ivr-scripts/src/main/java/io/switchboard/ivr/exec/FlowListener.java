package io.switchboard.ivr.exec;

/** Receives the events of running flows (on each call's lane: keep it quick, hand off heavy work). */
@FunctionalInterface
public interface FlowListener {
    void onEvent(FlowEvent event);

    FlowListener NONE = e -> { };

    /** Both listeners, this one first. */
    default FlowListener and(FlowListener other) {
        return e -> {
            onEvent(e);
            other.onEvent(e);
        };
    }
}
