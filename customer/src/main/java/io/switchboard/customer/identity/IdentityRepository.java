package io.switchboard.customer.identity;

import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stored identities. Takes identities already normalised ({@link IdentityGraph} does that); a lookup is
 * one probe of the unique index on (type, scope, value).
 */
public final class IdentityRepository {
    private static final String COLUMNS = "id, customer_id, id_type, id_scope, id_value, verified, link_rule, created_at";

    private final Database db;
    private final InstantSource clock;

    public IdentityRepository(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    public Optional<LinkedIdentity> find(Identity id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM identities "
                    + "WHERE id_type = ? AND id_scope = ? AND id_value = ?")) {
                ps.setString(1, id.type().wire());
                ps.setString(2, id.scope());
                ps.setString(3, id.value());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    /** Inserts; a duplicate (type, scope, value) fails with a unique violation ({@code StorageException}). */
    public LinkedIdentity insert(long customerId, Identity id, String linkRule) {
        return db.inTransaction(c -> {
            Instant now = Sql.micros(clock.instant());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO identities (customer_id, id_type, id_scope, id_value, "
                    + "verified, link_rule, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setLong(1, customerId);
                ps.setString(2, id.type().wire());
                ps.setString(3, id.scope());
                ps.setString(4, id.value());
                ps.setBoolean(5, id.verified());
                ps.setString(6, linkRule);
                Sql.setInstant(ps, 7, now);
                return new LinkedIdentity(Sql.insertReturningId(ps), customerId, id, linkRule, now);
            }
        });
    }

    public List<LinkedIdentity> ofCustomer(long customerId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM identities WHERE customer_id = ? ORDER BY id")) {
                ps.setLong(1, customerId);
                List<LinkedIdentity> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(read(rs));
                    }
                }
                return out;
            }
        });
    }

    public void markVerified(long identityId) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE identities SET verified = TRUE WHERE id = ?")) {
                ps.setLong(1, identityId);
                return ps.executeUpdate();
            }
        });
    }

    /** Moves one identity to another customer, recording the rule. */
    public void move(long identityId, long customerId, String linkRule) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE identities SET customer_id = ?, link_rule = ? WHERE id = ?")) {
                ps.setLong(1, customerId);
                ps.setString(2, linkRule);
                ps.setLong(3, identityId);
                return ps.executeUpdate();
            }
        });
    }

    public boolean delete(long identityId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM identities WHERE id = ?")) {
                ps.setLong(1, identityId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    static LinkedIdentity read(ResultSet rs) throws SQLException {
        Identity id = new Identity(IdentityType.parse(rs.getString("id_type")), rs.getString("id_scope"),
                rs.getString("id_value"), rs.getBoolean("verified"));
        return new LinkedIdentity(rs.getLong("id"), rs.getLong("customer_id"), id, rs.getString("link_rule"),
                Sql.getInstant(rs, "created_at"));
    }
}
