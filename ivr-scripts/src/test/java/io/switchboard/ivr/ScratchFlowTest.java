package io.switchboard.ivr;

import io.switchboard.ivr.exec.JdkHttpFetcher;
import io.switchboard.ivr.exec.Limits;
import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.script.Flow;
import io.switchboard.ivr.script.FlowCompiler;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.simulate.Simulator;
import io.switchboard.ivr.source.DefaultCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ScratchFlowTest {
    @Test
    void scratch() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (var s = Files.list(Path.of("../conf/ivr"))) {
            for (Path p : s.toList()) {
                files.put("conf/ivr/" + p.getFileName(), Files.readString(p));
            }
        }
        var results = new FlowCompiler(new DefaultCatalog()).compileAll(files);
        List<Flow> flows = new ArrayList<>();
        results.values().forEach(r -> {
            r.problems().forEach(System.out::println);
            r.flow().ifPresent(flows::add);
        });
        var sim = new Simulator(Limits.defaults(), new JdkHttpFetcher(), CustomerLookup.NONE);
        var res = sim.run(FlowSet.of(flows), "hotline", new Simulator.Call("+8613800138000", "4008001234", "voice",
                List.of("2", "say:billing"), Instant.parse("2026-01-05T02:00:00Z"), Map.of(), true));
        System.out.println(res.text());
        res = sim.run(FlowSet.of(flows), "hotline", new Simulator.Call("+8613800138000", "4008001234", "voice",
                List.of("1", "1", "12345678#"), Instant.parse("2026-01-05T02:00:00Z"), Map.of(), false));
        System.out.println(res.text());
    }
}
