package io.switchboard.sip.transaction;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.core.lane.Lane;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transactions of one lane (RFC 3261 §17): matching of requests and responses to
 * transactions (§17.1.3, §17.2.3, with the RFC 2543 fallback for branches without the magic
 * cookie), merged-request detection (§8.2.2.2) and the global cap on open transactions.
 * Touched only from its lane, so it holds plain maps.
 */
public final class TransactionLayer {
    private static final Logger log = LoggerFactory.getLogger(TransactionLayer.class);
    private static final String MAGIC = "z9hG4bK";

    /** What became of an inbound request. */
    public enum Disposition { NEW, ABSORBED, ACK_FOR_2XX, MERGED, OVERLOADED }

    /** The disposition and, for {@code NEW}, the transaction the TU must answer. */
    public record Inbound(Disposition disposition, ServerTransaction transaction) { }

    private final Lane lane;
    private final Wire wire;
    private final TimerConfig timers;
    private final TransactionCounters counters;
    private final int maxTransactions;
    private final Map<String, ServerTransaction> servers = new HashMap<>();
    private final Map<String, ClientTransaction> clients = new HashMap<>();
    private final Map<String, String> mergeKeys = new HashMap<>();

    public TransactionLayer(Lane lane, Wire wire, TimerConfig timers, TransactionCounters counters, int maxTransactions) {
        this.lane = lane;
        this.wire = wire;
        this.timers = timers;
        this.counters = counters;
        this.maxTransactions = maxTransactions;
    }

    Lane lane() {
        return lane;
    }

    Wire wire() {
        return wire;
    }

    TimerConfig timers() {
        return timers;
    }

    TransactionCounters counters() {
        return counters;
    }

    /** Matches a request to a server transaction or creates one (ACK never creates one). */
    public Inbound onRequest(SIPRequest request, Destination replyTo) {
        String method = request.getMethod();
        String key = serverKey(request);
        ServerTransaction existing = servers.get(key);
        if ("ACK".equals(method)) {
            if (existing != null && existing.state() != ServerTransaction.State.ACCEPTED) {
                existing.onAck();
                return new Inbound(Disposition.ABSORBED, existing);
            }
            return new Inbound(Disposition.ACK_FOR_2XX, existing);
        }
        if (existing != null) {
            existing.onRetransmission();
            return new Inbound(Disposition.ABSORBED, existing);
        }
        String mergeKey = null;
        if (request.getToTag() == null && request.getFromTag() != null) {
            mergeKey = request.getFromTag() + "|" + request.getCallId().getCallId() + "|" + request.getCSeq().getSeqNumber()
                    + "|" + method;
            String other = mergeKeys.get(mergeKey);
            if (other != null && servers.containsKey(other)) {
                counters.merged.increment();
                return new Inbound(Disposition.MERGED, null);
            }
        }
        if (counters.open.get() >= maxTransactions) {
            counters.overloaded.increment();
            return new Inbound(Disposition.OVERLOADED, null);
        }
        ServerTransaction tx = new ServerTransaction(this, key, request, replyTo);
        servers.put(key, tx);
        if (mergeKey != null) {
            mergeKeys.put(mergeKey, key);
            tx.mergeKey = mergeKey;
        }
        counters.open.incrementAndGet();
        return new Inbound(Disposition.NEW, tx);
    }

    /** The INVITE server transaction a CANCEL refers to (§9.2), or null. */
    public ServerTransaction inviteFor(SIPRequest cancel) {
        String key = serverKey(cancel);
        int bar = key.lastIndexOf('|');
        return servers.get(key.substring(0, bar + 1) + "INVITE");
    }

    /** Dispatches a response to its client transaction; false when none matches (a stray). */
    public boolean onResponse(SIPResponse response) {
        Via via = response.getTopmostVia();
        String branch = via == null ? null : via.getBranch();
        if (branch == null || response.getCSeq() == null) {
            counters.strayResponses.increment();
            return false;
        }
        ClientTransaction tx = clients.get(branch + "|" + response.getCSeq().getMethod());
        if (tx == null) {
            counters.strayResponses.increment();
            return false;
        }
        tx.onResponse(response);
        return true;
    }

    /** Creates a client transaction for {@code request} (its top Via branch must be unique) and sends it. */
    public ClientTransaction send(SIPRequest request, Destination destination, ClientTransaction.Listener listener) {
        String key = request.getTopmostVia().getBranch() + "|" + request.getMethod();
        ClientTransaction tx = new ClientTransaction(this, key, request, destination, listener);
        clients.put(key, tx);
        counters.open.incrementAndGet();
        tx.start();
        return tx;
    }

    /** Sends a request outside any transaction (ACK for a 2xx, §13.2.2.4). */
    public void sendStateless(byte[] bytes, Destination destination) {
        wire.send(bytes, destination);
    }

    void remove(ServerTransaction tx) {
        if (servers.remove(tx.key(), tx)) {
            counters.open.decrementAndGet();
            if (tx.mergeKey != null) {
                mergeKeys.remove(tx.mergeKey, tx.key());
            }
        }
    }

    void remove(ClientTransaction tx) {
        if (clients.remove(tx.key(), tx)) {
            counters.open.decrementAndGet();
        }
    }

    void unhandled(String machine, Enum<?> state, Enum<?> event) {
        counters.unhandledEvents.increment();
        log.debug("{} transaction: event {} ignored in state {}", machine, event, state);
    }

    /** Ends every transaction (node shutdown). */
    public void terminateAll() {
        servers.values().forEach(ServerTransaction::terminate);
        clients.values().forEach(ClientTransaction::terminate);
        counters.open.addAndGet(-(servers.size() + clients.size()));
        servers.clear();
        clients.clear();
        mergeKeys.clear();
    }

    public int size() {
        return servers.size() + clients.size();
    }

    static String serverKey(SIPRequest request) {
        Via via = request.getTopmostVia();
        String method = request.getMethod();
        String m = "ACK".equals(method) ? "INVITE" : method;
        String sentBy = via.getHost() + ":" + via.getPort();
        String branch = via.getBranch();
        if (branch != null && branch.length() > MAGIC.length() && branch.regionMatches(true, 0, MAGIC, 0, MAGIC.length())) {
            return branch + "|" + sentBy.toLowerCase(Locale.ROOT) + "|" + m;
        }
        return "2543|" + request.getCallId().getCallId() + "|" + request.getCSeq().getSeqNumber() + "|" + request.getFromTag()
                + "|" + sentBy.toLowerCase(Locale.ROOT) + "|" + m;
    }
}
