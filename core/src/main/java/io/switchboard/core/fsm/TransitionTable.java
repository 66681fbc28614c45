package io.switchboard.core.fsm;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * A declarative state-machine table: (state, event) → next state. Side effects live in the machine
 * that owns the table; the table only says which transitions exist, so an event that has no row is
 * an unhandled event the machine must report (never silently ignore).
 */
public final class TransitionTable<S extends Enum<S>, E extends Enum<E>> {
    private final Map<S, Map<E, S>> rows;
    private final Class<E> eventType;

    private TransitionTable(Class<S> stateType, Class<E> eventType) {
        this.rows = new EnumMap<>(stateType);
        this.eventType = eventType;
    }

    public static <S extends Enum<S>, E extends Enum<E>> TransitionTable<S, E> of(Class<S> s, Class<E> e) {
        return new TransitionTable<>(s, e);
    }

    /** Declares that {@code event} in {@code from} moves to {@code to}. */
    public TransitionTable<S, E> on(S from, E event, S to) {
        rows.computeIfAbsent(from, k -> new EnumMap<>(eventType)).put(event, to);
        return this;
    }

    public Optional<S> next(S from, E event) {
        Map<E, S> row = rows.get(from);
        return row == null ? Optional.empty() : Optional.ofNullable(row.get(event));
    }
}
