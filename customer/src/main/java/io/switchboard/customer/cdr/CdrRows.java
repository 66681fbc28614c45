package io.switchboard.customer.cdr;

import com.fasterxml.jackson.core.type.TypeReference;
import io.switchboard.customer.storage.Json;
import io.switchboard.customer.storage.Sql;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Maps a {@link Cdr} to and from a {@code cdrs} row (legs, IVR path and tags as JSON text). */
final class CdrRows {
    private CdrRows() {
    }

    /** Binds parameters 1..23 in the order of CdrStore's INSERT/UPDATE (call_id last). */
    static void bind(PreparedStatement ps, Cdr cdr) throws SQLException {
        ps.setString(1, cdr.state().wire());
        ps.setString(2, cdr.stage().wire());
        Sql.setString(ps, 3, cdr.fromRaw());
        Sql.setString(ps, 4, cdr.fromE164());
        Sql.setString(ps, 5, cdr.toRaw());
        Sql.setString(ps, 6, cdr.toE164());
        Sql.setString(ps, 7, cdr.trunk());
        Sql.setString(ps, 8, cdr.dnis());
        Sql.setInstant(ps, 9, cdr.setupAt());
        Sql.setInstant(ps, 10, cdr.ringingAt());
        Sql.setInstant(ps, 11, cdr.answerAt());
        Sql.setInstant(ps, 12, cdr.endAt());
        Sql.setInt(ps, 13, cdr.cause() == null ? null : cdr.cause().sipStatus());
        Sql.setString(ps, 14, cdr.cause() == null ? null : cdr.cause().reason());
        Sql.setString(ps, 15, cdr.endedBy() == null ? null : cdr.endedBy().wire());
        ps.setString(16, Json.write(cdr.ivrPath()));
        Sql.setString(ps, 17, cdr.queue());
        Sql.setLong(ps, 18, CdrStore.millis(cdr.queueWait()));
        Sql.setString(ps, 19, cdr.agentId());
        Sql.setString(ps, 20, cdr.recordingPath());
        ps.setString(21, Json.write(cdr.tags()));
        ps.setString(22, Json.write(cdr.legs()));
        ps.setString(23, cdr.callId());
    }

    static Cdr read(ResultSet rs, TypeReference<List<CdrLeg>> legsType) throws SQLException {
        Integer status = Sql.getInt(rs, "sip_status");
        String reason = rs.getString("cause");
        String endedBy = rs.getString("ended_by");
        Long waitMs = Sql.getLong(rs, "queue_wait_ms");
        return new Cdr(rs.getString("call_id"), CdrState.parse(rs.getString("state")), CallStage.parse(rs.getString("stage")),
                rs.getString("from_raw"), rs.getString("from_e164"), rs.getString("to_raw"), rs.getString("to_e164"),
                rs.getString("trunk"), rs.getString("dnis"), Sql.getInstant(rs, "setup_at"), Sql.getInstant(rs, "ringing_at"),
                Sql.getInstant(rs, "answer_at"), Sql.getInstant(rs, "end_at"),
                status == null || reason == null ? null : new HangupCause(status, reason),
                endedBy == null ? null : EndedBy.parse(endedBy), Json.strings(rs.getString("ivr_path")), rs.getString("queue_name"),
                waitMs == null ? null : Duration.ofMillis(waitMs), rs.getString("agent_id"), rs.getString("recording_path"),
                Json.strings(rs.getString("tags")), Json.read(rs.getString("legs"), legsType));
    }
}
