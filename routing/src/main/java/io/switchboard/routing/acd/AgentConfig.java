package io.switchboard.routing.acd;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * An agent as the directory declares them: who they are, what they are good at (skill levels, 1 = basic
 * to 10 = expert by convention; only the comparison with a queue's minimum matters), which phones ring
 * for voice offers, and how many tasks of each media type they can hold at once.
 *
 * @param id stable key used in commands and events
 * @param name shown to supervisors
 * @param skills skill name to level, e.g. {@code zh:5, en:3, billing:4}
 * @param extensions SIP extensions to ring for voice offers (the app resolves them to contacts)
 * @param capacity tasks at once per media type; a missing type means 0 (never offered)
 */
public record AgentConfig(String id, String name, Map<String, Integer> skills, List<String> extensions,
                          Map<MediaType, Integer> capacity) {

    public AgentConfig {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("an agent needs an id");
        }
        name = name == null ? id : name;
        skills = Map.copyOf(skills);
        extensions = List.copyOf(extensions);
        capacity = capacity.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(capacity));
    }

    /** The usual voice agent: one call at a time, no text. */
    public static AgentConfig voice(String id, Map<String, Integer> skills, String... extensions) {
        return new AgentConfig(id, id, skills, List.of(extensions), Map.of(MediaType.VOICE, 1));
    }

    public int capacity(MediaType media) {
        return capacity.getOrDefault(media, 0);
    }

    public int level(String skill) {
        Integer l = skills.get(skill);
        return l == null ? 0 : l;
    }
}
