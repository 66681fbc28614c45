package io.switchboard.sip.codec;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the request "shell" used to answer a request the parser refused (RFC 3261 §8.2.6.2: the
 * response copies Via, From, To, Call-ID and CSeq). Headers that do not parse are echoed verbatim,
 * so a 400 for an overlarge CSeq still carries the CSeq the client sent; only Via must parse, since
 * the response is routed by it (§18.2.2). Stray separators in Via are dropped to salvage it.
 */
final class RejectShell {

    private RejectShell() {
    }

    /** A {@link Decoded.Reject} when the head has a usable Via, else a {@link Decoded.Drop}. */
    static Decoded answer(RawHead head, Problem problem, Map<String, String> headers) {
        if (head.isResponse() || head.startLine.isEmpty()) {
            return new Decoded.Drop(problem.reason());
        }
        if (head.startLine.startsWith("ACK ")) {
            return new Decoded.Drop(problem.reason() + "; an ACK is never answered (RFC 3261 §17.2.3)");
        }
        SIPRequest shell = new SIPRequest();
        List<Via> vias = vias(head.values("Via"));
        if (vias.isEmpty()) {
            return new Decoded.Drop(problem.reason() + "; no usable Via to answer to");
        }
        ViaList list = new ViaList();
        vias.forEach(list::add);
        shell.setHeader(list);
        copy(shell, head, "From", From.class);
        copy(shell, head, "To", To.class);
        copy(shell, head, "Call-ID", CallID.class);
        copy(shell, head, "CSeq", CSeq.class);
        return new Decoded.Reject(shell, problem.status(), problem.reason(), headers);
    }

    private static List<Via> vias(List<String> values) {
        List<Via> out = new ArrayList<>(values.size());
        for (String value : values) {
            for (String element : Lexical.split(value, ',')) {
                List<String> params = new ArrayList<>(Lexical.split(element, ';'));
                params.removeIf(String::isBlank);
                if (params.isEmpty()) {
                    continue;
                }
                SIPHeader h = parse("Via", String.join(";", params));
                if (h instanceof ViaList l) {
                    l.forEach(out::add);
                } else if (h instanceof Via v) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static void copy(SIPRequest shell, RawHead head, String name, Class<? extends SIPHeader> type) {
        String value = head.first(name);
        if (value == null) {
            return;
        }
        SIPHeader h = parse(name, value);
        if (type.isInstance(h)) {
            shell.setHeader(h);
            return;
        }
        ExtensionHeaderImpl raw = new ExtensionHeaderImpl(name);
        raw.setValue(value);
        shell.setHeader(raw);
    }

    private static SIPHeader parse(String name, String value) {
        try {
            return StringMsgParser.parseSIPHeader(name + ": " + value);
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }
}
