package io.switchboard.app.channels;

import io.switchboard.app.voice.Queues;
import io.switchboard.channels.bridge.ChannelBridge;
import io.switchboard.channels.bridge.Conversation;
import io.switchboard.channels.bridge.StoredMessage;
import io.switchboard.ivr.port.QueueRequest;
import io.switchboard.ivr.simulate.TextChannel;
import io.switchboard.routing.acd.AcdEvent;
import io.switchboard.routing.acd.MediaType;
import io.switchboard.routing.acd.Outcome;
import io.switchboard.routing.acd.TaskRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chats waiting for and handled by agents: a flow's {@code enqueue} in a text conversation becomes a TEXT task
 * of the same ACD as calls (an agent's text capacity, e.g. three chats beside one call). The offered agent
 * accepts through the agent API; from then on the customer's messages are the agent's, and the agent's
 * replies go out through the channel. Closing completes the task (wrap-up) and the conversation.
 */
public final class TextTasks {
    private static final Logger log = LoggerFactory.getLogger(TextTasks.class);

    /** A chat in the ACD, as the agent API shows it. */
    public record View(String task, String channel, String userId, long customerId, String queue, String state, String agent) {
    }

    private final class Task implements Queues.Waiter {
        final String id;
        final Conversation conversation;
        volatile String queue;
        final TextChannel.Reply reply;
        volatile String offeredTo;
        volatile String agent;
        /** An agent accepted it once: the bot is done, even while a transfer waits for the next agent. */
        volatile boolean handedOver;

        Task(String id, Conversation conversation, String queue, TextChannel.Reply reply) {
            this.id = id;
            this.conversation = conversation;
            this.queue = queue;
            this.reply = reply;
        }

        @Override
        public void on(AcdEvent e) {
            if (e instanceof AcdEvent.TaskOffered o) {
                offeredTo = o.agentId();
                log.info("channels: chat {} offered to agent {}", id, o.agentId());
            } else if (e instanceof AcdEvent.OfferTimedOut || e instanceof AcdEvent.OfferWithdrawn) {
                offeredTo = null;
            } else if (e instanceof AcdEvent.TaskOverflowed o) {
                tasks.remove(id);
                queues.forget(id);
                if (handedOver) {
                    log.info("channels: transferred chat {} overflowed ({}); the conversation ends", id, o.reason());
                    bridge.close(conversation, "transfer overflow " + o.reason());
                } else {
                    bridge.laneOf(conversation.key()).execute(() -> reply.failed("overflow " + o.reason() + " to " + o.target()));
                }
            }
        }

        @Override
        public Map<String, Object> describe() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("media", "text");
            m.put("channel", conversation.channel());
            m.put("user", conversation.userId());
            m.put("customer_id", conversation.customerId());
            m.put("transferred", handedOver);
            return m;
        }

        View view() {
            return new View(id, conversation.channel(), conversation.userId(), conversation.customerId(), queue,
                    agent != null ? "active" : offeredTo != null ? "offered" : "waiting", agent != null ? agent : offeredTo);
        }
    }

    private final Queues queues;
    private final ChannelBridge bridge;
    private final Map<String, Task> tasks = new ConcurrentHashMap<>();
    private final Map<String, String> byConversation = new ConcurrentHashMap<>();

    private final io.switchboard.customer.storage.StorageExecutor storage;
    private final List<java.util.function.BiConsumer<View, StoredMessage>> messageListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public TextTasks(Queues queues, ChannelBridge bridge, io.switchboard.customer.storage.StorageExecutor storage) {
        this.queues = queues;
        this.bridge = bridge;
        this.storage = storage;
    }

    /** The messages of chat {@code task} (customer, bot and agent), oldest first, for the agent handling it. */
    public CompletableFuture<List<Map<String, Object>>> transcript(String task, String agent) {
        Task t = tasks.get(task);
        if (t == null || !agent.equals(t.agent)) {
            return CompletableFuture.failedFuture(new IllegalStateException("chat " + task + " is not agent " + agent + "'s"));
        }
        return storage.submit(() -> bridge.store().transcript(t.conversation.id()));
    }

    /** The flow of conversation {@code c} asks for an agent. */
    void enqueue(Conversation c, QueueRequest request, TextChannel.Reply reply) {
        if (!queues.hasQueue(request.queue())) {
            reply.failed("there is no queue called " + request.queue());
            return;
        }
        String id = "chat-" + c.id();
        Task t = new Task(id, c, request.queue(), reply);
        tasks.put(id, t);
        byConversation.put(c.key(), id);
        TaskRequest tr = TaskRequest.voice(id, request.queue()).withMedia(MediaType.TEXT).withPriority(request.priority());
        queues.enqueue(tr, t).whenComplete((o, e) -> {
            if (e != null || o instanceof Outcome.Refused) {
                tasks.remove(id);
                byConversation.remove(c.key());
                bridge.laneOf(c.key()).execute(() -> reply.failed(e != null ? e.toString() : ((Outcome.Refused) o).message()));
            }
        });
    }

    /** True when conversation {@code key} is with an agent (the customer's messages are not for the bot). */
    boolean withAgent(String conversationKey) {
        String id = byConversation.get(conversationKey);
        Task t = id == null ? null : tasks.get(id);
        return t != null && t.handedOver;
    }

    /** Tells {@code listener} (on the conversation's lane) of each customer message in a chat an agent holds. */
    public void onCustomerMessage(java.util.function.BiConsumer<View, StoredMessage> listener) {
        messageListeners.add(listener);
    }

    /** A customer's message in conversation {@code c}, which is with an agent. */
    void customerMessage(Conversation c, StoredMessage m) {
        String id = byConversation.get(c.key());
        Task t = id == null ? null : tasks.get(id);
        if (t != null && t.agent != null) {
            View v = t.view();
            messageListeners.forEach(l -> {
                try {
                    l.accept(v, m);
                } catch (RuntimeException e) {
                    log.warn("channels: a message listener failed for chat {}: {}", id, e.toString());
                }
            });
        }
    }

    /** The conversation ended (idle, closed): a waiting task is abandoned, an active one completed. */
    void ended(String conversationKey) {
        String id = byConversation.remove(conversationKey);
        Task t = id == null ? null : tasks.remove(id);
        if (t != null) {
            queues.forget(id);
            String a = t.agent;
            queues.call(e -> a != null ? e.complete(id, a) : e.cancel(id));
        }
    }

    /** The chats offered to or handled by {@code agent}. */
    public List<View> of(String agent) {
        List<View> out = new ArrayList<>();
        tasks.values().forEach(t -> {
            if (agent.equals(t.agent) || agent.equals(t.offeredTo)) {
                out.add(t.view());
            }
        });
        return out;
    }

    public Optional<View> find(String task) {
        return Optional.ofNullable(tasks.get(task)).map(Task::view);
    }

    /** {@code agent} takes chat {@code task}; fails with the ACD's reason when it was not offered to them. */
    public CompletableFuture<View> accept(String task, String agent) {
        Task t = tasks.get(task);
        if (t == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no chat " + task));
        }
        return queues.call(e -> e.accept(task, agent)).toCompletableFuture().thenApply(o -> {
            if (o instanceof Outcome.Refused r) {
                throw new IllegalStateException(r.message());
            }
            t.agent = agent;
            bridge.assignAgent(t.conversation, agent);
            if (!t.handedOver) {
                t.handedOver = true;
                bridge.laneOf(t.conversation.key()).execute(() -> t.reply.connected(agent));
            }
            return t.view();
        });
    }

    /** {@code agent}'s reply in chat {@code task}, sent through its channel. */
    public CompletableFuture<Void> reply(String task, String agent, String text) {
        Task t = tasks.get(task);
        if (t == null || !agent.equals(t.agent)) {
            return CompletableFuture.failedFuture(new IllegalStateException("chat " + task + " is not agent " + agent + "'s"));
        }
        return bridge.send(t.conversation, text, agent);
    }

    /**
     * {@code agent} hands chat {@code task} on: to queue {@code toQueue} (null: the chat's queue), offered first to
     * agent {@code toAgent} when given (for the queue's sticky head start; then any agent of the queue). The ACD
     * task is completed for {@code agent} without wrap-up and the same task id enters the target queue; the
     * conversation, its history and its customer stay as they are, and the bot is not woken.
     */
    public CompletableFuture<View> transfer(String task, String agent, String toQueue, String toAgent) {
        Task t = tasks.get(task);
        if (t == null || !agent.equals(t.agent)) {
            return CompletableFuture.failedFuture(new IllegalStateException("chat " + task + " is not agent " + agent + "'s"));
        }
        String queue = toQueue == null ? t.queue : toQueue;
        if (!queues.hasQueue(queue)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("there is no queue called " + queue));
        }
        if (agent.equals(toAgent)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("the chat is already agent " + agent + "'s"));
        }
        TaskRequest tr = TaskRequest.voice(task, queue).withMedia(MediaType.TEXT).withPreferredAgent(toAgent);
        return queues.call(e -> {
            if (toAgent != null && e.agent(toAgent).isEmpty()) {
                return Outcome.refused(Outcome.Refusal.UNKNOWN_AGENT, "no agent '" + toAgent + "'");
            }
            if (toAgent != null && e.agent(toAgent).get().state().equals("offline")) {
                return Outcome.refused(Outcome.Refusal.UNKNOWN_AGENT, "agent " + toAgent + " is not logged in");
            }
            Outcome done = e.complete(task, agent, java.time.Duration.ZERO);
            if (done instanceof Outcome.Refused) {
                return done;
            }
            t.agent = null;
            t.offeredTo = null;
            t.queue = queue;
            return e.enqueue(tr);
        }).toCompletableFuture().thenApply(o -> {
            if (o instanceof Outcome.Refused r) {
                if (t.agent == null) {
                    ended(t.conversation.key());
                    bridge.close(t.conversation, "transfer refused: " + r.message());
                }
                throw new IllegalStateException(r.message());
            }
            log.info("channels: agent {} transferred chat {} to {}{}", agent, task, queue, toAgent == null ? "" : " (agent " + toAgent + ")");
            return t.view();
        });
    }

    /** {@code agent} closes chat {@code task}: the task is complete, the conversation closed. */
    public CompletableFuture<Void> close(String task, String agent) {
        Task t = tasks.get(task);
        if (t == null || !agent.equals(t.agent)) {
            return CompletableFuture.failedFuture(new IllegalStateException("chat " + task + " is not agent " + agent + "'s"));
        }
        return bridge.close(t.conversation, "closed by agent " + agent);
    }

    /** Every chat in the ACD (for supervisors). */
    public Map<String, View> all() {
        Map<String, View> m = new LinkedHashMap<>();
        tasks.forEach((k, t) -> m.put(k, t.view()));
        return m;
    }
}
