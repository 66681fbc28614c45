package io.switchboard.customer.merge;

import io.switchboard.customer.identity.Profile;
import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.Json;
import io.switchboard.customer.storage.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Merge audit rows, the list of what each merge moved, and the row moves themselves. Used by {@link MergeService}. */
final class MergeRepository {
    static final String IDENTITY = "identity";
    static final String INTERACTION = "interaction";
    private static final String COLUMNS = "id, source_id, target_id, actor, reason, link_rule, merged_at, target_profile_before, "
            + "target_profile_after, unmerged_at, unmerged_by, unmerge_reason";

    private final Database db;

    MergeRepository(Database db) {
        this.db = db;
    }

    /** Ids of the rows of {@code table} (identities or interactions) owned by {@code customerId}. */
    List<Long> idsOwnedBy(String table, long customerId) {
        return db.inTransaction(c -> longs(c, "SELECT id FROM " + table + " WHERE customer_id = ? ORDER BY id", customerId));
    }

    /** Sets the owner of the given rows of {@code table}; returns how many rows were owned by {@code from} and moved. */
    int move(String table, List<Long> ids, long from, long to) {
        return db.inTransaction(c -> {
            int moved = 0;
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET customer_id = ? WHERE id = ? AND customer_id = ?")) {
                for (long id : ids) {
                    ps.setLong(1, to);
                    ps.setLong(2, id);
                    ps.setLong(3, from);
                    moved += ps.executeUpdate();
                }
            }
            return moved;
        });
    }

    MergeRecord insert(MergeRecord m) {
        return db.inTransaction(c -> {
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO merges (source_id, target_id, actor, reason, link_rule, "
                    + "merged_at, target_profile_before, target_profile_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, m.sourceId());
                ps.setLong(2, m.targetId());
                ps.setString(3, m.actor());
                ps.setString(4, m.reason());
                ps.setString(5, m.rule());
                Sql.setInstant(ps, 6, m.mergedAt());
                ps.setString(7, Json.write(m.targetBefore()));
                ps.setString(8, Json.write(m.targetAfter()));
                id = Sql.insertReturningId(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO merge_moves (merge_id, entity, entity_id) VALUES (?, ?, ?)")) {
                addMoves(ps, id, IDENTITY, m.movedIdentities());
                addMoves(ps, id, INTERACTION, m.movedInteractions());
                ps.executeBatch();
            }
            return find(id).orElseThrow();
        });
    }

    private static void addMoves(PreparedStatement ps, long mergeId, String entity, List<Long> ids) throws SQLException {
        for (long id : ids) {
            ps.setLong(1, mergeId);
            ps.setString(2, entity);
            ps.setLong(3, id);
            ps.addBatch();
        }
    }

    Optional<MergeRecord> find(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM merges WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(c, rs)) : Optional.empty();
                }
            }
        });
    }

    /** Merges where {@code customerId} was source or target, newest first. */
    List<MergeRecord> history(long customerId) {
        return db.inTransaction(c -> {
            List<MergeRecord> out = new ArrayList<>();
            for (long id : longs(c, "SELECT id FROM merges WHERE source_id = ? UNION SELECT id FROM merges WHERE target_id = ? "
                    + "ORDER BY 1 DESC", customerId, customerId)) {
                find(id).ifPresent(out::add);
            }
            return out;
        });
    }

    /** The newest merge into {@code targetId} after {@code mergeId} that still stands, if any (undo order is last-first). */
    Optional<Long> laterStandingMergeInto(long targetId, long mergeId) {
        return db.inTransaction(c -> longs(c, "SELECT id FROM merges WHERE target_id = ? AND id > ? AND unmerged_at IS NULL "
                + "ORDER BY id DESC", targetId, mergeId).stream().findFirst());
    }

    void markUnmerged(long id, Instant at, String actor, String reason) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE merges SET unmerged_at = ?, unmerged_by = ?, unmerge_reason = ? WHERE id = ?")) {
                Sql.setInstant(ps, 1, at);
                ps.setString(2, actor);
                ps.setString(3, reason);
                ps.setLong(4, id);
                return ps.executeUpdate();
            }
        });
    }

    private static MergeRecord read(Connection c, ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        String moves = "SELECT entity_id FROM merge_moves WHERE merge_id = ? AND entity = ? ORDER BY entity_id";
        return new MergeRecord(id, rs.getLong("source_id"), rs.getLong("target_id"), rs.getString("actor"), rs.getString("reason"),
                rs.getString("link_rule"), Sql.getInstant(rs, "merged_at"), longs(c, moves, id, IDENTITY),
                longs(c, moves, id, INTERACTION), Json.read(rs.getString("target_profile_before"), Profile.class),
                Json.read(rs.getString("target_profile_after"), Profile.class), Sql.getInstant(rs, "unmerged_at"),
                rs.getString("unmerged_by"), rs.getString("unmerge_reason"));
    }

    private static List<Long> longs(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int k = 0; k < params.length; k++) {
                ps.setObject(k + 1, params[k]);
            }
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }
}
