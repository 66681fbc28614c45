package io.switchboard.ivr.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.ivr.script.Flow;
import io.switchboard.ivr.script.FlowCompiler;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.source.DefaultCatalog;
import io.switchboard.ivr.source.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The sample flows shipped in {@code conf/ivr}, compiled as the command line does. */
final class SampleFlows {
    static final Path DIR = Path.of("..", "conf", "ivr");

    private SampleFlows() {
    }

    static Map<String, FlowCompiler.Result> compile() {
        Map<String, String> files = new TreeMap<>();
        try (var s = Files.list(DIR)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                files.put("conf/ivr/" + p.getFileName(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new FlowCompiler(new DefaultCatalog()).compileAll(files);
    }

    static FlowSet set() {
        List<Flow> flows = new ArrayList<>();
        compile().values().forEach(r -> {
            assertThat(r.problems().stream().filter(Problem::isError).map(Problem::toString)).isEmpty();
            flows.add(r.flow().orElseThrow());
        });
        return FlowSet.of(flows);
    }
}
