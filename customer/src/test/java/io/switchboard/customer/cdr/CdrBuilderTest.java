package io.switchboard.customer.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.customer.FakeClock;
import io.switchboard.customer.identity.IdentityNormalizer;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Every way a call can end yields a complete final record with a cause and the side that ended it. */
class CdrBuilderTest {
    private final FakeClock clock = new FakeClock();

    private CdrBuilder call() {
        return new CdrBuilder("call-1", "\"Li\" <sip:13800138000@carrier.example;user=phone>", "sip:4008001234@switch", "trunk-a",
                "4008001234", new IdentityNormalizer("CN"), clock);
    }

    private static void complete(Cdr c) {
        assertThat(c.isFinal()).isTrue();
        assertThat(c.endAt()).isNotNull();
        assertThat(c.cause()).isNotNull();
        assertThat(c.endedBy()).isNotNull();
        assertThat(c.fromE164()).isEqualTo("+8613800138000");
        assertThat(c.toE164()).isEqualTo("+864008001234");
    }

    @Test
    void answeredAndHungUpByEitherSide() {
        CdrBuilder b = call().ringing();
        clock.advance(Duration.ofSeconds(3));
        b.answered().ivr("welcome").ivr("menu:2").queued("support");
        clock.advance(Duration.ofSeconds(40));
        b.agent("amy").recording("data/recordings/call-1.wav").tag("refund");
        clock.advance(Duration.ofSeconds(60));
        Cdr c = b.callerHungUp();
        complete(c);
        assertThat(c.stage()).isEqualTo(CallStage.ANSWERED);
        assertThat(c.cause()).isEqualTo(HangupCause.NORMAL);
        assertThat(c.endedBy()).isEqualTo(EndedBy.CALLER);
        assertThat(c.queueWait()).isEqualTo(Duration.ofSeconds(40));
        assertThat(c.billable()).isEqualTo(Duration.ofSeconds(100));
        assertThat(c.ivrPath()).containsExactly("welcome", "menu:2");
        assertThat(call().answered().calleeHungUp().endedBy()).isEqualTo(EndedBy.CALLEE);
    }

    @Test
    void neverAnsweredBusyNoAnswerCancelledTrunkFailure() {
        Cdr busy = call().ringing().busy();
        complete(busy);
        assertThat(busy.cause().sipStatus()).isEqualTo(486);
        assertThat(busy.stage()).isEqualTo(CallStage.RINGING);
        assertThat(busy.billable()).isZero();

        Cdr noAnswer = call().ringing().noAnswer();
        complete(noAnswer);
        assertThat(noAnswer.cause()).isEqualTo(HangupCause.NO_ANSWER);
        assertThat(noAnswer.endedBy()).isEqualTo(EndedBy.SYSTEM);

        Cdr cancelled = call().ringing().callerHungUp();
        complete(cancelled);
        assertThat(cancelled.cause()).isEqualTo(HangupCause.CANCELLED);
        assertThat(cancelled.endedBy()).isEqualTo(EndedBy.CALLER);

        Cdr trunk = call().trunkFailure(503, "carrier unavailable");
        complete(trunk);
        assertThat(trunk.stage()).isEqualTo(CallStage.SETUP);
        assertThat(trunk.cause().sipStatus()).isEqualTo(503);
        assertThat(trunk.cause().reason()).contains("carrier unavailable");

        Cdr declined = call().rejected(603, "decline");
        complete(declined);
        assertThat(declined.endedBy()).isEqualTo(EndedBy.CALLEE);
    }

    @Test
    void abandonedInQueueCountsTheWaitUntilTheEnd() {
        CdrBuilder b = call().answered().queued("sales");
        clock.advance(Duration.ofSeconds(75));
        Cdr c = b.callerHungUp();
        assertThat(c.queueWait()).isEqualTo(Duration.ofSeconds(75));
        assertThat(c.agentId()).isNull();
    }

    @Test
    void provisionalIsOpenAndAnEndedCallCannotChange() {
        CdrBuilder b = call().ringing();
        Cdr open = b.provisional();
        assertThat(open.isFinal()).isFalse();
        assertThat(open.cause()).isNull();
        assertThat(open.stage()).isEqualTo(CallStage.RINGING);
        Cdr end = b.cancelled();
        assertThat(b.provisional()).isEqualTo(end);
        assertThatThrownBy(b::busy).isInstanceOf(IllegalStateException.class).hasMessageContaining("already final");
        assertThatThrownBy(b::answered).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void extensionsAndAnonymousCallersHaveNoE164() {
        Cdr c = new CdrBuilder("c2", "anonymous", "sip:1001@pbx", null, null, new IdentityNormalizer("CN"), clock).cancelled();
        assertThat(c.fromE164()).isNull();
        assertThat(c.toE164()).isNull();
        assertThatThrownBy(() -> new HangupCause(42, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
