package io.switchboard.customer.identity;

import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.Json;
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
import java.util.TreeSet;

/** Customer rows and their profiles. Synchronous JDBC: call through the storage executor, not from a lane. */
public final class CustomerRepository {
    private static final String COLUMNS = "id, display_name, language, vip_level, tags, custom_fields, merged_into, created_at, updated_at";

    private final Database db;
    private final InstantSource clock;

    public CustomerRepository(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    public Customer create(Profile profile) {
        return db.inTransaction(c -> {
            Instant now = Sql.micros(clock.instant());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers (display_name, name_key, language, vip_level, "
                    + "tags, custom_fields, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                bindProfile(ps, profile);
                Sql.setInstant(ps, 7, now);
                Sql.setInstant(ps, 8, now);
                return new Customer(Sql.insertReturningId(ps), profile, 0, now, now);
            }
        });
    }

    public Optional<Customer> find(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM customers WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(read(rs)) : Optional.empty();
                }
            }
        });
    }

    public Customer require(long id) {
        return find(id).orElseThrow(() -> new CustomerNotFoundException("no customer " + id));
    }

    /** Reads and row-locks the customer for the rest of the current transaction (merge, unmerge). */
    public Customer lock(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM customers WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new CustomerNotFoundException("no customer " + id);
                    }
                    return read(rs);
                }
            }
        });
    }

    /** The live customer {@code id} ended up in, following merges (a customer merged into one that was merged …). */
    public Customer resolve(long id) {
        Customer c = require(id);
        for (int hops = 0; c.merged(); hops++) {
            if (hops > 1000) {
                throw new IllegalStateException("merge chain from customer " + id + " does not end");
            }
            c = require(c.mergedInto());
        }
        return c;
    }

    public Customer updateProfile(long id, Profile profile) {
        return db.inTransaction(c -> {
            Instant now = Sql.micros(clock.instant());
            try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET display_name = ?, name_key = ?, language = ?, "
                    + "vip_level = ?, tags = ?, custom_fields = ?, updated_at = ? WHERE id = ?")) {
                bindProfile(ps, profile);
                Sql.setInstant(ps, 7, now);
                ps.setLong(8, id);
                if (ps.executeUpdate() == 0) {
                    throw new CustomerNotFoundException("no customer " + id);
                }
            }
            return require(id);
        });
    }

    /** Marks {@code id} as merged into {@code target} (or live again when {@code target} is 0). */
    public void setMergedInto(long id, long target) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE customers SET merged_into = ?, updated_at = ? WHERE id = ?")) {
                Sql.setLong(ps, 1, target == 0 ? null : target);
                Sql.setInstant(ps, 2, clock.instant());
                ps.setLong(3, id);
                return ps.executeUpdate();
            }
        });
    }

    /** Live customers other than {@code except} whose name matches {@code nameKey} (weak-match suggestions). */
    public List<Long> sameName(String nameKey, long except) {
        if (nameKey.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM customers WHERE name_key = ? AND id <> ? "
                    + "AND merged_into IS NULL ORDER BY id LIMIT 50")) {
                ps.setString(1, nameKey);
                ps.setLong(2, except);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                return ids;
            }
        });
    }

    private static void bindProfile(PreparedStatement ps, Profile p) throws SQLException {
        ps.setString(1, p.name());
        ps.setString(2, p.nameKey());
        ps.setString(3, p.language());
        ps.setInt(4, p.vipLevel());
        ps.setString(5, Json.write(p.tags()));
        ps.setString(6, Json.write(p.customFields()));
    }

    static Customer read(ResultSet rs) throws SQLException {
        Profile p = new Profile(rs.getString("display_name"), rs.getString("language"), rs.getInt("vip_level"),
                new TreeSet<>(Json.strings(rs.getString("tags"))), Json.stringMap(rs.getString("custom_fields")));
        Long merged = Sql.getLong(rs, "merged_into");
        return new Customer(rs.getLong("id"), p, merged == null ? 0 : merged, Sql.getInstant(rs, "created_at"),
                Sql.getInstant(rs, "updated_at"));
    }
}
