package io.switchboard.sip.registrar;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All bindings, by extension, readable from any lane. Updates replace an extension's immutable
 * list atomically. Persisted to {@code registrations.json} under the data directory (written
 * atomically when something changed, and on shutdown) so registrations survive a restart.
 */
public final class BindingStore {
    private static final Logger log = LoggerFactory.getLogger(BindingStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final InstantSource clock;
    private final Map<String, List<Binding>> byAor = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final Map<String, Integer> bySourceHost = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();

    public BindingStore(Path dataDir, InstantSource clock) {
        this.file = dataDir.resolve("registrations.json");
        this.clock = clock;
    }

    /** Current (unexpired) bindings of {@code aor}. */
    public List<Binding> get(String aor) {
        List<Binding> list = byAor.get(aor);
        if (list == null) {
            return List.of();
        }
        long now = clock.millis();
        for (Binding b : list) {
            if (b.expiresAtMillis() <= now) {
                return list.stream().filter(x -> x.expiresAtMillis() > now).toList();
            }
        }
        return list;
    }

    /** Replaces the bindings of {@code aor} with {@code update(current)}. */
    public List<Binding> update(String aor, UnaryOperator<List<Binding>> update) {
        List<Binding> result = byAor.compute(aor, (k, old) -> {
            List<Binding> current = old == null ? List.of() : old;
            List<Binding> next = update.apply(current);
            count.addAndGet(next.size() - current.size());
            track(current, next);
            return next.isEmpty() ? null : List.copyOf(next);
        });
        dirty.set(true);
        return result == null ? List.of() : result;
    }

    public int size() {
        return count.get();
    }

    /**
     * True when some phone registered from {@code host} (an IP address): such a source is a phone of ours
     * (challenged for credentials), not a stranger dialling our DIDs (refused).
     */
    public boolean isPhoneAddress(String host) {
        return bySourceHost.containsKey(host);
    }

    private void track(List<Binding> before, List<Binding> after) {
        for (Binding b : before) {
            bySourceHost.computeIfPresent(sourceHost(b), (k, n) -> n <= 1 ? null : n - 1);
        }
        for (Binding b : after) {
            bySourceHost.merge(sourceHost(b), 1, Integer::sum);
        }
    }

    /** Drops expired bindings; returns how many. */
    public int purgeExpired() {
        long now = clock.millis();
        int[] removed = {0};
        for (String aor : new ArrayList<>(byAor.keySet())) {
            byAor.computeIfPresent(aor, (k, list) -> {
                List<Binding> kept = list.stream().filter(b -> b.expiresAtMillis() > now).toList();
                removed[0] += list.size() - kept.size();
                count.addAndGet(kept.size() - list.size());
                track(list, kept);
                return kept.isEmpty() ? null : kept;
            });
        }
        if (removed[0] > 0) {
            dirty.set(true);
        }
        return removed[0];
    }

    /** The host of a binding's {@code host:port} source (as {@link java.net.InetAddress#getHostAddress()} writes it). */
    private static String sourceHost(Binding b) {
        String s = b.source() == null ? "" : b.source();
        int colon = s.lastIndexOf(':');
        String host = colon > 0 ? s.substring(0, colon) : s;
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    public void load() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            List<Binding> all = JSON.readValue(file.toFile(), new TypeReference<List<Binding>>() { });
            long now = clock.millis();
            int kept = 0;
            for (Binding b : all) {
                if (usable(b) && b.expiresAtMillis() > now) {
                    byAor.compute(b.aor(), (k, old) -> {
                        List<Binding> l = new ArrayList<>(old == null ? List.of() : old);
                        l.add(b);
                        track(List.of(), List.of(b));
                        return List.copyOf(l);
                    });
                    kept++;
                }
            }
            count.set(kept);
            log.info("registrations: restored {} of {} bindings from {}", kept, all.size(), file);
        } catch (IOException e) {
            log.warn("registrations: cannot read {} ({}); starting with none", file, e.getMessage());
        }
    }

    /** A hand-edited or damaged file may hold nulls; such entries are skipped, not allowed to fail start-up. */
    private static boolean usable(Binding b) {
        return b != null && b.aor() != null && b.contact() != null && b.contactParams() != null && b.callId() != null;
    }

    /** Writes the bindings if they changed since the last flush. */
    public void flush() {
        if (!dirty.getAndSet(false)) {
            return;
        }
        List<Binding> all = new ArrayList<>();
        byAor.values().forEach(all::addAll);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), all);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            dirty.set(true);
            log.warn("registrations: cannot write {}: {}", file, e.getMessage());
        }
    }
}
