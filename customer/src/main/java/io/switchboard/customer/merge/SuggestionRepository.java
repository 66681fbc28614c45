package io.switchboard.customer.merge;

import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** Stored merge suggestions; one per (pair, reason), so repeated evidence does not pile up. */
public final class SuggestionRepository {
    private final Database db;
    private final InstantSource clock;

    public SuggestionRepository(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records that {@code x} and {@code y} may be the same customer; idempotent per pair and reason. */
    public void suggest(long x, long y, String reason) {
        if (x == y) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO merge_suggestions (customer_a, customer_b, reason, created_at) "
                    + "SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM merge_suggestions WHERE customer_a = ? AND customer_b = ? AND reason = ?)")) {
                long a = Math.min(x, y);
                long b = Math.max(x, y);
                ps.setLong(1, a);
                ps.setLong(2, b);
                ps.setString(3, reason);
                Sql.setInstant(ps, 4, clock.instant());
                ps.setLong(5, a);
                ps.setLong(6, b);
                ps.setString(7, reason);
                return ps.executeUpdate();
            }
        });
    }

    /** Suggestions involving {@code customerId}, oldest first. */
    public List<Suggestion> forCustomer(long customerId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, customer_a, customer_b, reason, created_at FROM merge_suggestions "
                    + "WHERE customer_a = ? OR customer_b = ? ORDER BY id")) {
                ps.setLong(1, customerId);
                ps.setLong(2, customerId);
                List<Suggestion> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Suggestion(rs.getLong("id"), rs.getLong("customer_a"), rs.getLong("customer_b"),
                                rs.getString("reason"), Sql.getInstant(rs, "created_at")));
                    }
                }
                return out;
            }
        });
    }

    /** Removes a suggestion (dismissed by a person, or acted upon). */
    public boolean dismiss(long suggestionId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM merge_suggestions WHERE id = ?")) {
                ps.setLong(1, suggestionId);
                return ps.executeUpdate() > 0;
            }
        });
    }
}
