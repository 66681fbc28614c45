package io.switchboard.ivr.script;

import io.switchboard.ivr.verb.StepRef;
import java.time.ZoneId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed, validated flow: immutable, shared by every call that runs this version.
 *
 * @param variables initial values of the flow's variables (set when the flow starts, unless already set)
 * @param numbers   the numbers this flow answers (for the dialplan; may be empty)
 * @param declared  every variable its expressions may read
 */
public record Flow(String name, String file, String description, String language, String voice, ZoneId timezone,
        StepRef start, StepRef onError, Map<String, Object> variables, List<String> numbers,
        Map<String, Step> steps, Set<String> declared) {

    public Flow {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        numbers = List.copyOf(numbers);
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        declared = Set.copyOf(declared);
    }

    /** The step called {@code name}, or null. */
    public Step step(String name) {
        return steps.get(name);
    }

    /** The step written below {@code s}, or null for the last one. */
    public Step below(Step s) {
        boolean found = false;
        for (Step each : steps.values()) {
            if (found) {
                return each;
            }
            found = each == s;
        }
        return null;
    }

    /** Where {@code s} goes when its verb is done: its {@code next}, else the step below (null: the end of the flow). */
    public Step successor(Step s) {
        return s.next() != null ? step(s.next().step()) : below(s);
    }
}
