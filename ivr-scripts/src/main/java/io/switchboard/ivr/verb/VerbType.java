package io.switchboard.ivr.verb;

import java.util.Set;
import java.util.function.Function;

/**
 * What the parser knows about a verb before reading a step: its keyword, the fields it accepts besides
 * its main value and {@code next}, the variable it writes by default, and its parser.
 *
 * @param defaultInto the variable the verb fills when the step names none (null: none)
 * @param continues   whether a step with this verb may have {@code next}
 */
public record VerbType(String name, Set<String> fields, String defaultInto, boolean continues,
        Function<StepReader, Verb> parser) {
}
