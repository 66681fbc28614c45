package io.switchboard.app.customer;

import io.switchboard.customer.AsyncCustomers;
import io.switchboard.customer.cdr.Cdr;
import io.switchboard.customer.identity.Identity;
import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.interaction.Direction;
import io.switchboard.customer.interaction.Interaction;
import io.switchboard.customer.interaction.InteractionKind;
import io.switchboard.sip.b2bua.CallRecord;
import io.switchboard.sip.b2bua.CallRecordListener;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores every call the B2BUA reports: at setup the provisional CDR (so a crash leaves an OPEN row that
 * restart recovery finalises) and the caller recognised by number (found or created); at the end the
 * final CDR, tagged with the customer, and a {@code call} interaction on that customer's timeline. Runs on
 * the lanes but only submits work to the storage executor ({@link AsyncCustomers}): nothing here blocks.
 */
public final class CallRecorder implements CallRecordListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallRecorder.class);

    private final AsyncCustomers customers;
    private final PhoneNumbers numbers;
    private final CdrMapping mapping;
    private final Map<String, CompletableFuture<Long>> callers = new ConcurrentHashMap<>();
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final LongAdder written = new LongAdder();
    private final LongAdder failed = new LongAdder();

    public CallRecorder(AsyncCustomers customers, io.switchboard.customer.identity.IdentityNormalizer normalizer) {
        this.customers = customers;
        this.numbers = new PhoneNumbers(normalizer);
        this.mapping = new CdrMapping(numbers);
    }

    @Override
    public void callStarted(CallRecord r) {
        track(customers.openCdr(mapping.provisional(r)), r, "provisional CDR");
        callers.put(r.callId(), recognise(r));
    }

    @Override
    public void callEnded(CallRecord r) {
        CompletableFuture<Long> who = callers.remove(r.callId());
        if (who == null) {
            who = recognise(r);
        }
        CompletableFuture<Void> done = who.exceptionally(e -> 0L).thenCompose(id -> {
            Cdr cdr = mapping.finalRecord(r, id);
            CompletableFuture<Void> f = customers.finishCdr(cdr).thenRun(written::increment);
            return id == 0 ? f : f.thenCompose(x -> customers.append(interaction(r, cdr, id))).thenApply(i -> (Void) null);
        });
        track(done, r, "final CDR");
    }

    /** The customer this call is about (0 when nobody: anonymous, or not a number); found or created by identity. */
    private CompletableFuture<Long> recognise(CallRecord r) {
        Optional<Party> party = party(r);
        if (party.isEmpty()) {
            return CompletableFuture.completedFuture(0L);
        }
        CompletableFuture<Long> id = customers.findOrCreateByIdentity(party.get().identity(), Profile.EMPTY).thenApply(c -> c.id());
        track(id, r, "caller lookup");
        return id;
    }

    /** Who the customer is: a calling number (inbound), the number an extension dialled out (outbound), or the calling extension (internal). */
    private Optional<Party> party(CallRecord r) {
        if (numbers.isPhone(r.from())) {
            return numbers.identity(r.from()).map(i -> new Party(i, Direction.INBOUND));
        }
        if (!r.trunk().isEmpty() && numbers.isPhone(r.to())) {
            return numbers.identity(r.to()).map(i -> new Party(i, Direction.OUTBOUND));
        }
        return numbers.identity(r.from()).map(i -> new Party(i, Direction.INTERNAL));
    }

    private Interaction interaction(CallRecord r, Cdr cdr, long customerId) {
        Direction direction = party(r).map(Party::direction).orElse(Direction.INBOUND);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sip_status", cdr.cause().sipStatus());
        details.put("ended_by", cdr.endedBy().wire());
        details.put("stage", cdr.stage().wire());
        if (cdr.dnis() != null) {
            details.put("dnis", cdr.dnis());
        }
        if (cdr.recordingPath() != null) {
            details.put("recording", cdr.recordingPath());
        }
        String outcome = cdr.answerAt() != null ? "answered, " + cdr.billable().toSeconds() + "s" : cdr.cause().reason();
        return Interaction.builder(customerId, "voice", InteractionKind.CALL, direction, cdr.setupAt())
                .ended(cdr.endAt())
                .summary(direction.wire() + " call " + r.from() + " -> " + r.to() + ": " + outcome)
                .agent(cdr.agentId())
                .queue(cdr.queue())
                .cdr(r.callId())
                .tags(cdr.ivrPath())
                .details(details)
                .build();
    }

    private void track(CompletableFuture<?> f, CallRecord r, String what) {
        pending.add(f);
        f.whenComplete((v, e) -> {
            pending.remove(f);
            if (e != null) {
                failed.increment();
                log.warn("call {}: {} not stored: {}", r.callId(), what, e.getCause() == null ? e.toString() : e.getCause().toString());
            }
        });
    }

    /** Final CDRs stored, and storage operations that failed. */
    public Map<String, Object> stats() {
        return Map.of("cdrsWritten", written.sum(), "storageFailures", failed.sum(), "pending", pending.size());
    }

    /** Waits (at most {@code grace}) for the records of calls that have ended to reach the database. */
    public void flush(Duration grace) {
        CompletableFuture<?>[] all = pending.toArray(new CompletableFuture<?>[0]);
        try {
            CompletableFuture.allOf(all).get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            log.debug("a call record failed while flushing: {}", e.getCause().toString());
        } catch (TimeoutException e) {
            log.warn("{} call records still pending after {}", pending.size(), grace);
        }
    }

    @Override
    public void close() {
        flush(Duration.ofSeconds(10));
    }

    private record Party(Identity identity, Direction direction) {
    }
}
