package io.switchboard.app;

import io.switchboard.customer.AsyncCustomers;
import io.switchboard.customer.directory.ExtensionStore;
import io.switchboard.customer.directory.StoredExtension;
import io.switchboard.sip.directory.Directory;
import io.switchboard.sip.directory.Extension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live directory: the extensions of {@code conf/directory.yaml}, overridden and extended by those
 * managed through the admin API (kept in the database). A change through the API is stored first, then
 * the SIP core's {@link Directory} is swapped as a whole.
 */
final class ExtensionDirectory {
    private static final Logger log = LoggerFactory.getLogger(ExtensionDirectory.class);

    /** An extension as the API shows it (never its password). */
    record Entry(String number, String name, boolean hasPassword, String contact, String source, boolean demo) {
    }

    private final Directory directory;
    private final List<Extension> fromFile;
    private final AsyncCustomers storage;
    private Map<String, StoredExtension> managed = Map.of();

    private ExtensionDirectory(Directory directory, AsyncCustomers storage) {
        this.directory = directory;
        this.fromFile = List.copyOf(directory.all());
        this.storage = storage;
    }

    /** Applies the stored extensions to {@code directory} (blocking: at start-up, before SIP runs). */
    static ExtensionDirectory start(Directory directory, ExtensionStore store, AsyncCustomers async) {
        ExtensionDirectory d = new ExtensionDirectory(directory, async);
        d.apply(store.all());
        if (!d.managed.isEmpty()) {
            log.info("directory: {} extensions from the database override or extend the file: {}", d.managed.size(), d.managed.keySet());
        }
        return d;
    }

    synchronized List<Entry> entries() {
        List<Entry> out = new ArrayList<>();
        for (Extension e : directory.all()) {
            out.add(new Entry(e.number(), e.name(), e.password().isPresent(), e.staticContact().orElse(null),
                    managed.containsKey(e.number()) ? "api" : "file", e.demo()));
        }
        return out;
    }

    CompletableFuture<Entry> put(StoredExtension e) {
        return storage.putExtension(e).thenCompose(stored -> reload()).thenApply(v -> find(e.number()));
    }

    /** Removes an API-managed extension (a file extension it overrode comes back); false when there was none. */
    CompletableFuture<Boolean> remove(String number) {
        return storage.removeExtension(number).thenCompose(removed -> reload().thenApply(v -> removed));
    }

    synchronized boolean definedInFile(String number) {
        return fromFile.stream().anyMatch(e -> e.number().equals(number));
    }

    private synchronized Entry find(String number) {
        return entries().stream().filter(x -> x.number().equals(number)).findFirst().orElseThrow();
    }

    private CompletableFuture<Void> reload() {
        return storage.extensions().thenAccept(this::apply);
    }

    private synchronized void apply(List<StoredExtension> stored) {
        Map<String, StoredExtension> m = new LinkedHashMap<>();
        stored.forEach(s -> m.put(s.number(), s));
        Map<String, Extension> merged = new LinkedHashMap<>();
        fromFile.forEach(e -> merged.put(e.number(), e));
        for (StoredExtension s : stored) {
            merged.put(s.number(), new Extension(s.number(), s.name(), s.password(), s.contact(), false));
        }
        managed = m;
        directory.replaceAll(merged.values());
    }
}
