package io.switchboard.channels.bridge;

import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.MessageType;
import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.Json;
import io.switchboard.customer.storage.Sql;
import io.switchboard.customer.storage.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable side of the bridge (tables of V5): inbound messages are inserted before the platform is
 * acknowledged, a retry of the same platform message id is a unique violation (a duplicate, not an error),
 * and a message stays pending until it reached its conversation. Blocking JDBC: storage executor only.
 */
public final class MessageStore {
    private static final String COLS = "id, channel, account, external_user, customer_id, interaction_id, agent_id, opened_at";

    /**
     * An inbound message moves its conversation's last activity only when the recorded one is older than this: the
     * idle close counts in minutes, and a write per message per conversation is the costliest statement otherwise.
     */
    static final Duration TOUCH_GRANULARITY = Duration.ofSeconds(1);

    private final Database db;

    public MessageStore(Database db) {
        this.db = db;
    }

    /**
     * A stored inbound message and, when the user had an open conversation or it opened one, the conversation it was
     * added to ({@code opened}: this message opened it).
     */
    public record Stored(StoredMessage message, Optional<Conversation> conversation, boolean opened) {
    }

    /** Opens a conversation for a stored message inside the caller's transaction, and marks the message in it. */
    @FunctionalInterface
    public interface Opener {
        Conversation open(StoredMessage sm, Instant now);
    }

    /**
     * Stores {@code m} and, when its user has an open conversation (the common case), adds it to that conversation in
     * the same transaction: one commit per message instead of two. Otherwise the message stays pending for the
     * resolver. Empty when it was stored before (a platform retry); then nothing is changed.
     */
    public Optional<Stored> insertAndAttach(InboundMessage m, Instant receivedAt) {
        try {
            return Optional.of(db.inTransaction(c -> attach(c, m, receivedAt, null)));
        } catch (StorageException e) {
            if (e.isUniqueViolation()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Stores {@code ms} as {@link #insertAndAttach} would, all in one transaction (one commit for the batch); element i
     * of the result belongs to {@code ms[i]}. A message whose user has no open conversation opens one through
     * {@code opener}, in the same transaction. Throws, with nothing stored, when any of them fails, a retry included:
     * the caller then redoes them one by one, which tells a retry (empty) from a failure. The messages must belong to
     * different conversations.
     */
    public List<Optional<Stored>> insertAndAttachAll(List<InboundMessage> ms, List<Instant> receivedAt, Opener opener) {
        return db.inTransaction(c -> {
            List<Optional<Stored>> out = new ArrayList<>(ms.size());
            for (int i = 0; i < ms.size(); i++) {
                out.add(Optional.of(attach(c, ms.get(i), receivedAt.get(i), opener)));
            }
            return out;
        });
    }

    private static Stored attach(Connection c, InboundMessage m, Instant receivedAt, Opener opener) throws SQLException {
        Optional<Conversation> conv = Optional.empty();
        Instant lastActivity = null;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + ", last_activity_at FROM conversations "
                + "WHERE channel = ? AND account = ? AND external_user = ? AND is_open = TRUE ORDER BY id DESC")) {
            ps.setString(1, m.channel());
            ps.setString(2, m.account());
            ps.setString(3, m.userId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    conv = Optional.of(row(rs));
                    lastActivity = Sql.getInstant(rs, "last_activity_at");
                }
            }
        }
        Long convId = conv.map(Conversation::id).orElse(null);
        long id = insert(c, m.channel(), m.account(), m.userId(), m.platformId(), "inbound", m.type().wire(), m.text(),
                Json.write(m.media()), m.identity(), null, m.sentAt(), receivedAt, convId);
        if (convId != null && lastActivity.plus(TOUCH_GRANULARITY).isBefore(receivedAt)) {
            touch(c, convId, receivedAt);
        }
        StoredMessage sm = new StoredMessage(id, m);
        if (conv.isEmpty() && opener != null) {
            return new Stored(sm, Optional.of(opener.open(sm, receivedAt)), true);
        }
        return new Stored(sm, conv, false);
    }

    /** Stores {@code m} pending (not yet in a conversation); empty when it was stored before (a platform retry). */
    public Optional<StoredMessage> insertInbound(InboundMessage m, Instant receivedAt) {
        try {
            long id = db.inTransaction(c -> insert(c, m.channel(), m.account(), m.userId(), m.platformId(), "inbound",
                    m.type().wire(), m.text(), Json.write(m.media()), m.identity(), null, m.sentAt(), receivedAt, null));
            return Optional.of(new StoredMessage(id, m));
        } catch (StorageException e) {
            if (e.isUniqueViolation()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Records a message we sent in {@code conv} (already processed). */
    public long insertOutbound(Conversation conv, String platformId, String text, String sender, Instant at) {
        return db.inTransaction(c -> {
            long id = insert(c, conv.channel(), conv.account(), conv.userId(), platformId, "outbound", "text", text, "{}", "",
                    sender, at, at, conv.id());
            touch(c, conv.id(), at);
            return id;
        });
    }

    private static long insert(Connection c, String channel, String account, String user, String platformId, String dir,
                               String type, String body, String media, String verified, String sender, Instant sent,
                               Instant received, Long conversation) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO channel_messages (channel, account, external_user, "
                + "platform_msg_id, direction, msg_type, body, media, verified_id, sender, sent_at, received_at, conversation_id, "
                + "processed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, channel);
            ps.setString(2, account);
            ps.setString(3, user);
            ps.setString(4, platformId);
            ps.setString(5, dir);
            ps.setString(6, type);
            ps.setString(7, body);
            ps.setString(8, media);
            ps.setString(9, verified);
            Sql.setString(ps, 10, sender);
            Sql.setInstant(ps, 11, sent);
            Sql.setInstant(ps, 12, received);
            Sql.setLong(ps, 13, conversation);
            Sql.setInstant(ps, 14, conversation == null ? null : received);
            return Sql.insertReturningId(ps);
        }
    }

    /** Inbound messages stored but not yet processed, oldest first (what a restart must finish). */
    public List<StoredMessage> pending() {
        return db.inTransaction(c -> {
            List<StoredMessage> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM channel_messages WHERE processed_at IS NULL "
                    + "AND direction = 'inbound' ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredMessage(rs.getLong("id"), new InboundMessage(rs.getString("channel"),
                            rs.getString("account"), rs.getString("external_user"), rs.getString("platform_msg_id"),
                            MessageType.parse(rs.getString("msg_type")), rs.getString("body"),
                            Json.stringMap(rs.getString("media")), Sql.getInstant(rs, "sent_at"), rs.getString("verified_id"))));
                }
            }
            return out;
        });
    }

    /** The open conversation of (channel, account, user). */
    public Optional<Conversation> openConversation(String channel, String account, String user) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM conversations WHERE channel = ? "
                    + "AND account = ? AND external_user = ? AND is_open = TRUE ORDER BY id DESC")) {
                ps.setString(1, channel);
                ps.setString(2, account);
                ps.setString(3, user);
                return one(ps);
            }
        });
    }

    public Optional<Conversation> conversation(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM conversations WHERE id = ?")) {
                ps.setLong(1, id);
                return one(ps);
            }
        });
    }

    /** Opens a conversation for a resolved customer; the caller stored its timeline interaction. */
    public Conversation open(InboundMessage m, long customerId, long interactionId, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO conversations (channel, account, external_user, "
                    + "customer_id, interaction_id, is_open, opened_at, last_activity_at) VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, m.channel());
                ps.setString(2, m.account());
                ps.setString(3, m.userId());
                ps.setLong(4, customerId);
                ps.setLong(5, interactionId);
                Sql.setInstant(ps, 6, at);
                Sql.setInstant(ps, 7, at);
                return new Conversation(Sql.insertReturningId(ps), m.channel(), m.account(), m.userId(), customerId,
                        interactionId, null, at);
            }
        });
    }

    /**
     * For a message in an already open conversation (the common case), one transaction finds the conversation
     * and marks the message processed in it; empty when there is no open conversation (nothing is changed).
     */
    public Optional<Conversation> processInOpen(long id, String channel, String account, String user, Instant at) {
        return db.inTransaction(c -> {
            Optional<Conversation> conv;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM conversations WHERE channel = ? "
                    + "AND account = ? AND external_user = ? AND is_open = TRUE ORDER BY id DESC")) {
                ps.setString(1, channel);
                ps.setString(2, account);
                ps.setString(3, user);
                conv = one(ps);
            }
            if (conv.isPresent()) {
                mark(c, id, conv.get().id(), at);
            }
            return conv;
        });
    }

    /** Marks message {@code id} as part of {@code conv}: it will not be processed again. */
    public void processed(long id, Conversation conv, Instant at) {
        db.inTransaction(c -> {
            mark(c, id, conv.id(), at);
            return null;
        });
    }

    private static void mark(Connection c, long id, long conversationId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE channel_messages SET conversation_id = ?, processed_at = ? WHERE id = ?")) {
            ps.setLong(1, conversationId);
            Sql.setInstant(ps, 2, at);
            ps.setLong(3, id);
            ps.executeUpdate();
        }
        touch(c, conversationId, at);
    }

    public void assignAgent(long conversationId, String agentId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET agent_id = ? WHERE id = ?")) {
                ps.setString(1, agentId);
                ps.setLong(2, conversationId);
                return ps.executeUpdate();
            }
        });
    }

    /** Closes open conversations idle since before {@code cutoff} (or just {@code onlyId} when not 0). */
    public List<Conversation> close(Instant cutoff, long onlyId, Instant at) {
        return db.inTransaction(c -> {
            List<Conversation> closed = new ArrayList<>();
            String where = onlyId != 0 ? "id = ? AND is_open = TRUE" : "is_open = TRUE AND last_activity_at < ?";
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLS + " FROM conversations WHERE " + where)) {
                if (onlyId != 0) {
                    ps.setLong(1, onlyId);
                } else {
                    Sql.setInstant(ps, 1, cutoff);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        closed.add(row(rs));
                    }
                }
            }
            for (Conversation conv : closed) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET is_open = FALSE, closed_at = ? WHERE id = ?")) {
                    Sql.setInstant(ps, 1, at);
                    ps.setLong(2, conv.id());
                    ps.executeUpdate();
                }
            }
            return closed;
        });
    }

    /** The messages of a conversation in order, as (direction, sender, text) maps for agents. */
    public List<Map<String, Object>> transcript(long conversationId) {
        return db.inTransaction(c -> {
            List<Map<String, Object>> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT direction, sender, body, msg_type, sent_at FROM "
                    + "channel_messages WHERE conversation_id = ? ORDER BY id")) {
                ps.setLong(1, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(Map.of("direction", rs.getString("direction"), "sender", String.valueOf(rs.getString("sender")),
                                "text", rs.getString("body"), "type", rs.getString("msg_type"),
                                "at", Sql.getInstant(rs, "sent_at").toString()));
                    }
                }
            }
            return out;
        });
    }

    private static void touch(Connection c, long conversationId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE conversations SET last_activity_at = ? WHERE id = ?")) {
            Sql.setInstant(ps, 1, at);
            ps.setLong(2, conversationId);
            ps.executeUpdate();
        }
    }

    private static Optional<Conversation> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    private static Conversation row(ResultSet rs) throws SQLException {
        return new Conversation(rs.getLong("id"), rs.getString("channel"), rs.getString("account"),
                rs.getString("external_user"), rs.getLong("customer_id"), rs.getLong("interaction_id"),
                rs.getString("agent_id"), Sql.getInstant(rs, "opened_at"));
    }
}
