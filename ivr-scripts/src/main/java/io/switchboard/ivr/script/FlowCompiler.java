package io.switchboard.ivr.script;

import io.switchboard.ivr.source.Catalog;
import io.switchboard.ivr.source.Position;
import io.switchboard.ivr.source.Problem;
import io.switchboard.ivr.source.Problems;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses and validates flow files: one at a time, or a set of files that may run each other as
 * subflows (their names are checked across the set).
 */
public final class FlowCompiler {
    private final Catalog catalog;

    public FlowCompiler(Catalog catalog) {
        this.catalog = catalog;
    }

    /** The outcome for one file: the flow (present when there are no errors) and every problem, in file order. */
    public record Result(String file, Optional<Flow> flow, List<Problem> problems) {
        public boolean ok() {
            return problems.stream().noneMatch(Problem::isError);
        }
    }

    /** Compiles one file; subflows must be among {@code knownFlows} (null: not checked). */
    public Result compile(String file, String text, Set<String> knownFlows) {
        Problems problems = new Problems(file);
        FlowParser parser = new FlowParser(catalog);
        Optional<Flow> flow = parser.parse(text, problems);
        flow.ifPresent(f -> {
            String stem = Path.of(file).getFileName().toString();
            if (stem.endsWith(".yaml") && !stem.equals(f.name() + ".yaml")) {
                problems.warning(new Position(file, 1, 1), "the file is called " + stem + " but the flow is '"
                        + f.name() + "': name the file " + f.name() + ".yaml so it is easy to find");
            }
            FlowValidator.check(f, parser.brokenSteps(), problems);
            if (knownFlows != null) {
                Set<String> known = new TreeSet<>(knownFlows);
                known.add(f.name());
                FlowValidator.checkSubflows(f, known, problems);
            }
        });
        return new Result(file, problems.hasErrors() ? Optional.empty() : flow, problems.sorted());
    }

    /**
     * Compiles files that belong together (file name → text): subflow names are checked against the flows
     * of every file, and two files may not define the same flow.
     */
    public Map<String, Result> compileAll(Map<String, String> files) {
        return compileAll(files, Set.of());
    }

    /** As {@link #compileAll(Map)}, where the flows {@code alsoKnown} exist too (e.g. other files of the directory). */
    public Map<String, Result> compileAll(Map<String, String> files, Set<String> alsoKnown) {
        Map<String, Result> first = new LinkedHashMap<>();
        Set<String> names = new TreeSet<>(alsoKnown);
        for (Map.Entry<String, String> e : files.entrySet()) {
            Problems scratch = new Problems(e.getKey());
            new FlowParser(catalog).parse(e.getValue(), scratch).ifPresent(f -> names.add(f.name()));
        }
        Map<String, String> owner = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Result r = compile(e.getKey(), e.getValue(), names);
            Problems problems = new Problems(e.getKey());
            problems.addAll(r.problems());
            Optional<Flow> flow = r.flow();
            if (flow.isPresent()) {
                String other = owner.putIfAbsent(flow.get().name(), e.getKey());
                if (other != null) {
                    problems.error(new Position(e.getKey(), 1, 1), "flow '" + flow.get().name()
                            + "' is already defined in " + other + ": give this one another name");
                    flow = Optional.empty();
                }
            }
            first.put(e.getKey(), new Result(e.getKey(), flow, problems.sorted()));
        }
        return first;
    }
}
