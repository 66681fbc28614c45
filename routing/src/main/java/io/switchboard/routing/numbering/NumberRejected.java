package io.switchboard.routing.numbering;

/**
 * Internal signal that the number being normalised is invalid; {@link NumberNormalizer#normalize}
 * turns it into {@link Normalized.Invalid} at its single entry point, so no caller ever sees it.
 * It carries no stack trace: a peer's bad number is not a program error.
 */
final class NumberRejected extends RuntimeException {
    NumberRejected(String reason) {
        super(reason, null, false, false);
    }
}
