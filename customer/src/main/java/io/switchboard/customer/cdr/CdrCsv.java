package io.switchboard.customer.cdr;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CDRs as CSV (RFC 4180): a header row, CRLF line ends, every field that holds a comma, a double quote,
 * CR or LF enclosed in double quotes with inner quotes doubled. Times are ISO-8601 UTC; lists are joined
 * with {@code >} (IVR path) and {@code ;} (tags); empty fields are empty, never {@code null}.
 */
public final class CdrCsv {
    public static final List<String> HEADER = List.of("call_id", "state", "stage", "from_raw", "from_e164", "to_raw", "to_e164",
            "trunk", "dnis", "setup_at", "ringing_at", "answer_at", "end_at", "billable_s", "sip_status", "cause", "ended_by",
            "ivr_path", "queue", "queue_wait_ms", "agent_id", "recording_path", "tags", "legs");

    private CdrCsv() {
    }

    public static void write(List<Cdr> cdrs, Writer out) throws IOException {
        row(out, HEADER);
        for (Cdr c : cdrs) {
            row(out, fields(c));
        }
        out.flush();
    }

    static List<String> fields(Cdr c) {
        List<String> f = new ArrayList<>(HEADER.size());
        f.add(c.callId());
        f.add(c.state().wire());
        f.add(c.stage().wire());
        f.add(text(c.fromRaw()));
        f.add(text(c.fromE164()));
        f.add(text(c.toRaw()));
        f.add(text(c.toE164()));
        f.add(text(c.trunk()));
        f.add(text(c.dnis()));
        f.add(time(c.setupAt()));
        f.add(time(c.ringingAt()));
        f.add(time(c.answerAt()));
        f.add(time(c.endAt()));
        f.add(Long.toString(c.billable().toSeconds()));
        f.add(c.cause() == null ? "" : Integer.toString(c.cause().sipStatus()));
        f.add(c.cause() == null ? "" : c.cause().reason());
        f.add(c.endedBy() == null ? "" : c.endedBy().wire());
        f.add(String.join(">", c.ivrPath()));
        f.add(text(c.queue()));
        f.add(c.queueWait() == null ? "" : Long.toString(c.queueWait().toMillis()));
        f.add(text(c.agentId()));
        f.add(text(c.recordingPath()));
        f.add(String.join(";", c.tags()));
        f.add(Integer.toString(c.legs().size()));
        return f;
    }

    private static void row(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(escape(fields.get(i)));
        }
        out.write("\r\n");
    }

    /** One field, quoted when RFC 4180 §2 (6, 7) requires it. */
    public static String escape(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\r') < 0 && field.indexOf('\n') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }
}
