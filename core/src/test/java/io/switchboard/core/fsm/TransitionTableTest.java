package io.switchboard.core.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The declarative (state, event) → state table. */
class TransitionTableTest {
    enum S { IDLE, RINGING, TALKING, DONE }

    enum E { CALL, ANSWER, HANGUP }

    private final TransitionTable<S, E> table = TransitionTable.of(S.class, E.class)
            .on(S.IDLE, E.CALL, S.RINGING)
            .on(S.RINGING, E.ANSWER, S.TALKING)
            .on(S.RINGING, E.HANGUP, S.DONE)
            .on(S.TALKING, E.HANGUP, S.DONE);

    @Test
    void declaredRowsGiveTheNextState() {
        assertThat(table.next(S.IDLE, E.CALL)).contains(S.RINGING);
        assertThat(table.next(S.RINGING, E.HANGUP)).contains(S.DONE);
        assertThat(table.next(S.TALKING, E.HANGUP)).contains(S.DONE);
    }

    @Test
    void aMissingRowIsEmptyNotAnException() {
        assertThat(table.next(S.IDLE, E.HANGUP)).isEmpty();
        assertThat(table.next(S.DONE, E.CALL)).as("a state with no rows at all").isEmpty();
    }

    @Test
    void selfLoopsAndRedeclarationAreAllowed() {
        TransitionTable<S, E> t = TransitionTable.of(S.class, E.class)
                .on(S.TALKING, E.ANSWER, S.TALKING)
                .on(S.IDLE, E.CALL, S.RINGING)
                .on(S.IDLE, E.CALL, S.TALKING);
        assertThat(t.next(S.TALKING, E.ANSWER)).contains(S.TALKING);
        assertThat(t.next(S.IDLE, E.CALL)).as("the last declaration wins").contains(S.TALKING);
    }
}
