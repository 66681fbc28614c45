package io.switchboard.customer.cdr;

import com.fasterxml.jackson.core.type.TypeReference;
import io.switchboard.customer.identity.IdentityNormalizer;
import io.switchboard.customer.storage.Database;
import io.switchboard.customer.storage.Sql;
import io.switchboard.customer.storage.StorageException;
import java.io.IOException;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CDR storage. {@link #open} writes the provisional row of a call at setup (and may refresh it while the
 * call is up); {@link #finish} writes the final record once — idempotent on the Call-ID, a repeated or
 * late finish changes nothing; {@link #recoverUnfinished()} runs at start-up and finalises every row a
 * crash left open with cause "switch restart". Blocking: run on the storage executor.
 */
public final class CdrStore {
    private static final TypeReference<List<CdrLeg>> LEGS = new TypeReference<>() { };
    private static final String COLUMNS = "call_id, state, stage, from_raw, from_e164, to_raw, to_e164, trunk, dnis, setup_at, "
            + "ringing_at, answer_at, end_at, sip_status, cause, ended_by, ivr_path, queue_name, queue_wait_ms, agent_id, "
            + "recording_path, tags, legs";

    private final Database db;
    private final IdentityNormalizer normalizer;
    private final InstantSource clock;

    public CdrStore(Database db, IdentityNormalizer normalizer, InstantSource clock) {
        this.db = db;
        this.normalizer = normalizer;
        this.clock = clock;
    }

    /** Writes or refreshes the OPEN row of a call in progress; false (no change) once the call's CDR is final. */
    public boolean open(Cdr provisional) {
        if (provisional.isFinal()) {
            throw new IllegalArgumentException("CDR " + provisional.callId() + " is final: use finish()");
        }
        return write(provisional);
    }

    /** Writes the final record; true the first time, false when the call's CDR was already final (idempotent). */
    public boolean finish(Cdr finalRecord) {
        if (!finalRecord.isFinal()) {
            throw new IllegalArgumentException("CDR " + finalRecord.callId() + " is not final: use open()");
        }
        return write(finalRecord);
    }

    private boolean write(Cdr cdr) {
        for (int attempt = 0; ; attempt++) {
            try {
                return db.inTransaction(c -> {
                    Optional<Cdr> existing = get(c, cdr.callId(), true);
                    if (existing.isPresent() && existing.get().isFinal()) {
                        return false;
                    }
                    String sql = existing.isPresent()
                            ? "UPDATE cdrs SET state = ?, stage = ?, from_raw = ?, from_e164 = ?, to_raw = ?, to_e164 = ?, trunk = ?, "
                            + "dnis = ?, setup_at = ?, ringing_at = ?, answer_at = ?, end_at = ?, sip_status = ?, cause = ?, ended_by = ?, "
                            + "ivr_path = ?, queue_name = ?, queue_wait_ms = ?, agent_id = ?, recording_path = ?, tags = ?, legs = ? "
                            + "WHERE call_id = ?"
                            : "INSERT INTO cdrs (state, stage, from_raw, from_e164, to_raw, to_e164, trunk, dnis, setup_at, ringing_at, "
                            + "answer_at, end_at, sip_status, cause, ended_by, ivr_path, queue_name, queue_wait_ms, agent_id, "
                            + "recording_path, tags, legs, call_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        CdrRows.bind(ps, cdr);
                        ps.executeUpdate();
                    }
                    return true;
                });
            } catch (StorageException e) {
                if (!e.isUniqueViolation() || attempt >= 2) {
                    throw e;
                }
            }
        }
    }

    /**
     * Finalises every OPEN row (calls that were up when the switch stopped): end time now, cause
     * {@link HangupCause#SWITCH_RESTART}, ended by the system. Call at start-up before taking calls.
     * Returns the Call-IDs finalised.
     */
    public List<String> recoverUnfinished() {
        return db.inTransaction(c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT call_id FROM cdrs WHERE state = 'open' ORDER BY setup_at FOR UPDATE");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE cdrs SET state = 'final', end_at = ?, sip_status = ?, cause = ?, "
                    + "ended_by = ? WHERE call_id = ? AND state = 'open'")) {
                for (String id : ids) {
                    Sql.setInstant(ps, 1, clock.instant());
                    ps.setInt(2, HangupCause.SWITCH_RESTART.sipStatus());
                    ps.setString(3, HangupCause.SWITCH_RESTART.reason());
                    ps.setString(4, EndedBy.SYSTEM.wire());
                    ps.setString(5, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return ids;
        });
    }

    public Optional<Cdr> get(String callId) {
        return db.inTransaction(c -> get(c, callId, false));
    }

    private Optional<Cdr> get(Connection c, String callId, boolean lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM cdrs WHERE call_id = ?" + (lock ? " FOR UPDATE" : ""))) {
            ps.setString(1, callId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(CdrRows.read(rs, LEGS)) : Optional.empty();
            }
        }
    }

    /** CDRs matching {@code q}, newest first. A number is matched raw and in E.164. */
    public List<Cdr> query(CdrQuery q) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM cdrs WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (q.from() != null) {
            sql.append(" AND setup_at >= ?");
            params.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND setup_at < ?");
            params.add(q.to());
        }
        if (q.number() != null) {
            String e164 = Numbers.e164(normalizer, q.number());
            String n = e164 == null ? q.number().trim() : e164;
            sql.append(" AND (from_e164 = ? OR to_e164 = ? OR dnis = ? OR from_raw = ? OR to_raw = ?)");
            params.addAll(List.of(n, n, q.number().trim(), q.number().trim(), q.number().trim()));
        }
        if (q.agentId() != null) {
            sql.append(" AND agent_id = ?");
            params.add(q.agentId());
        }
        sql.append(" ORDER BY setup_at DESC, call_id LIMIT ").append(q.limit());
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int k = 0; k < params.size(); k++) {
                    if (params.get(k) instanceof Instant t) {
                        Sql.setInstant(ps, k + 1, t);
                    } else {
                        ps.setString(k + 1, (String) params.get(k));
                    }
                }
                List<Cdr> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(CdrRows.read(rs, LEGS));
                    }
                }
                return out;
            }
        });
    }

    /** Writes the CDRs matching {@code q} as CSV (RFC 4180) to {@code out}; returns the number of records. */
    public int exportCsv(CdrQuery q, Writer out) throws IOException {
        List<Cdr> rows = query(q);
        CdrCsv.write(rows, out);
        return rows.size();
    }

    static Long millis(Duration d) {
        return d == null ? null : d.toMillis();
    }
}
