package io.switchboard.ivr.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.script.FlowCompiler;
import io.switchboard.ivr.source.Problem;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code conf/ivr/*.yaml} validate: no errors; the only warnings are queues not yet in a directory. */
class SampleFlowValidationTest {

    @Test
    void theSampleFlowsHaveNoErrors() {
        Map<String, FlowCompiler.Result> results = SampleFlows.compile();
        assertThat(results.keySet()).containsExactly("conf/ivr/hotline.yaml", "conf/ivr/order-status.yaml",
                "conf/ivr/voicemail.yaml");
        results.values().forEach(r -> {
            assertThat(r.ok()).as(r.file()).isTrue();
            assertThat(r.problems()).allMatch(p -> !p.isError() && p.message().startsWith("queue '"));
        });
    }

    @Test
    void theHotlineAnswersItsNumber() {
        assertThat(SampleFlows.set().forNumber("4008001234")).hasValueSatisfying(v -> assertThat(v.name())
                .isEqualTo("hotline"));
        assertThat(SampleFlows.compile().get("conf/ivr/hotline.yaml").problems()).extracting(Problem::message)
                .containsOnly("queue 'billing' is not in the directory: make sure agents are assigned to it",
                        "queue 'sales' is not in the directory: make sure agents are assigned to it",
                        "queue 'support' is not in the directory: make sure agents are assigned to it",
                        "queue 'general' is not in the directory: make sure agents are assigned to it");
    }
}
