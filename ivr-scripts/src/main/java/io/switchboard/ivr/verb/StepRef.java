package io.switchboard.ivr.verb;

import io.switchboard.ivr.source.Position;

/** A step named in a field ({@code next: billing}), with where it is written for "no such step" errors. */
public record StepRef(String step, String field, Position at) {
    @Override
    public String toString() {
        return step;
    }
}
