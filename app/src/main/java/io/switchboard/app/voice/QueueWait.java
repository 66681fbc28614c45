package io.switchboard.app.voice;

import io.switchboard.ivr.port.CustomerLookup;
import io.switchboard.ivr.port.QueueRequest;
import io.switchboard.ivr.port.SessionEvent;
import io.switchboard.ivr.port.SessionEvents;
import io.switchboard.routing.acd.AcdEvent;
import io.switchboard.routing.acd.Outcome;
import io.switchboard.routing.acd.TaskRequest;
import io.switchboard.sip.b2bua.AnsweredCall;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A caller waiting in an ACD queue ({@code enqueue}): the task is the call (its id is the Call-ID); an
 * offer rings the agent's extension through the B2BUA, the agent answering bridges the caller and accepts
 * the task, a failed ring rejects it (the engine offers the next agent), an offer that times out or is
 * withdrawn stops the ringing, an overflow ends the wait for the flow. When the bridged call ends the task
 * is completed (the agent goes to wrap-up). Lane-confined to the call, except {@link #on}.
 */
final class QueueWait implements Queues.Waiter {
    private static final Logger log = LoggerFactory.getLogger(QueueWait.class);
    static final long STICKY_LOOKUP_MS = 500;

    private final AnsweredCall call;
    private final Queues queues;
    private final long op;
    private final QueueRequest request;
    private final SessionEvents events;
    private final String task;
    private final Runnable onConnected;
    private final CustomerLookup customers;
    private AnsweredCall.Dialing ringing;
    private String offeredTo;
    private String agent;
    private boolean over;
    private final String caller;
    /** The caller's customer as the sticky-agent lookup found it (read by agents' desks from other threads). */
    private volatile Map<String, Object> customer;

    QueueWait(AnsweredCall call, Queues queues, long op, QueueRequest request, SessionEvents events, Runnable onConnected,
            CustomerLookup customers) {
        this.onConnected = onConnected;
        this.customers = customers;
        this.call = call;
        this.queues = queues;
        this.op = op;
        this.request = request;
        this.events = events;
        this.task = call.callId();
        this.caller = call.caller();
    }

    /**
     * Looks up the caller's last agent (sticky agent: a head start for the agent who served them last, on any
     * channel), then enqueues. The lookup may take at most {@value #STICKY_LOOKUP_MS} ms.
     */
    void start() {
        call.tag("queue", request.queue());
        customers.find("voice", call.caller())
                .completeOnTimeout(java.util.Optional.empty(), STICKY_LOOKUP_MS, java.util.concurrent.TimeUnit.MILLISECONDS)
                .exceptionally(e -> java.util.Optional.empty())
                .thenAccept(found -> call.lane().execute(() -> {
                    customer = found.orElse(null);
                    Object last = found.map(m -> m.get("last_agent")).orElse(null);
                    enqueue(last == null || last.toString().isBlank() ? null : last.toString());
                }));
    }

    private void enqueue(String preferred) {
        if (over) {
            return;
        }
        TaskRequest t = TaskRequest.voice(task, request.queue()).withPriority(request.priority()).withSkills(skills());
        if (preferred != null) {
            t = t.withPreferredAgent(preferred);
            call.tag("sticky_agent", preferred);
        }
        queues.enqueue(t, this).whenComplete((outcome, error) -> call.lane().execute(() -> {
            if (error != null || outcome instanceof Outcome.Refused) {
                String why = error != null ? error.toString() : ((Outcome.Refused) outcome).message();
                log.info("call {}: queue {} refused the call: {}", task, request.queue(), why);
                finish();
                events.post(new SessionEvent.Failed(op, "queue " + request.queue() + ": " + why));
            } else {
                log.info("call {}: waiting in queue {} (priority {}{})", task, request.queue(), request.priority(),
                        preferred == null ? "" : ", last agent " + preferred + " first");
            }
        }));
    }

    /** Skills as the flow names them: {@code billing} (any level) or {@code billing:3} (at least 3). */
    private Map<String, Integer> skills() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (String s : request.skills()) {
            int colon = s.indexOf(':');
            if (colon < 0) {
                m.put(s.trim(), 1);
            } else {
                try {
                    m.put(s.substring(0, colon).trim(), Integer.parseInt(s.substring(colon + 1).trim()));
                } catch (NumberFormatException e) {
                    m.put(s.substring(0, colon).trim(), 1);
                }
            }
        }
        return m;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("media", "voice");
        m.put("caller", caller);
        Map<String, Object> c = customer;
        if (c != null) {
            m.put("customer_id", c.get("id"));
            m.put("customer", c);
        }
        return m;
    }

    @Override
    public void on(AcdEvent event) {
        call.lane().execute(() -> handle(event));
    }

    private void handle(AcdEvent event) {
        if (over) {
            return;
        }
        if (event instanceof AcdEvent.TaskOffered o) {
            offer(o.agentId(), o.extensions());
        } else if (event instanceof AcdEvent.OfferTimedOut || event instanceof AcdEvent.OfferWithdrawn) {
            stopRinging();
        } else if (event instanceof AcdEvent.TaskAccepted a) {
            call.tag("queue_wait_ms", Long.toString(a.waitMillis()));
        } else if (event instanceof AcdEvent.TaskOverflowed o) {
            log.info("call {}: queue {} overflowed ({}) to {}", task, o.queue(), o.reason(), o.target());
            finish();
            events.post(new SessionEvent.Failed(op, "overflow " + o.reason() + " to " + o.target()));
        }
    }

    private void offer(String agentId, java.util.List<String> extensions) {
        stopRinging();
        if (extensions.isEmpty()) {
            queues.call(e -> e.reject(task, agentId));
            return;
        }
        offeredTo = agentId;
        log.info("call {}: queue {} offers the call to agent {} at {}", task, request.queue(), agentId, extensions.get(0));
        ringing = call.dial(extensions.get(0), new AnsweredCall.DialListener() {
            @Override
            public void connected(String party) {
                ringing = null;
                agent = agentId;
                onConnected.run();
                if (queues.records(request.queue())) {
                    call.record();
                }
                call.tag("agent", agentId);
                queues.call(e -> e.accept(task, agentId));
                events.post(new SessionEvent.Connected(op, agentId));
            }

            @Override
            public void failed(String reason) {
                ringing = null;
                log.info("call {}: agent {} did not take the call: {}", task, agentId, reason);
                queues.call(e -> e.reject(task, agentId));
            }
        });
    }

    private void stopRinging() {
        if (ringing != null) {
            ringing.cancel();
            ringing = null;
        }
    }

    /** The flow gave up waiting (max wait) or the caller hung up before an agent answered. */
    void cancel() {
        if (agent != null || over) {
            return;
        }
        stopRinging();
        finish();
        queues.call(e -> e.cancel(task));
    }

    /** The call ended: an answered task is complete (the agent goes to wrap-up), a waiting one abandoned. */
    void callEnded() {
        if (agent != null) {
            String a = agent;
            queues.call(e -> e.complete(task, a));
            finish();
        } else {
            cancel();
        }
    }

    private void finish() {
        over = true;
        queues.forget(task);
    }
}
