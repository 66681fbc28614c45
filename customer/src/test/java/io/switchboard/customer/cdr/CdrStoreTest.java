package io.switchboard.customer.cdr;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.customer.CustomerConfig;
import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.FakeClock;
import io.switchboard.customer.TestStorage;
import io.switchboard.customer.storage.StorageConfig;
import io.switchboard.customer.storage.Vendor;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CdrStoreTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void aCallRingingWhenTheSwitchStopsIsFinalisedAtRestart(Vendor vendor) {
        FakeClock clock = new FakeClock();
        StorageConfig cfg = TestStorage.config(vendor, 2, dir);
        try (CustomerStorage s = CustomerStorage.open(CustomerConfig.of(cfg), dir, clock)) {
            CdrBuilder b = s.newCdr("crash-1", "13800138000", "4008001234", "trunk-a", "4008001234");
            assertThat(s.cdrs().open(b.provisional())).isTrue();
            b.ringing().leg(new CdrLeg("a", "13800138000", "+8613800138000", "4008001234", "+864008001234", "trunk-a",
                    clock.instant(), null, null, null));
            assertThat(s.cdrs().open(b.provisional())).isTrue();
        }
        clock.advance(Duration.ofMinutes(3));
        try (CustomerStorage s = CustomerStorage.open(CustomerConfig.of(cfg), dir, clock)) {
            assertThat(s.cdrs().recoverUnfinished()).containsExactly("crash-1");
            Cdr c = s.cdrs().get("crash-1").orElseThrow();
            assertThat(c.isFinal()).isTrue();
            assertThat(c.stage()).isEqualTo(CallStage.RINGING);
            assertThat(c.cause()).isEqualTo(HangupCause.SWITCH_RESTART);
            assertThat(c.endedBy()).isEqualTo(EndedBy.SYSTEM);
            assertThat(c.endAt()).isEqualTo(clock.instant());
            assertThat(c.legs()).singleElement().satisfies(l -> assertThat(l.toE164()).isEqualTo("+864008001234"));
            assertThat(s.cdrs().recoverUnfinished()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void theFinalRecordIsWrittenOnce(Vendor vendor) {
        FakeClock clock = new FakeClock();
        try (CustomerStorage s = TestStorage.open(vendor, clock)) {
            CdrBuilder b = s.newCdr("once-1", "13800138000", "4008001234", "trunk-a", "4008001234");
            s.cdrs().open(b.provisional());
            clock.advance(Duration.ofSeconds(5));
            Cdr end = b.answered().agent("amy").calleeHungUp();
            assertThat(s.cdrs().finish(end)).isTrue();
            assertThat(s.cdrs().finish(end)).isFalse();
            assertThat(s.cdrs().open(s.newCdr("once-1", "x", "y", null, null).provisional())).isFalse();
            assertThat(s.cdrs().recoverUnfinished()).isEmpty();
            assertThat(s.cdrs().get("once-1")).contains(end);
            Cdr direct = s.newCdr("never-opened", "13900139000", "4008001234", null, null).busy();
            assertThat(s.cdrs().finish(direct)).isTrue();
            assertThat(s.cdrs().get("never-opened")).contains(direct);
        }
    }

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void queryByTimeNumberAgentAndExportCsv(Vendor vendor) throws Exception {
        FakeClock clock = new FakeClock();
        try (CustomerStorage s = TestStorage.open(vendor, clock)) {
            Instant start = clock.instant();
            for (int i = 0; i < 10; i++) {
                CdrBuilder b = s.newCdr("q-" + i, "1380013800" + i, "4008001234", "trunk-a", "4008001234");
                b.answered().agent(i % 2 == 0 ? "amy" : "bob");
                clock.advance(Duration.ofMinutes(1));
                s.cdrs().finish(b.callerHungUp());
            }
            CdrQuery all = CdrQuery.between(start, clock.instant());
            assertThat(s.cdrs().query(all)).hasSize(10).first().satisfies(c -> assertThat(c.callId()).isEqualTo("q-9"));
            assertThat(s.cdrs().query(CdrQuery.between(start.plusSeconds(120), start.plusSeconds(240))))
                    .extracting(Cdr::callId).containsExactly("q-3", "q-2");
            assertThat(s.cdrs().query(all.withNumber("+86 138 0013 8003"))).extracting(Cdr::callId).containsExactly("q-3");
            assertThat(s.cdrs().query(all.withNumber("13800138003"))).extracting(Cdr::callId).containsExactly("q-3");
            assertThat(s.cdrs().query(all.withNumber("4008001234"))).hasSize(10);
            assertThat(s.cdrs().query(all.withAgent("bob").withLimit(2))).extracting(Cdr::callId).containsExactly("q-9", "q-7");
            StringWriter csv = new StringWriter();
            assertThat(s.cdrs().exportCsv(all.withAgent("amy"), csv)).isEqualTo(5);
            assertThat(csv.toString().split("\r\n")).hasSize(6);
            assertThat(s.cdrs().query(new CdrQuery(null, null, null, null, 3))).hasSize(3);
        }
    }
}
