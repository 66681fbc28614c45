package io.switchboard.app.customer;

import io.switchboard.customer.cdr.CallStage;
import io.switchboard.customer.cdr.Cdr;
import io.switchboard.customer.cdr.CdrLeg;
import io.switchboard.customer.cdr.CdrState;
import io.switchboard.customer.cdr.EndedBy;
import io.switchboard.customer.cdr.HangupCause;
import io.switchboard.sip.b2bua.CallRecord;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Turns the B2BUA's {@link CallRecord} into the stored {@link Cdr}: numbers raw and in E.164, stage from the
 * timestamps, the SIP status and cause into a typed {@link HangupCause}, and the IVR's annotations
 * ({@code ivr_path}, {@code queue}, {@code queue_wait}, {@code agent}) into their columns. The remaining tags
 * are kept as {@code key=value}, plus {@code customer=<id>} when the caller was recognised.
 */
final class CdrMapping {
    private final PhoneNumbers numbers;

    CdrMapping(PhoneNumbers numbers) {
        this.numbers = numbers;
    }

    /** The provisional (OPEN) record of a call that is up. */
    Cdr provisional(CallRecord r) {
        return cdr(r, CdrState.OPEN, null, null, 0);
    }

    /** The final record of an ended call; {@code customerId} 0 when the caller is unknown. */
    Cdr finalRecord(CallRecord r, long customerId) {
        return cdr(r, CdrState.FINAL, cause(r), endedBy(r), customerId);
    }

    private Cdr cdr(CallRecord r, CdrState state, HangupCause cause, EndedBy by, long customerId) {
        Map<String, String> t = r.tags();
        List<String> ivrPath = new ArrayList<>();
        if (!r.application().isEmpty()) {
            ivrPath.add(r.application());
        }
        String path = t.get("ivr_path");
        if (path != null && !path.isBlank()) {
            Arrays.stream(path.split("[>,]")).map(String::strip).filter(s -> !s.isEmpty()).forEach(ivrPath::add);
        }
        List<String> tags = new ArrayList<>();
        t.forEach((k, v) -> {
            if (!k.equals("ivr_path") && !k.equals("queue") && !k.equals("queue_wait") && !k.equals("agent")) {
                tags.add(k + "=" + v);
            }
        });
        if (!r.application().isEmpty()) {
            tags.add("flow=" + r.application());
        }
        if (customerId != 0) {
            tags.add("customer=" + customerId);
        }
        List<CdrLeg> legs = new ArrayList<>();
        legs.add(new CdrLeg(r.callId(), r.from(), numbers.e164(r.from()), r.to(), numbers.e164(r.to()), blank(r.trunk()),
                r.setup(), r.answer(), r.end(), r.status() == 0 ? null : r.status()));
        if (!r.bCallId().isEmpty()) {
            legs.add(new CdrLeg(r.bCallId(), r.from(), numbers.e164(r.from()), r.target(), numbers.e164(r.target()), blank(r.trunk()),
                    r.ringing() != null ? r.ringing() : r.setup(), r.answer(), r.end(), r.status() == 0 ? null : r.status()));
        }
        CallStage stage = r.answer() != null ? CallStage.ANSWERED : r.ringing() != null ? CallStage.RINGING : CallStage.SETUP;
        return new Cdr(r.callId(), state, stage, r.from(), numbers.e164(r.from()), r.to(), numbers.e164(r.to()), blank(r.trunk()),
                blank(r.dnis()), r.setup(), r.ringing(), r.answer(), state == CdrState.FINAL ? r.end() : null, cause, by, ivrPath,
                blank(t.get("queue")), wait(t.get("queue_wait")), blank(t.get("agent")), blank(r.recording()), tags, legs);
    }

    /** The B2BUA's status and cause as a typed cause: answered calls end normally, failures keep their status. */
    static HangupCause cause(CallRecord r) {
        int s = r.status();
        String by = r.endedBy();
        if (s >= 200 && s < 300) {
            return HangupCause.NORMAL;
        }
        if (s == 487) {
            return HangupCause.CANCELLED;
        }
        if (s == 486 || s == 600 || s == 603) {
            return new HangupCause(s, "busy");
        }
        if (s == 408 && r.cause().equals("no answer")) {
            return new HangupCause(408, "no answer");
        }
        if (s == 480) {
            return HangupCause.NO_ANSWER;
        }
        if (s >= 500 && by.equals("switch") && r.cause().contains("shutting down")) {
            return new HangupCause(s, "switch shutting down");
        }
        if (s >= 500 && !r.trunk().isEmpty()) {
            return new HangupCause(s, "trunk failure: " + r.cause());
        }
        return new HangupCause(s < 100 || s > 699 ? 500 : s, r.cause().isBlank() ? "ended" : r.cause());
    }

    /** The caller's or callee's BYE/CANCEL/rejection; the switch for timeouts, shutdown and trunk failures. */
    static EndedBy endedBy(CallRecord r) {
        if (r.status() >= 500 && r.answer() == null && !r.trunk().isEmpty()) {
            return EndedBy.SYSTEM;
        }
        switch (r.endedBy()) {
            case "caller":
                return EndedBy.CALLER;
            case "callee":
                return EndedBy.CALLEE;
            default:
                return EndedBy.SYSTEM;
        }
    }

    /** A queue wait as the IVR tags it: {@code 12s}, {@code 1500ms}, ISO-8601 {@code PT12S} or whole seconds; null when unreadable. */
    static Duration wait(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).strip()));
            }
            if (s.endsWith("s") && !s.startsWith("P")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).strip()) * 1000));
            }
            if (s.startsWith("P")) {
                return Duration.parse(s);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(s) * 1000));
        } catch (NumberFormatException | DateTimeParseException e) {
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
