package io.switchboard.ivr.script;

import java.time.Instant;

/** One saved version of a flow: its number (1, 2, …), the text as saved, and the flow parsed from it. */
public record FlowVersion(Flow flow, int version, String text, Instant savedAt) {

    public String name() {
        return flow.name();
    }

    @Override
    public String toString() {
        return flow.name() + " v" + version;
    }
}
