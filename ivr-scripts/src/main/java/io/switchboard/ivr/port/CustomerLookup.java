package io.switchboard.ivr.port;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finds the caller's customer record for the {@code lookup} verb. A stub until the customer module
 * exists: {@link #NONE} finds nobody. A record is a map the flow reads as {@code customer.name},
 * {@code customer.vip}, {@code customer.last_interactions}…
 */
public interface CustomerLookup {

    /** Finds the customer known on {@code channel} by {@code key} (a phone number, an openid…). */
    CompletableFuture<Optional<Map<String, Object>>> find(String channel, String key);

    /** Finds nobody. */
    CustomerLookup NONE = (channel, key) -> CompletableFuture.completedFuture(Optional.empty());
}
