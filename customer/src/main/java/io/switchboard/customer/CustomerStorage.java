package io.switchboard.customer;

import io.switchboard.core.config.Config;
import io.switchboard.customer.cdr.CdrBuilder;
import io.switchboard.customer.cdr.CdrStore;
import io.switchboard.customer.identity.CustomerRepository;
import io.switchboard.customer.identity.IdentityGraph;
import io.switchboard.customer.identity.IdentityNormalizer;
import io.switchboard.customer.identity.IdentityRepository;
import io.switchboard.customer.interaction.InteractionRepository;
import io.switchboard.customer.merge.AutoLinker;
import io.switchboard.customer.merge.MergeService;
import io.switchboard.customer.merge.SuggestionRepository;
import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.StorageExecutor;
import io.switchboard.customer.token.TokenStore;
import java.nio.file.Path;
import java.time.InstantSource;

/**
 * The customer module's composition root: opens the database (H2 under the data directory unless
 * {@code storage.url} says otherwise), migrates it, and wires the synchronous repositories and the
 * asynchronous facade the rest of the switch uses ({@link #async()}: lanes never run SQL). Close it on
 * shutdown: the executor drains, then the pool closes.
 */
public final class CustomerStorage implements AutoCloseable {
    private final Database db;
    private final StorageExecutor executor;
    private final IdentityNormalizer normalizer;
    private final InstantSource clock;
    private final CustomerRepository customers;
    private final IdentityGraph identities;
    private final MergeService merges;
    private final SuggestionRepository suggestions;
    private final AutoLinker linker;
    private final InteractionRepository interactions;
    private final CdrStore cdrs;
    private final TokenStore tokens;
    private final io.switchboard.customer.directory.ExtensionStore extensions;
    private final AsyncCustomers async;

    private CustomerStorage(CustomerConfig config, Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
        this.executor = new StorageExecutor(config.storage().poolSize(), config.storageQueue());
        this.normalizer = new IdentityNormalizer(config.phoneRegion());
        this.customers = new CustomerRepository(db, clock);
        IdentityRepository ids = new IdentityRepository(db, clock);
        this.identities = new IdentityGraph(db, normalizer, customers, ids);
        this.merges = new MergeService(db, customers, clock);
        this.suggestions = new SuggestionRepository(db, clock);
        this.linker = new AutoLinker(db, normalizer, customers, ids, merges, suggestions);
        this.interactions = new InteractionRepository(db, customers, clock);
        this.cdrs = new CdrStore(db, normalizer, clock);
        this.tokens = new TokenStore(db, clock);
        this.extensions = new io.switchboard.customer.directory.ExtensionStore(db, clock);
        this.async = new AsyncCustomers(this, executor);
    }

    /** Opens storage from the effective configuration ({@link CustomerConfig#keys()} must be declared). */
    public static CustomerStorage open(Config config, Path dataDir, InstantSource clock) {
        return open(CustomerConfig.from(config), dataDir, clock);
    }

    public static CustomerStorage open(CustomerConfig config, Path dataDir, InstantSource clock) {
        return new CustomerStorage(config, Database.open(config.storage(), dataDir), clock);
    }

    /** The non-blocking facade: every call runs on the bounded storage executor and returns a future. */
    public AsyncCustomers async() {
        return async;
    }

    /** A CDR builder for a new call, timed by this storage's clock and normalising numbers like the identity graph. */
    public CdrBuilder newCdr(String callId, String fromRaw, String toRaw, String trunk, String dnis) {
        return new CdrBuilder(callId, fromRaw, toRaw, trunk, dnis, normalizer, clock);
    }

    public Database database() {
        return db;
    }

    public IdentityNormalizer normalizer() {
        return normalizer;
    }

    public CustomerRepository customers() {
        return customers;
    }

    public IdentityGraph identities() {
        return identities;
    }

    public MergeService merges() {
        return merges;
    }

    public SuggestionRepository suggestions() {
        return suggestions;
    }

    public AutoLinker linker() {
        return linker;
    }

    public InteractionRepository interactions() {
        return interactions;
    }

    public CdrStore cdrs() {
        return cdrs;
    }

    /** SIP extensions managed through the admin API (they override conf/directory.yaml). */
    public io.switchboard.customer.directory.ExtensionStore extensions() {
        return extensions;
    }

    public TokenStore tokens() {
        return tokens;
    }

    @Override
    public void close() {
        executor.close();
        db.close();
    }
}
