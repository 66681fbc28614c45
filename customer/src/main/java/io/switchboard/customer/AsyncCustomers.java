package io.switchboard.customer;

import io.switchboard.customer.cdr.Cdr;
import io.switchboard.customer.cdr.CdrQuery;
import io.switchboard.customer.identity.Customer;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.LinkedIdentity;
import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.TimelineCursor;
import io.switchboard.customer.interaction.TimelinePage;
import io.switchboard.customer.merge.LinkOutcome;
import io.switchboard.customer.merge.MergeRecord;
import io.switchboard.customer.merge.Suggestion;
import io.switchboard.customer.storage.StorageExecutor;
import io.switchboard.customer.token.ApiToken;
import io.switchboard.customer.token.IssuedToken;
import io.switchboard.customer.token.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What lanes, the IVR, the ACD and the HTTP API call: the same operations as the repositories, each run on
 * the bounded storage executor and returned as a {@link CompletableFuture} (RxJava callers wrap it with
 * {@code Single.fromCompletionStage} and {@code observeOn(lane)}). Futures complete on a storage thread.
 * Domain errors (merge conflicts, unknown ids, invalid identities) fail the future with their typed exception.
 */
public final class AsyncCustomers {
    private final CustomerStorage s;
    private final StorageExecutor executor;

    AsyncCustomers(CustomerStorage storage, StorageExecutor executor) {
        this.s = storage;
        this.executor = executor;
    }

    public CompletableFuture<Optional<Customer>> findByIdentity(Identity identity) {
        return executor.submit(() -> s.identities().findByIdentity(identity));
    }

    public CompletableFuture<Customer> findOrCreateByIdentity(Identity identity, Profile profileIfNew) {
        return executor.submit(() -> s.identities().findOrCreateByIdentity(identity, profileIfNew));
    }

    public CompletableFuture<LinkOutcome> observe(List<Identity> seenTogether, Profile profileIfNew) {
        return executor.submit(() -> s.linker().observe(seenTogether, profileIfNew));
    }

    public CompletableFuture<Customer> customer(long id) {
        return executor.submit(() -> s.identities().customer(id));
    }

    public CompletableFuture<Customer> updateProfile(long id, Profile profile) {
        return executor.submit(() -> s.identities().updateProfile(id, profile));
    }

    public CompletableFuture<List<LinkedIdentity>> identitiesOf(long customerId) {
        return executor.submit(() -> s.identities().identitiesOf(customerId));
    }

    public CompletableFuture<LinkedIdentity> link(long customerId, Identity identity) {
        return executor.submit(() -> s.identities().link(customerId, identity));
    }

    public CompletableFuture<Boolean> unlink(long customerId, Identity identity) {
        return executor.submit(() -> s.identities().unlink(customerId, identity));
    }

    public CompletableFuture<MergeRecord> merge(long sourceId, long targetId, String actor, String reason) {
        return executor.submit(() -> s.merges().merge(sourceId, targetId, actor, reason));
    }

    public CompletableFuture<MergeRecord> unmerge(long mergeId, String actor, String reason) {
        return executor.submit(() -> s.merges().unmerge(mergeId, actor, reason));
    }

    public CompletableFuture<List<MergeRecord>> mergeHistory(long customerId) {
        return executor.submit(() -> s.merges().history(customerId));
    }

    public CompletableFuture<List<Suggestion>> suggestions(long customerId) {
        return executor.submit(() -> s.suggestions().forCustomer(customerId));
    }

    public CompletableFuture<Interaction> append(Interaction interaction) {
        return executor.submit(() -> s.interactions().append(interaction));
    }

    public CompletableFuture<Boolean> closeInteraction(long interactionId, Instant endedAt) {
        return executor.submit(() -> s.interactions().close(interactionId, endedAt));
    }

    /** The timeline of the live customer {@code customerId} resolves to (a merged id shows the survivor's). */
    public CompletableFuture<TimelinePage> timeline(long customerId, TimelineCursor after, int limit) {
        return executor.submit(() -> s.interactions().timeline(s.customers().resolve(customerId).id(), after, limit));
    }

    public CompletableFuture<Optional<Interaction>> lastInteraction(long customerId) {
        return executor.submit(() -> s.interactions().lastInteraction(s.customers().resolve(customerId).id()));
    }

    /** Sticky agent: the last agent on {@code channel} (null = any) within {@code within}. */
    public CompletableFuture<Optional<String>> lastAgent(long customerId, String channel, Duration within) {
        return executor.submit(() -> s.interactions().lastAgent(s.customers().resolve(customerId).id(), channel, within));
    }

    public CompletableFuture<Set<String>> openTopics(long customerId) {
        return executor.submit(() -> s.interactions().openTopics(s.customers().resolve(customerId).id()));
    }

    public CompletableFuture<Boolean> openCdr(Cdr provisional) {
        return executor.submit(() -> s.cdrs().open(provisional));
    }

    public CompletableFuture<Boolean> finishCdr(Cdr finalRecord) {
        return executor.submit(() -> s.cdrs().finish(finalRecord));
    }

    public CompletableFuture<List<Cdr>> queryCdrs(CdrQuery query) {
        return executor.submit(() -> s.cdrs().query(query));
    }

    public CompletableFuture<Optional<ApiToken>> verifyToken(String secret) {
        return executor.submit(() -> s.tokens().verify(secret));
    }

    public CompletableFuture<IssuedToken> createToken(Role role, String label) {
        return createToken(role, label, null);
    }

    /** A new token, bound to {@code agent} when that is not null (agent tokens only). */
    public CompletableFuture<IssuedToken> createToken(Role role, String label, String agent) {
        return executor.submit(() -> s.tokens().create(role, label, agent));
    }

    /** Every token (never a secret), oldest first, revoked ones included. */
    public CompletableFuture<List<ApiToken>> tokens() {
        return executor.submit(() -> s.tokens().list());
    }

    public CompletableFuture<Boolean> revokeToken(long id) {
        return executor.submit(() -> s.tokens().revoke(id));
    }

    // ---- SIP extensions managed through the API ----

    public CompletableFuture<java.util.List<io.switchboard.customer.directory.StoredExtension>> extensions() {
        return executor.submit(() -> s.extensions().all());
    }

    public CompletableFuture<io.switchboard.customer.directory.StoredExtension> putExtension(io.switchboard.customer.directory.StoredExtension e) {
        return executor.submit(() -> s.extensions().put(e));
    }

    public CompletableFuture<Boolean> removeExtension(String number) {
        return executor.submit(() -> s.extensions().remove(number));
    }

}
