package io.switchboard.routing.dialplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Outbound routing by number kind, number format per trunk, and the caller ID pool with region matching. */
class OutboundPlanTest {
    private final OutboundPlan plan = OutboundPlan.fromYaml(List.of(
            Map.of("name", "pool", "to", "203.0.113.10:5060", "format", "national",
                    "callerId", List.of("4008001234", "01088880000", "02166660000", "075522220000")),
            Map.of("name", "e164", "to", "203.0.113.11", "format", "e164", "callerId", "4008001234")),
            List.of(Map.of("kinds", List.of("mobile", "fixed"), "trunks", List.of("pool", "e164")),
                    Map.of("kinds", List.of("international"), "trunks", List.of("e164"), "extensions", List.of("1003"))),
            "trunks.yaml");

    private OutboundPlan.Hop first(String dialled, String ext) {
        return ((OutboundPlan.Hops) plan.route(dialled, ext)).hops().get(0);
    }

    @Test
    void aFixedLineCalleeSeesOurNumberInItsOwnArea() {
        assertThat(first("010-6552-9999", "1001").callerId()).isEqualTo("01088880000");
        assertThat(first("021 5555 1234", "1001").callerId()).isEqualTo("02166660000");
        assertThat(first("0755-8888-1234", "1001").callerId()).isEqualTo("075522220000");
    }

    @Test
    void otherCalleesSeeTheFirstNumberOfThePool() {
        assertThat(first("13800138000", "1001").callerId()).isEqualTo("4008001234");
        assertThat(first("0571-8888-1234", "1001").callerId()).as("no Hangzhou number in the pool").isEqualTo("4008001234");
    }

    @Test
    void eachTrunkGetsItsNumberFormat() {
        List<OutboundPlan.Hop> hops = ((OutboundPlan.Hops) plan.route("138 0013 8000", "1001")).hops();
        assertThat(hops).extracting(OutboundPlan.Hop::number).containsExactly("13800138000", "+8613800138000");
    }

    @Test
    void internationalNeedsPermission() {
        assertThat(plan.route("+1 650 253 0000", "1001")).isInstanceOf(OutboundPlan.Refused.class)
                .extracting(r -> ((OutboundPlan.Refused) r).status()).isEqualTo(403);
        assertThat(plan.route("+1 650 253 0000", "1003")).isInstanceOf(OutboundPlan.Hops.class);
    }

    @Test
    void anEmptyCallerIdPoolIsRefused() {
        assertThatThrownBy(() -> OutboundPlan.fromYaml(List.of(Map.of("name", "x", "to", "1.2.3.4", "callerId", List.of())),
                List.of(), "t.yaml")).isInstanceOf(ConfigException.class).hasMessageContaining("'callerId' lists no number");
    }
}
