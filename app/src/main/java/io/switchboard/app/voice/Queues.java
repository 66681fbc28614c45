package io.switchboard.app.voice;

import io.switchboard.core.config.YamlFiles;
import io.switchboard.core.lane.ExecutorLane;
import io.switchboard.routing.acd.AcdDirectory;
import io.switchboard.routing.acd.AcdEngine;
import io.switchboard.routing.acd.AcdEvent;
import io.switchboard.routing.acd.AgentConfig;
import io.switchboard.routing.acd.Outcome;
import io.switchboard.routing.acd.TaskRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ACD of a node: the routing engine on its own lane, built from the {@code agents:} and {@code queues:}
 * of {@code conf/directory.yaml}, and the glue that hands each task's events to the call waiting for it.
 */
public final class Queues implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Queues.class);

    /** What a waiting call does with its task's events (called on the ACD lane: hand work to the call's lane). */
    public interface Waiter {
        void on(AcdEvent event);

        /**
         * What an agent's desk shows when the task is offered ("screen pop": {@code caller}, {@code customer}
         * summary...); may be called from any thread. Nothing by default.
         */
        default Map<String, Object> describe() {
            return Map.of();
        }
    }

    private final ExecutorLane lane;
    private final AcdEngine engine;
    private final AcdDirectory directory;
    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();

    private Queues(ExecutorLane lane, AcdEngine engine, AcdDirectory directory) {
        this.lane = lane;
        this.engine = engine;
        this.directory = directory;
        engine.subscribe(this::dispatch);
    }

    /** The agents and queues of {@code directoryFile} (none when it has no such sections). */
    public static Queues load(Path directoryFile) {
        AcdDirectory dir;
        if (Files.isRegularFile(directoryFile) && YamlFiles.load(directoryFile) instanceof Map<?, ?> root
                && (root.containsKey("agents") || root.containsKey("queues"))) {
            dir = AcdDirectory.fromYaml(root.get("agents"), root.get("queues"), directoryFile.toString());
        } else {
            dir = new AcdDirectory(List.of(), List.of());
        }
        ExecutorLane lane = new ExecutorLane("acd");
        log.info("acd: {} agents, {} queues from {}", dir.agents().size(), dir.queues().size(), directoryFile);
        return new Queues(lane, new AcdEngine(dir, lane), dir);
    }

    public AcdEngine engine() {
        return engine;
    }

    /** Runs {@code command} on the ACD lane. */
    public <T> CompletionStage<T> call(java.util.function.Function<AcdEngine, T> command) {
        return engine.call(command);
    }

    /** The queue names, for validating flows; null when no queue is configured (any name is then accepted with a warning). */
    public java.util.Set<String> queueNames() {
        return directory.queues().isEmpty() ? null : directory.queues().stream().map(q -> q.id()).collect(java.util.stream.Collectors.toSet());
    }

    /** Whether answered calls of {@code queue} are recorded ({@code record: true}). */
    boolean records(String queue) {
        return directory.queues().stream().anyMatch(q -> q.id().equals(queue) && q.record());
    }

    public boolean hasQueue(String queue) {
        return directory.queues().stream().anyMatch(q -> q.id().equals(queue));
    }

    /** The agent whose phone is {@code extension}. */
    public Optional<AgentConfig> agentAt(String extension) {
        return directory.agents().stream().filter(a -> a.extensions().contains(extension)).findFirst();
    }

    /** Puts a call in a queue; its task's events go to {@code waiter} until {@link #forget}. */
    public CompletionStage<Outcome> enqueue(TaskRequest request, Waiter waiter) {
        waiting.put(request.id(), waiter);
        return engine.call(e -> e.enqueue(request)).whenComplete((o, err) -> {
            if (err != null || !(o == Outcome.OK)) {
                waiting.remove(request.id());
            }
        });
    }

    /** The waiting task's {@link Waiter#describe() description}, empty when the task is unknown or finished. */
    public Map<String, Object> describe(String taskId) {
        Waiter w = waiting.get(taskId);
        return w == null ? Map.of() : w.describe();
    }

    public void forget(String taskId) {
        waiting.remove(taskId);
    }

    private void dispatch(AcdEvent event) {
        String task = taskOf(event);
        if (task == null) {
            return;
        }
        Waiter w = waiting.get(task);
        if (w != null) {
            w.on(event);
        }
    }

    private static String taskOf(AcdEvent e) {
        if (e instanceof AcdEvent.TaskOffered o) {
            return o.taskId();
        } else if (e instanceof AcdEvent.OfferTimedOut t) {
            return t.taskId();
        } else if (e instanceof AcdEvent.OfferWithdrawn w) {
            return w.taskId();
        } else if (e instanceof AcdEvent.TaskOverflowed o) {
            return o.taskId();
        } else if (e instanceof AcdEvent.TaskAccepted a) {
            return a.taskId();
        }
        return null;
    }

    @Override
    public void close() {
        try {
            lane.shutdown(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
