package io.switchboard.channels.bridge;

import io.switchboard.core.lane.Lane;
import io.switchboard.core.lane.LaneGroup;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs asynchronous steps one after another per key (a conversation), keys in parallel: step n+1 starts when
 * step n's future completes, whatever it did (storage, then a hop to the lane). The chain is extended on the
 * key's lane, so the order of steps is the order in which they were submitted from that lane or any thread.
 */
final class KeyedChains {
    private static final CompletableFuture<Object> DONE = CompletableFuture.completedFuture(null);

    private final LaneGroup lanes;
    private final Map<String, CompletableFuture<?>> tails = new ConcurrentHashMap<>();

    KeyedChains(LaneGroup lanes) {
        this.lanes = lanes;
    }

    <T> CompletableFuture<T> then(String key, Supplier<CompletableFuture<T>> step) {
        Lane lane = lanes.laneFor(key);
        CompletableFuture<T> result = new CompletableFuture<>();
        lane.execute(() -> {
            CompletableFuture<?> prev = tails.getOrDefault(key, DONE);
            CompletableFuture<T> next = prev.handle((v, e) -> null).thenCompose(x -> step.get());
            tails.put(key, next);
            next.whenComplete((v, e) -> {
                lane.execute(() -> tails.remove(key, next));
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(v);
                }
            });
        });
        return result;
    }

    int active() {
        return tails.size();
    }
}
