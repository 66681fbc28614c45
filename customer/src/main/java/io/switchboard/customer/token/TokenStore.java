package io.switchboard.customer.token;

import io.switchboard.customer.identity.CustomerNotFoundException;
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
 * API tokens with roles, stored as SHA-256 hashes only. {@link #bootstrap(String)} seeds an admin token
 * from configuration ({@code admin.bootstrapToken} / {@code SWITCHBOARD_ADMIN_TOKEN}) so automation can use
 * a fresh install; running it again with the same token changes nothing. Blocking: storage executor.
 */
public final class TokenStore {
    public static final int MIN_BOOTSTRAP_LENGTH = 20;
    private static final String COLUMNS = "id, token_hash, role_name, label, created_at, revoked_at, agent_id";

    private final Database db;
    private final InstantSource clock;

    public TokenStore(Database db, InstantSource clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Creates a token; the returned secret is never stored and cannot be shown again. */
    public IssuedToken create(Role role, String label) {
        return create(role, label, null);
    }

    /**
     * A new token; {@code agent} (may be null) binds an agent token to one ACD agent, which it then acts as
     * exclusively. Only agent tokens can be bound.
     */
    public IssuedToken create(Role role, String label, String agent) {
        if (agent != null && (role != Role.AGENT || agent.isBlank() || agent.length() > 100)) {
            throw new IllegalArgumentException(role != Role.AGENT ? "only an agent token can be bound to an agent"
                    : "the agent id must be 1 to 100 characters");
        }
        String secret = TokenHash.newSecret();
        return new IssuedToken(insert(secret, role, label, agent), secret);
    }

    /** The live token {@code secret} belongs to; empty when unknown or revoked. */
    public Optional<ApiToken> verify(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 512) {
            return Optional.empty();
        }
        String hash = TokenHash.hash(secret);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || !TokenHash.matches(rs.getString("token_hash"), hash)) {
                        return Optional.<ApiToken>empty();
                    }
                    ApiToken t = read(rs);
                    return t.revoked() ? Optional.<ApiToken>empty() : Optional.of(t);
                }
            }
        });
    }

    /** Revokes token {@code id}; a revoked token never verifies again. False when it was already revoked. */
    public boolean revoke(long id) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                Sql.setInstant(ps, 1, clock.instant());
                ps.setLong(2, id);
                if (ps.executeUpdate() > 0) {
                    return true;
                }
            }
            if (list().stream().noneMatch(t -> t.id() == id)) {
                throw new CustomerNotFoundException("no API token " + id);
            }
            return false;
        });
    }

    /**
     * Makes sure {@code secret} is a live admin token: inserted the first time (label {@code bootstrap}),
     * unchanged after. A bootstrap token that was revoked stays revoked. Shorter than 20 characters is refused.
     */
    public ApiToken bootstrap(String secret) {
        if (secret == null || secret.strip().length() < MIN_BOOTSTRAP_LENGTH) {
            throw new IllegalArgumentException("admin bootstrap token must be at least " + MIN_BOOTSTRAP_LENGTH + " characters");
        }
        String s = secret.strip();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ?")) {
                ps.setString(1, TokenHash.hash(s));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return read(rs);
                    }
                }
            }
            return insert(s, Role.ADMIN, "bootstrap", null);
        });
    }

    public List<ApiToken> list() {
        return db.inTransaction(c -> {
            List<ApiToken> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM api_tokens ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
            return out;
        });
    }

    private ApiToken insert(String secret, Role role, String label, String agent) {
        if (label == null || label.isBlank() || label.length() > 200) {
            throw new IllegalArgumentException("token label must be 1 to 200 characters");
        }
        return db.inTransaction(c -> {
            Instant now = Sql.micros(clock.instant());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_tokens (token_hash, role_name, label, created_at, agent_id) "
                    + "VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, TokenHash.hash(secret));
                ps.setString(2, role.wire());
                ps.setString(3, label);
                Sql.setInstant(ps, 4, now);
                ps.setString(5, agent);
                return new ApiToken(Sql.insertReturningId(ps), role, label, now, null, agent);
            }
        });
    }

    private static ApiToken read(ResultSet rs) throws SQLException {
        return new ApiToken(rs.getLong("id"), Role.parse(rs.getString("role_name")), rs.getString("label"),
                Sql.getInstant(rs, "created_at"), Sql.getInstant(rs, "revoked_at"), rs.getString("agent_id"));
    }
}
