package io.switchboard.routing.acd;

import java.util.Locale;

/**
 * What a supervisor sees of an agent. It is derived from the agent's own choice ({@link Presence}) and
 * the work they hold, so it can never disagree with the tasks: an agent with a task (ringing or
 * connected) is {@code BUSY} even if they asked to go away after it; an agent whose only slots are in
 * wrap-up is {@code WRAP_UP}. A {@code BUSY} agent may still be offered work of a media type with spare
 * capacity (a second chat while on a first one).
 */
public enum AgentState {
    OFFLINE, AVAILABLE, BUSY, WRAP_UP, AWAY;

    /** The JSON / YAML spelling: {@code offline}, {@code wrap_up}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
