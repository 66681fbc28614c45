package io.switchboard.routing.dialplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.core.config.ConfigException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DialplanTest {
    private final Dialplan plan = Dialplan.fromYaml(List.of(
            Map.of("did", "400-800-1234", "extension", "1002"),
            Map.of("did", 95555, "extension", "1003"),
            Map.of("did", "1010XXXX", "extension", "1004"),
            Map.of("did", "4008NXXXXX", "hangup", 403)), "trunks.yaml");

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4008001234|4008001234|1002",
        "+86 400 800 1234|4008001234|1002",
        "+864008001234|4008001234|1002",
        "400-800-1234|4008001234|1002",
        "95555|95555|1003",
        "10101234|10101234|1004",
        "1010-9999|10109999|1004"})
    void everyNotationOfADidReachesItsExtension(String dialled, String did, String extension) {
        Dialplan.Result r = plan.route(dialled);
        assertThat(r).isInstanceOf(Dialplan.Routed.class);
        Dialplan.Routed routed = (Dialplan.Routed) r;
        assertThat(routed.did()).isEqualTo(did);
        assertThat(routed.target()).isEqualTo(new Dialplan.ToExtension(extension));
    }

    @Test
    void patternsRouteToHangupAndUnknownNumbersAre404() {
        assertThat(plan.route("4008912345")).isInstanceOf(Dialplan.Routed.class)
                .extracting(r -> ((Dialplan.Routed) r).target()).isEqualTo(new Dialplan.Hangup(403));
        assertThat(plan.route("4006001234")).isEqualTo(new Dialplan.Unroutable(404, "Not Found (no route for 4006001234)"));
        assertThat(plan.route("400-800-ABCD")).isInstanceOf(Dialplan.Unroutable.class)
                .extracting(r -> ((Dialplan.Unroutable) r).reason()).asString().contains("invalid number");
    }

    @Test
    void badRulesAreRefusedWithTheEntryNamed() {
        assertThatThrownBy(() -> Dialplan.fromYaml(List.of(Map.of("did", "4008001234")), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("inbound entry 1").hasMessageContaining("extension");
        assertThatThrownBy(() -> Dialplan.fromYaml(List.of(Map.of("did", "12ab", "extension", "1")), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a valid number");
        assertThatThrownBy(() -> Dialplan.fromYaml(List.of(Map.of("did", "95555", "hangup", 200)), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("400 to 699");
        assertThatThrownBy(() -> Dialplan.fromYaml(List.of(Map.of("did", "95555", "extension", "1", "ring", 1)), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown field 'ring'");
    }

    @Test
    void aRuleMayNameAFlowInsteadOfAnExtension() {
        Dialplan withFlow = Dialplan.fromYaml(List.of(Map.of("did", "95566", "flow", "hotline")), "trunks.yaml");
        assertThat(withFlow.route("95566")).isInstanceOf(Dialplan.Routed.class)
                .extracting(r -> ((Dialplan.Routed) r).target()).isEqualTo(new Dialplan.ToFlow("hotline"));
        assertThatThrownBy(() -> Dialplan.fromYaml(List.of(Map.of("did", "95566", "flow", "hotline", "extension", "1")), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("exactly one of 'extension', 'flow' or 'hangup'");
        assertThatThrownBy(() -> Dialplan.fromYaml(List.of(Map.of("did", "95566", "flow", "../etc")), "t.yaml"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'flow' must be a flow name");
    }

    @Test
    void patternLetters() {
        assertThat(Dialplan.matches("1010XXXX", "10101234")).isTrue();
        assertThat(Dialplan.matches("1010XXXX", "101012345")).isFalse();
        assertThat(Dialplan.matches("400N.", "4008001234")).isTrue();
        assertThat(Dialplan.matches("400N.", "400")).isFalse();
        assertThat(Dialplan.matches("95Z", "950")).isFalse();
    }
}
