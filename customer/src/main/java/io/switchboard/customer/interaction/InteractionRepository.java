package io.switchboard.customer.interaction;

import com.fasterxml.jackson.core.type.TypeReference;
import io.switchboard.customer.identity.CustomerRepository;
import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.Json;
import io.switchboard.customer.storage.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A customer's history across channels: appends, the keyset-paged timeline (newest first), and the
 * reads the IVR {@code lookup} verb and the ACD make (last interaction, last agent, open topics). All
 * reads use the (customer, started_at, id) index. Blocking: run on the storage executor.
 */
public final class InteractionRepository {
    static final String COLUMNS = "id, customer_id, channel, kind, direction, started_at, ended_at, summary, agent_id, "
            + "queue_name, cdr_call_id, tags, is_open, details";
    private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() { };
    private static final int MAX_PAGE = 500;

    private final Database db;
    private final CustomerRepository customers;
    private final InstantSource clock;

    public InteractionRepository(Database db, CustomerRepository customers, InstantSource clock) {
        this.db = db;
        this.customers = customers;
        this.clock = clock;
    }

    /** Stores {@code i} for the live customer its customer id resolves to (a merged id is followed). */
    public Interaction append(Interaction i) {
        return db.inTransaction(c -> {
            long owner = customers.resolve(i.customerId()).id();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO interactions (customer_id, channel, kind, direction, "
                    + "started_at, ended_at, summary, agent_id, queue_name, cdr_call_id, tags, is_open, details) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, owner);
                ps.setString(2, i.channel());
                ps.setString(3, i.kind().wire());
                ps.setString(4, i.direction().wire());
                Sql.setInstant(ps, 5, i.startedAt());
                Sql.setInstant(ps, 6, i.endedAt());
                Sql.setString(ps, 7, i.summary());
                Sql.setString(ps, 8, i.agentId());
                Sql.setString(ps, 9, i.queue());
                Sql.setString(ps, 10, i.cdrCallId());
                ps.setString(11, Json.write(i.tags()));
                ps.setBoolean(12, i.open());
                ps.setString(13, Json.write(i.details()));
                long id = Sql.insertReturningId(ps);
                Interaction stored = new Interaction(id, owner, i.channel(), i.kind(), i.direction(), Sql.micros(i.startedAt()),
                        Sql.micros(i.endedAt()), i.summary(), i.agentId(), i.queue(), i.cdrCallId(), i.tags(), i.open(), i.details());
                return stored;
            }
        });
    }

    public Optional<Interaction> find(long id) {
        List<Interaction> found = query("SELECT " + COLUMNS + " FROM interactions WHERE id = ?", id);
        return found.stream().findFirst();
    }

    /** Ends an open interaction (a conversation closed, a call hung up); false when there is none with that id. */
    public boolean close(long id, Instant endedAt) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE interactions SET is_open = FALSE, ended_at = ? WHERE id = ?")) {
                Sql.setInstant(ps, 1, endedAt);
                ps.setLong(2, id);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** Newest first, {@code limit} (1..500) items starting after {@code after} (null = the newest). */
    public TimelinePage timeline(long customerId, TimelineCursor after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("timeline limit must be 1 to " + MAX_PAGE + ", got " + limit);
        }
        String base = "SELECT " + COLUMNS + " FROM interactions WHERE customer_id = ?";
        String order = " ORDER BY started_at DESC, id DESC LIMIT " + (limit + 1);
        List<Interaction> rows = after == null ? query(base + order, customerId)
                : query(base + " AND (started_at < ? OR (started_at = ? AND id < ?))" + order, customerId,
                        Sql.micros(after.startedAt()), Sql.micros(after.startedAt()), after.id());
        if (rows.size() <= limit) {
            return new TimelinePage(rows, Optional.empty());
        }
        Interaction last = rows.get(limit - 1);
        return new TimelinePage(rows.subList(0, limit), Optional.of(new TimelineCursor(last.startedAt(), last.id())));
    }

    public Optional<Interaction> lastInteraction(long customerId) {
        return timeline(customerId, null, 1).items().stream().findFirst();
    }

    /** The agent of the customer's latest interaction with one, on {@code channel} (null = any) within {@code within}. */
    public Optional<String> lastAgent(long customerId, String channel, Duration within) {
        Instant since = clock.instant().minus(within);
        String sql = "SELECT " + COLUMNS + " FROM interactions WHERE customer_id = ? AND agent_id IS NOT NULL AND started_at >= ?"
                + (channel == null ? "" : " AND channel = ?") + " ORDER BY started_at DESC, id DESC LIMIT 1";
        List<Interaction> rows = channel == null ? query(sql, customerId, since) : query(sql, customerId, since, channel);
        return rows.stream().findFirst().map(Interaction::agentId);
    }

    /** Tags of the customer's open interactions, sorted: what they are currently in touch with us about. */
    public Set<String> openTopics(long customerId) {
        Set<String> topics = new TreeSet<>();
        query("SELECT " + COLUMNS + " FROM interactions WHERE customer_id = ? AND is_open = TRUE", customerId)
                .forEach(i -> topics.addAll(i.tags()));
        return topics;
    }

    private List<Interaction> query(String sql, Object... params) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int k = 0; k < params.length; k++) {
                    if (params[k] instanceof Instant t) {
                        Sql.setInstant(ps, k + 1, t);
                    } else {
                        ps.setObject(k + 1, params[k]);
                    }
                }
                List<Interaction> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    static Interaction read(ResultSet rs) throws SQLException {
        return new Interaction(rs.getLong("id"), rs.getLong("customer_id"), rs.getString("channel"),
                InteractionKind.parse(rs.getString("kind")), Direction.parse(rs.getString("direction")),
                Sql.getInstant(rs, "started_at"), Sql.getInstant(rs, "ended_at"), rs.getString("summary"),
                rs.getString("agent_id"), rs.getString("queue_name"), rs.getString("cdr_call_id"),
                Json.strings(rs.getString("tags")), rs.getBoolean("is_open"), Json.read(rs.getString("details"), DETAILS));
    }
}
