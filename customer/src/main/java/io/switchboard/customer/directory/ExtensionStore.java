package io.switchboard.customer.directory;

import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The extensions added or changed through the admin API, in the database so that every node of a cluster
 * and every restart sees the same directory. Blocking: call it from the storage executor (or at start-up).
 */
public final class ExtensionStore {
    private static final String COLUMNS = "ext_number, name, password, contact, updated_at";

    private final Database db;
    private final InstantSource clock;

    public ExtensionStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    public List<StoredExtension> all() {
        return db.inTransaction(c -> {
            List<StoredExtension> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sip_extensions ORDER BY ext_number");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    public Optional<StoredExtension> find(String number) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sip_extensions WHERE ext_number = ?")) {
                ps.setString(1, number);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.<StoredExtension>empty();
                }
            }
        });
    }

    /** Creates or replaces extension {@code e} (its time of change is now); returns what is stored. */
    public StoredExtension put(StoredExtension e) {
        StoredExtension stored = new StoredExtension(e.number(), e.name(), e.password(), e.contact(), Sql.micros(clock.instant()));
        return db.inTransaction(c -> {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE sip_extensions SET name = ?, password = ?, contact = ?, updated_at = ? WHERE ext_number = ?")) {
                bind(up, stored);
                up.setString(5, stored.number());
                if (up.executeUpdate() == 0) {
                    try (PreparedStatement in = c.prepareStatement(
                            "INSERT INTO sip_extensions (name, password, contact, updated_at, ext_number) VALUES (?, ?, ?, ?, ?)")) {
                        bind(in, stored);
                        in.setString(5, stored.number());
                        in.executeUpdate();
                    }
                }
            }
            return stored;
        });
    }

    /** Removes extension {@code number}; false when there was none. */
    public boolean remove(String number) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sip_extensions WHERE ext_number = ?")) {
                ps.setString(1, number);
                return ps.executeUpdate() > 0;
            }
        });
    }

    private static void bind(PreparedStatement ps, StoredExtension e) throws SQLException {
        ps.setString(1, e.name());
        Sql.setString(ps, 2, e.password().orElse(null));
        Sql.setString(ps, 3, e.contact().orElse(null));
        Sql.setInstant(ps, 4, e.updatedAt());
    }

    private static StoredExtension read(ResultSet rs) throws SQLException {
        return new StoredExtension(rs.getString("ext_number"), rs.getString("name"), Optional.ofNullable(rs.getString("password")),
                Optional.ofNullable(rs.getString("contact")), Sql.getInstant(rs, "updated_at"));
    }
}
