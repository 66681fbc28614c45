package io.switchboard.routing.acd;

/**
 * The answer to a command. A command that does not fit the current state (accepting a task that was
 * never offered to that agent, logging in twice) is refused with a reason and changes nothing, so a late
 * or duplicated message from a phone or a browser can never corrupt the engine.
 */
public sealed interface Outcome {

    /** The command was applied. */
    Outcome OK = new Ok();

    default boolean ok() {
        return this instanceof Ok;
    }

    /** Applied. */
    record Ok() implements Outcome { }

    /** Not applied: {@code refusal} says why in a word a program can switch on, {@code message} for people. */
    record Refused(Refusal refusal, String message) implements Outcome { }

    /** Why a command was refused. */
    enum Refusal {
        UNKNOWN_AGENT, UNKNOWN_QUEUE, UNKNOWN_TASK, DUPLICATE_TASK, DUPLICATE_AGENT,
        NOT_OFFERED, NOT_ASSIGNED, ALREADY_ANSWERED, INVALID_STATE, HAS_TASKS
    }

    static Outcome refused(Refusal refusal, String message) {
        return new Refused(refusal, message);
    }
}
