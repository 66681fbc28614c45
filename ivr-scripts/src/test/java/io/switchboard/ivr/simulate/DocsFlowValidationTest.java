package io.switchboard.ivr.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.exec.Limits;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.script.FlowCompiler;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.source.DefaultCatalog;
import io.switchboard.ivr.source.Problem;
import io.switchboard.ivr.verb.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The complete flows shown in docs/ivr.md are valid and do what the text says. */
class DocsFlowValidationTest {

    private static List<String> flowsInDocs() throws IOException {
        String md = Files.readString(Path.of("..", "docs", "ivr.md"));
        Matcher m = Pattern.compile("```yaml\n(flow: .*?)```", Pattern.DOTALL).matcher(md);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void everyCompleteFlowInTheDocsIsValid() throws IOException {
        List<String> flows = flowsInDocs();
        assertThat(flows).hasSize(2);
        for (String yaml : flows) {
            FlowCompiler.Result r = new FlowCompiler(new DefaultCatalog()).compile("docs.yaml", yaml, null);
            assertThat(r.problems().stream().filter(Problem::isError).map(Problem::toString)).as(yaml).isEmpty();
        }
    }

    @Test
    void theThreeLevelMenuReachesTechnicalSupport() throws Exception {
        String yaml = flowsInDocs().get(1);
        FlowSet set = FlowSet.of(List.of(new FlowCompiler(new DefaultCatalog()).compile("acme.yaml", yaml, null)
                .flow().orElseThrow()));
        Simulator sim = new Simulator(Limits.defaults(), r -> CompletableFuture.failedFuture(new IOException("offline")),
                CustomerLookup.NONE);
        Simulator.Result r = sim.run(set, "acme", new Simulator.Call("+8613800138000", "4008001234", "voice",
                List.of("2", "2", "1"), Instant.parse("2026-01-05T02:00:00Z"), Map.of(), true));
        assertThat(r.outcome()).isEqualTo(new Outcome.Connected("queue", "support", "agent of support"));
        assertThat(r.lines()).anyMatch(l -> l.contains("say: For help using a product press 1."));
        Simulator.Result back = sim.run(set, "acme", new Simulator.Call("+8613800138000", "4008001234", "voice",
                List.of("1", "2", "*", "0"), Instant.parse("2026-01-05T02:00:00Z"), Map.of(), true));
        assertThat(back.lines()).anyMatch(l -> l.contains("option * → topics"));
        assertThat(back.outcome()).isEqualTo(new Outcome.Connected("queue", "general", "agent of general"));
    }
}
