package io.switchboard.ivr.store;

import io.switchboard.ivr.script.Flow;
import io.switchboard.ivr.script.FlowCompiler;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.script.FlowVersion;
import io.switchboard.ivr.source.Catalog;
import io.switchboard.ivr.source.Position;
import io.switchboard.ivr.source.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows and all their versions. Each save of a valid flow makes a new numbered version, kept as
 * {@code <data>/<flow>/<n>.yaml}; the published version of each flow is named in
 * {@code <data>/<flow>/published}. Publishing swaps one immutable {@link FlowSet} snapshot, so it is
 * atomic: a call takes the snapshot when it starts and keeps it to the end, whatever is published
 * meanwhile. The flow files in {@code conf/ivr} are the admins' working copies: a changed file is
 * validated and, if valid, saved and published ({@link #reload}); if not, the old version stays and the
 * problems are logged with {@code file:line:column}.
 */
public final class FlowStore {
    private static final Logger LOG = LoggerFactory.getLogger(FlowStore.class);

    private final Path confDir;
    private final VersionFiles files;
    private final FlowCompiler compiler;
    private final InstantSource clock;
    private final Map<String, List<FlowVersion>> versions = new TreeMap<>();
    private final Map<String, Integer> published = new TreeMap<>();
    private volatile FlowSet snapshot = new FlowSet(Map.of());

    public FlowStore(Path confDir, Path dataDir, Catalog catalog, InstantSource clock) {
        this.confDir = confDir;
        this.files = new VersionFiles(dataDir);
        this.compiler = new FlowCompiler(catalog);
        this.clock = clock;
    }

    /** The published flows, for a call that starts now. */
    public FlowSet snapshot() {
        return snapshot;
    }

    /**
     * Loads the saved versions, then every flow file of the conf directory ({@link #reload}). Returns the
     * problems of the files that could not be published.
     */
    public synchronized List<Problem> load() {
        for (String flow : files.flows()) {
            List<FlowVersion> list = new ArrayList<>();
            for (Map.Entry<Integer, String> v : files.versions(flow).entrySet()) {
                compile(flow + " v" + v.getKey(), v.getValue()).flow().ifPresentOrElse(
                        f -> list.add(new FlowVersion(f, v.getKey(), v.getValue(), files.savedAt(flow, v.getKey()))),
                        () -> LOG.warn("ivr: saved version {} of flow {} is no longer valid; skipped", v.getKey(), flow));
            }
            if (!list.isEmpty()) {
                versions.put(flow, list);
                files.published(flow).filter(n -> version(flow, n).isPresent()).ifPresent(n -> published.put(flow, n));
            }
        }
        republish();
        List<Problem> problems = new ArrayList<>();
        for (Path file : confFiles()) {
            problems.addAll(take(file, false));
        }
        return problems;
    }

    /**
     * The flow file {@code file} changed: if its text is new and valid it becomes a new version and is
     * published; if invalid nothing changes and the problems are logged and returned.
     */
    public synchronized List<Problem> reload(Path file) {
        return take(file, true);
    }

    /**
     * Reads a flow file. New text becomes a new version and is published. Text equal to a saved version
     * publishes that version when the file {@code changed} (an admin put an old text back); at start-up it
     * leaves the published version as it was (it may have been chosen by a publish or a rollback).
     */
    private List<Problem> take(Path file, boolean changed) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            Problem p = Problem.error(new Position(file.toString(), 1, 1), "cannot read the file: " + e.getMessage());
            LOG.warn("ivr: {}", p);
            return List.of(p);
        }
        FlowCompiler.Result r = compile(file.toString(), text);
        if (!r.ok()) {
            r.problems().stream().filter(Problem::isError)
                    .forEach(p -> LOG.warn("ivr: {} not published: {}", file, p));
            return r.problems().stream().filter(Problem::isError).toList();
        }
        Flow flow = r.flow().orElseThrow();
        Optional<FlowVersion> same = versions.getOrDefault(flow.name(), List.of()).stream()
                .filter(v -> v.text().equals(text)).reduce((a, b) -> b);
        if (same.isPresent()) {
            if (!published.containsKey(flow.name()) || changed && published.get(flow.name()) != same.get().version()) {
                publish(flow.name(), same.get().version());
            }
            return List.of();
        }
        FlowVersion v = store(flow, text);
        publish(flow.name(), v.version());
        LOG.info("ivr: {} changed: flow {} version {} published", file, flow.name(), v.version());
        return List.of();
    }

    /** Saves {@code text} as a new (unpublished) version of the flow it defines; the problems if it is not valid. */
    public synchronized SaveResult save(String label, String text) {
        FlowCompiler.Result r = compile(label, text);
        if (!r.ok()) {
            return new SaveResult(Optional.empty(), r.problems());
        }
        return new SaveResult(Optional.of(store(r.flow().orElseThrow(), text)), r.problems());
    }

    /** Validates {@code text} as a save would, without saving anything (the problems; no version). */
    public synchronized SaveResult check(String label, String text) {
        return new SaveResult(Optional.empty(), compile(label, text).problems());
    }

    /** What a save gave: the new version, or the problems that prevented it (warnings may come with a version). */
    public record SaveResult(Optional<FlowVersion> version, List<Problem> problems) {
    }

    /** Makes version {@code n} of {@code flow} the one new calls get. */
    public synchronized void publish(String flow, int n) {
        version(flow, n).orElseThrow(() -> new NoSuchElementException("flow " + flow + " has no version " + n));
        files.publish(flow, n);
        published.put(flow, n);
        republish();
        LOG.info("ivr: flow {} version {} published", flow, n);
    }

    /** Publishes an earlier (or any) version again. */
    public synchronized void rollback(String flow, int n) {
        publish(flow, n);
    }

    /** The differences between two versions of a flow, as a unified diff. */
    public synchronized String diff(String flow, int from, int to) {
        FlowVersion a = version(flow, from).orElseThrow(() -> new NoSuchElementException(flow + " has no version " + from));
        FlowVersion b = version(flow, to).orElseThrow(() -> new NoSuchElementException(flow + " has no version " + to));
        return TextDiff.unified(a.text(), b.text(), flow + " v" + from, flow + " v" + to);
    }

    public synchronized Set<String> flows() {
        return Collections.unmodifiableSet(new TreeSet<>(versions.keySet()));
    }

    public synchronized List<FlowVersion> versions(String flow) {
        return List.copyOf(versions.getOrDefault(flow, List.of()));
    }

    public synchronized Optional<FlowVersion> version(String flow, int n) {
        return versions.getOrDefault(flow, List.of()).stream().filter(v -> v.version() == n).findFirst();
    }

    public synchronized Optional<FlowVersion> published(String flow) {
        Integer n = published.get(flow);
        return n == null ? Optional.empty() : version(flow, n);
    }

    /** The flow files of the conf directory. */
    public List<Path> confFiles() {
        if (!Files.isDirectory(confDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(confDir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path confDir() {
        return confDir;
    }

    private Optional<FlowVersion> latest(String flow) {
        List<FlowVersion> list = versions.getOrDefault(flow, List.of());
        return list.isEmpty() ? Optional.empty() : Optional.of(list.get(list.size() - 1));
    }

    private FlowVersion store(Flow flow, String text) {
        int n = latest(flow.name()).map(v -> v.version() + 1).orElse(1);
        FlowVersion v = new FlowVersion(flow, n, text, clock.instant());
        files.write(flow.name(), n, text);
        versions.computeIfAbsent(flow.name(), k -> new ArrayList<>()).add(v);
        return v;
    }

    private FlowCompiler.Result compile(String label, String text) {
        Set<String> known = new TreeSet<>(versions.keySet());
        for (Path p : confFiles()) {
            known.add(p.getFileName().toString().replaceFirst("\\.yaml$", ""));
        }
        return compiler.compile(label, text, known);
    }

    private void republish() {
        Map<String, FlowVersion> m = new TreeMap<>();
        published.forEach((flow, n) -> version(flow, n).ifPresent(v -> m.put(flow, v)));
        snapshot = new FlowSet(m);
    }
}
