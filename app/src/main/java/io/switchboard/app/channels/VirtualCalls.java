package io.switchboard.app.channels;

import io.switchboard.channels.bridge.ChannelBridge;
import io.switchboard.channels.bridge.Conversation;
import io.switchboard.channels.bridge.ConversationHandler;
import io.switchboard.channels.bridge.StoredMessage;
import io.switchboard.ivr.exec.FlowEngine;
import io.switchboard.ivr.port.DialRequest;
import io.switchboard.ivr.port.QueueRequest;
import io.switchboard.ivr.port.SessionInfo;
import io.switchboard.ivr.script.FlowSet;
import io.switchboard.ivr.simulate.TextChannel;
import io.switchboard.ivr.simulate.TextSession;
import io.switchboard.ivr.store.FlowStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A conversation with no agent becomes a virtual call: the IVR flow configured for its channel runs in text
 * mode (a {@link TextSession}: what the flow says is sent as a message, the customer's next message is the
 * answer, "1"/"2" work as keys), the very flow a phone call to the same hotline runs. The customer's first
 * message wakes the bot; later ones answer it. Everything for one conversation runs on its lane.
 */
public final class VirtualCalls implements ConversationHandler {
    private static final Logger log = LoggerFactory.getLogger(VirtualCalls.class);

    private final ChannelBridge bridge;
    private final FlowStore flows;
    private final FlowEngine engine;
    private final ChannelsConfig config;
    private final Map<String, TextSession> sessions = new ConcurrentHashMap<>();
    private final TextTasks agents;

    public VirtualCalls(ChannelBridge bridge, FlowStore flows, FlowEngine engine, ChannelsConfig config, TextTasks agents) {
        this.agents = agents;
        this.bridge = bridge;
        this.flows = flows;
        this.engine = engine;
        this.config = config;
    }

    @Override
    public void message(Conversation c, StoredMessage m, boolean opened) {
        if (agents.withAgent(c.key())) {
            agents.customerMessage(c, m); // the agent's desk gets it; the bot is done
            return;
        }
        TextSession session = sessions.get(c.key());
        if (session == null) {
            start(c);
            return;
        }
        String text = m.message().text();
        session.receive(new TextSession.Input.Typed(text == null ? "" : text.strip()));
    }

    @Override
    public void closed(Conversation c, String reason) {
        agents.ended(c.key());
        TextSession session = sessions.remove(c.key());
        if (session != null) {
            session.receive(new TextSession.Input.Gone());
        }
    }

    private void start(Conversation c) {
        FlowSet published = flows.snapshot();
        String flow = config.flowFor(c.channel(), c.account(), "hotline");
        if (published.get(flow).isEmpty()) {
            log.warn("channels: no published flow '{}' for {} conversation {}; it gets the safe default", flow, c.channel(), c.key());
        }
        TextSession session = new TextSession(new SessionInfo("chat-" + c.id(), c.userId(), c.account(), c.channel(),
                SessionInfo.Media.TEXT), new Channel(c));
        sessions.put(c.key(), session);
        log.info("channels: {} conversation {} (customer {}) starts flow {}", c.channel(), c.key(), c.customerId(), flow);
        engine.start(published, flow, session, bridge.laneOf(c.key()));
    }

    /** What the flow does in one conversation. */
    private final class Channel implements TextChannel {
        private final Conversation c;

        Channel(Conversation c) {
            this.c = c;
        }

        @Override
        public void send(String text) {
            bridge.send(c, text, "bot").exceptionally(e -> {
                log.warn("channels: the bot's message in {} was not sent: {}", c.key(), e.getMessage());
                return null;
            });
        }

        @Override
        public void sendFile(String file) {
            send("[audio] " + file);
        }

        @Override
        public void enqueue(QueueRequest request, Reply reply) {
            agents.enqueue(c, request, reply);
        }

        @Override
        public void dial(DialRequest request, Reply reply) {
            reply.failed("a chat cannot be connected to a phone");
        }

        @Override
        public void tag(String key, String value) {
            log.debug("channels: conversation {} tag {}={}", c.key(), key, value);
        }

        @Override
        public void close(String reason) {
            sessions.remove(c.key());
            bridge.close(c, reason);
        }
    }
}
