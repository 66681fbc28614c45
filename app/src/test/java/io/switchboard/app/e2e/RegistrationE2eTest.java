package io.switchboard.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.app.TestSwitch;
import io.switchboard.testkit.FreePorts;
import io.switchboard.testkit.Sipp;
import io.switchboard.testkit.SippResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registrar (RFC 3261 §10) with digest authentication, driven by SIPp over UDP and TCP. */
class RegistrationE2eTest {
    private TestSwitch sw;

    @BeforeEach
    void start() {
        sw = TestSwitch.start();
    }

    @AfterEach
    void stop() {
        sw.close();
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void registersWithTheRightPassword(Sipp.Transport t) {
        E2e.register(sw, t, "register-good", "1001", FreePorts.udpAndTcp());
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void refusesAWrongPasswordAfterTheAuthenticatedAttempt(Sipp.Transport t) {
        SippResult r = E2e.sipp("register-bad-password.xml", "register-bad", sw, t)
                .service("1001").auth("1001", "not-the-password")
                .key("contact_port", Integer.toString(FreePorts.udpAndTcp())).key("expires", "3600").run();
        E2e.assertCalls(1, r);
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void aQueryListsTheBindings(Sipp.Transport t) {
        int contactPort = FreePorts.udpAndTcp();
        E2e.register(sw, t, "register-query", "1003", contactPort);
        SippResult q = E2e.sipp("register-query.xml", "register-query-fetch", sw, t)
                .service("1003").auth("1003", E2e.password("1003")).run();
        E2e.assertCalls(1, q);
        assertThat(q.messages()).as(q::describe).contains("127.0.0.1:" + contactPort);
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void starWithExpiresZeroRemovesEveryBinding(Sipp.Transport t) {
        E2e.register(sw, t, "register-remove", "1003", FreePorts.udpAndTcp());
        E2e.register(sw, t, "register-remove-second", "1003", FreePorts.udpAndTcp());
        SippResult r = E2e.sipp("register-remove-all.xml", "register-remove-all", sw, t)
                .service("1003").auth("1003", E2e.password("1003")).run();
        E2e.assertCalls(1, r);
    }

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void anExpiresBelowTheMinimumGets423(Sipp.Transport t) {
        SippResult r = E2e.sipp("register-too-brief.xml", "register-brief", sw, t)
                .service("1004").auth("1004", E2e.password("1004"))
                .key("contact_port", Integer.toString(FreePorts.udpAndTcp())).key("expires", "10").run();
        E2e.assertCalls(1, r);
        assertThat(r.messages()).as(r::describe).containsIgnoringCase("Min-Expires:");
    }
}
