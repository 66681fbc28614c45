package io.switchboard.ivr.script;

import io.switchboard.ivr.source.Position;
import io.switchboard.ivr.verb.StepRef;
import io.switchboard.ivr.verb.Verb;

/**
 * A named step of a flow: one verb, and where to go when it is done ({@code next}; without it, the step
 * written below).
 *
 * @param index the step's place in the file (0 = first)
 */
public record Step(String name, Verb verb, StepRef next, Position at, int index) {
}
