package io.switchboard.ivr;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.script.Flow;
import io.switchboard.ivr.script.FlowCompiler;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.source.DefaultCatalog;
import io.switchboard.ivr.source.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compiles flows written in tests, failing the test on any error. */
public final class TestFlows {
    private TestFlows() {
    }

    /** The flow in {@code yaml}, which must have no errors. */
    public static Flow flow(String yaml) {
        FlowCompiler.Result r = new FlowCompiler(new DefaultCatalog(Set.of("sales", "support", "billing", "general",
                "default", "vip"))).compile("test.yaml", yaml, null);
        assertThat(r.problems().stream().filter(Problem::isError).map(Problem::toString)).isEmpty();
        return r.flow().orElseThrow();
    }

    /** The problems of {@code yaml} (compiled as {@code file}), as printed. */
    public static List<String> problems(String file, String yaml) {
        return new FlowCompiler(new DefaultCatalog(Set.of("sales", "support", "billing")))
                .compile(file, yaml, Set.of("voicemail")).problems().stream().map(Problem::toString).toList();
    }

    /** Several flows as one set (each must have no errors). */
    public static FlowSet set(String... yamls) {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < yamls.length; i++) {
            files.put("test" + i + ".yaml", yamls[i]);
        }
        List<Flow> flows = new ArrayList<>();
        new FlowCompiler(new DefaultCatalog(Set.of("sales", "support", "billing", "general", "default")))
                .compileAll(files).values().forEach(r -> {
                    assertThat(r.problems().stream().filter(Problem::isError).map(Problem::toString)).isEmpty();
                    flows.add(r.flow().orElseThrow());
                });
        return FlowSet.of(flows);
    }
}
