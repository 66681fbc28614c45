package io.switchboard.routing.dialplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.config.ConfigException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Office hours in Beijing time decide which inbound rule of a DID applies. */
class ScheduleTest {
    private static final Map<String, Object> SCHEDULES = Map.of("office", Map.of(
            "timezone", "Asia/Shanghai",
            "hours", List.of("mon-fri 09:00-18:00", "sat 09:00-12:00"),
            "holidays", List.of("2026-10-01")));
    private final Dialplan plan = Dialplan.fromYaml(List.of(
            Map.of("did", "4008001234", "extension", "1001", "schedule", "office"),
            Map.of("did", "4008001234", "extension", "1999"),
            Map.of("did", "95555", "hangup", 480, "schedule", "office")), SCHEDULES, "trunks.yaml");

    private String target(String dialled, String instant) {
        Dialplan.Result r = plan.route(dialled, Instant.parse(instant));
        if (r instanceof Dialplan.Routed routed) {
            return routed.target() instanceof Dialplan.ToExtension e ? e.extension() : "hangup";
        }
        return "unroutable";
    }

    @Test
    void officeHoursRuleAppliesOnlyWhileOpenInItsTimeZone() {
        // Thursday 2026-11-26 10:00 Beijing = 02:00 UTC
        assertThat(target("4008001234", "2026-11-26T02:00:00Z")).isEqualTo("1001");
        // Thursday 19:00 Beijing: after hours, the next rule
        assertThat(target("4008001234", "2026-11-26T11:00:00Z")).isEqualTo("1999");
        // 08:59:59 Beijing is still closed, 09:00 open, 18:00 closed again (end exclusive)
        assertThat(target("4008001234", "2026-11-26T00:59:59Z")).isEqualTo("1999");
        assertThat(target("4008001234", "2026-11-26T01:00:00Z")).isEqualTo("1001");
        assertThat(target("4008001234", "2026-11-26T10:00:00Z")).isEqualTo("1999");
        // Saturday morning open, Sunday closed
        assertThat(target("4008001234", "2026-11-28T02:00:00Z")).isEqualTo("1001");
        assertThat(target("4008001234", "2026-11-29T02:00:00Z")).isEqualTo("1999");
        // National Day (a Thursday) is a holiday
        assertThat(target("4008001234", "2026-10-01T02:00:00Z")).isEqualTo("1999");
    }

    @Test
    void aScheduledRuleWithoutFallbackLeavesTheNumberUnroutableWhenClosed() {
        assertThat(target("95555", "2026-11-26T02:00:00Z")).isEqualTo("hangup");
        assertThat(target("95555", "2026-11-26T14:00:00Z")).isEqualTo("unroutable");
    }

    @Test
    void badSchedulesAreRefusedWithTheirNameAndValue() {
        assertThatThrownBy(() -> Dialplan.fromYaml(List.of(Map.of("did", "95555", "extension", "1", "schedule", "night")), Map.of(), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schedule 'night' is not defined");
        assertThatThrownBy(() -> Schedule.fromYaml("office", Map.of("timezone", "Mars/Olympus", "hours", List.of("mon 09:00-10:00")), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown timezone 'Mars/Olympus'");
        assertThatThrownBy(() -> Schedule.fromYaml("office", Map.of("hours", List.of("mon-fry 09:00-18:00")), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'mon-fry'");
        assertThatThrownBy(() -> Schedule.fromYaml("office", Map.of("hours", List.of("mon 22:00-06:00")), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("may not cross midnight");
        assertThatThrownBy(() -> Schedule.fromYaml("office", Map.of("hours", List.of("mon 09:00-18:00"), "holidays", List.of("1 Oct")), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'1 Oct' is not a date");
    }

    @Test
    void dayRangesWrapAroundTheWeekAndMidnightEndIsWritten2400() {
        Schedule s = Schedule.fromYaml("weekend", Map.of("timezone", "UTC", "hours", List.of("sat-sun 12:00-24:00")), "t.yaml");
        assertThat(s.isOpen(Instant.parse("2026-11-28T23:59:59Z"))).isTrue();
        assertThat(s.isOpen(Instant.parse("2026-11-30T12:00:00Z"))).isFalse();
        Schedule wrap = Schedule.fromYaml("wrap", Map.of("timezone", "UTC", "hours", List.of("fri-mon 00:00-24:00")), "t.yaml");
        assertThat(wrap.isOpen(Instant.parse("2026-11-30T10:00:00Z"))).as("monday").isTrue();
        assertThat(wrap.isOpen(Instant.parse("2026-11-26T10:00:00Z"))).as("thursday").isFalse();
    }
}
