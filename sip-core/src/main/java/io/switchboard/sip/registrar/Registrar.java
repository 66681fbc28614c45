package io.switchboard.sip.registrar;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.switchboard.sip.SipConfig;
import io.switchboard.sip.auth.DigestAuth;
import io.switchboard.sip.directory.Directory;
import io.switchboard.sip.directory.Extension;
import io.switchboard.sip.message.Responses;
import io.switchboard.sip.policy.AbusePolicy;
import io.switchboard.sip.transaction.ServerTransaction;
import io.switchboard.sip.transport.Flow;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import javax.sip.address.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar (RFC 3261 §10.3): digest-authenticated REGISTER for local extensions, several
 * contacts per extension, Expires bounds with 423, query, {@code *} removal, and stale-update
 * protection by Call-ID/CSeq.
 */
public final class Registrar {
    private static final Logger log = LoggerFactory.getLogger(Registrar.class);

    private final SipConfig config;
    private final Directory directory;
    private final BindingStore store;
    private final DigestAuth auth;
    private final AbusePolicy policy;
    private final InstantSource clock;

    public Registrar(SipConfig config, Directory directory, BindingStore store, DigestAuth auth, AbusePolicy policy, InstantSource clock) {
        this.config = config;
        this.directory = directory;
        this.store = store;
        this.auth = auth;
        this.policy = policy;
        this.clock = clock;
    }

    public BindingStore store() {
        return store;
    }

    public void handle(ServerTransaction tx, SIPRequest req, Flow flow) {
        URI aorUri = req.getTo().getAddress().getURI();
        if (!(aorUri instanceof SipUri aorSip) || aorSip.getUser() == null) {
            tx.respond(Responses.create(req, 400, "Address-of-record must be a SIP or SIPS URI with a user", null));
            return;
        }
        String aor = aorSip.getUser();
        // Authenticate before saying anything about the extension, so unknown ones are not revealed.
        DigestAuth.Result result = auth.verify(req, "Authorization", user -> directory.find(user).flatMap(Extension::password));
        if (result instanceof DigestAuth.Missing || result instanceof DigestAuth.Stale) {
            challenge(tx, req, result instanceof DigestAuth.Stale);
            return;
        }
        if (result instanceof DigestAuth.Failed f) {
            policy.authFailed(flow.remote().getAddress(), f.username(), f.reason());
            log.info("REGISTER {} from {}: authentication failed ({})", aor, flow.remote(), f.reason());
            tx.respond(Responses.create(req, 403, "Forbidden (authentication failed)", null));
            return;
        }
        String user = ((DigestAuth.Ok) result).username();
        policy.authSucceeded(flow.remote().getAddress());
        if (!user.equals(aor)) {
            tx.respond(Responses.create(req, 403, "Forbidden (" + user + " may not register " + aor + ")", null));
            return;
        }
        Optional<Extension> ext = directory.find(aor);
        if (ext.isEmpty() || ext.get().staticContact().isPresent()) {
            tx.respond(Responses.create(req, 403, "Forbidden (extension " + aor + " does not register)", null));
            return;
        }
        update(tx, req, flow, aor);
    }

    private void challenge(ServerTransaction tx, SIPRequest req, boolean stale) {
        SIPResponse r = Responses.create(req, 401);
        for (String c : auth.challenges(stale)) {
            Responses.add(r, "WWW-Authenticate", c);
        }
        tx.respond(r);
    }

    private void update(ServerTransaction tx, SIPRequest req, Flow flow, String aor) {
        ContactList contacts = req.getContactHeaders();
        long now = clock.millis();
        long headerExpires = req.getExpires() == null ? -1 : req.getExpires().getExpires();
        String callId = req.getCallId().getCallId();
        long cseq = req.getCSeq().getSeqNumber();
        List<Change> changes = new ArrayList<>();
        if (contacts != null && !contacts.isEmpty()) {
            boolean wildcard = false;
            for (Iterator<?> it = contacts.listIterator(); it.hasNext();) {
                Contact c = (Contact) it.next();
                if (c.isWildCard()) {
                    wildcard = true;
                }
            }
            if (wildcard) {
                if (contacts.size() != 1 || headerExpires != 0) {
                    tx.respond(Responses.create(req, 400, "Wildcard Contact requires a single Contact and Expires: 0", null));
                    return;
                }
                changes.add(new Change(null, null, 0));
            } else {
                for (Iterator<?> it = contacts.listIterator(); it.hasNext();) {
                    Contact c = (Contact) it.next();
                    long expires = contactExpires(c, headerExpires);
                    if (expires > 0 && expires < config.minExpires().toSeconds()) {
                        SIPResponse r = Responses.create(req, 423);
                        Responses.add(r, "Min-Expires", Long.toString(config.minExpires().toSeconds()));
                        tx.respond(r);
                        return;
                    }
                    expires = Math.min(expires, config.maxExpires().toSeconds());
                    changes.add(new Change(c.getAddress().getURI().toString(), otherParams(c), expires));
                }
            }
        }
        String[] failure = {null};
        String ua = req.getHeader("User-Agent") == null ? "" : req.getHeader("User-Agent").toString().substring(11).trim();
        String source = flow.remote().getAddress().getHostAddress() + ":" + flow.remote().getPort();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<Binding> result = store.update(aor, current -> {
            failure[0] = null;
            added.clear();
            removed.clear();
            List<Binding> next = new ArrayList<>(current.stream().filter(b -> b.expiresAtMillis() > now).toList());
            for (Change ch : changes) {
                if (ch.uri == null) {
                    for (Binding b : next) {
                        if (b.callId().equals(callId) && cseq <= b.cseq()) {
                            failure[0] = "stale";
                            return current;
                        }
                    }
                    next.forEach(b -> removed.add(b.contact()));
                    next.clear();
                    continue;
                }
                Binding existing = next.stream().filter(b -> b.contact().equals(ch.uri)).findFirst().orElse(null);
                if (existing != null && existing.callId().equals(callId) && cseq <= existing.cseq()) {
                    failure[0] = "stale";
                    return current;
                }
                if (existing != null) {
                    next.remove(existing);
                }
                if (ch.expires == 0) {
                    if (existing != null) {
                        removed.add(ch.uri);
                    }
                    continue;
                }
                if (existing == null) {
                    if (next.size() >= config.maxContactsPerAor()) {
                        failure[0] = "too many contacts";
                        return current;
                    }
                    if (store.size() >= config.maxBindings()) {
                        failure[0] = "registrar full";
                        return current;
                    }
                    added.add(ch.uri);
                }
                next.add(new Binding(aor, ch.uri, ch.params, callId, cseq, now + ch.expires * 1000, flow.transport().token(),
                        source, ua));
            }
            return next;
        });
        if ("stale".equals(failure[0])) {
            tx.respond(Responses.create(req, 500, "Server Internal Error (out-of-order REGISTER)", null));
            return;
        }
        if ("too many contacts".equals(failure[0])) {
            tx.respond(Responses.create(req, 403, "Forbidden (more than " + config.maxContactsPerAor() + " contacts)", null));
            return;
        }
        if (failure[0] != null) {
            tx.respond(Responses.create(req, 503, "Service Unavailable (registrar full)", null));
            return;
        }
        for (String a : added) {
            log.info("registered {} at {} via {} from {}", aor, a, flow.transport().token(), source);
        }
        for (String r : removed) {
            log.info("unregistered {} at {}", aor, r);
        }
        SIPResponse ok = Responses.create(req, 200);
        for (Binding b : result) {
            String params = b.contactParams().isEmpty() ? "" : ";" + b.contactParams();
            Responses.add(ok, "Contact", "<" + b.contact() + ">" + params + ";expires=" + b.secondsLeft(now));
        }
        Responses.add(ok, "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atOffset(ZoneOffset.UTC)));
        tx.respond(ok);
    }

    private long contactExpires(Contact c, long headerExpires) {
        String p = c.getParameter("expires");
        if (p != null) {
            try {
                long v = Long.parseLong(p.trim());
                return v < 0 ? config.defaultExpires().toSeconds() : v;
            } catch (NumberFormatException e) {
                return config.defaultExpires().toSeconds(); // RFC 4475 §3.1.2.4: unusable expiry → default
            }
        }
        return headerExpires >= 0 ? headerExpires : config.defaultExpires().toSeconds();
    }

    private static String otherParams(Contact c) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<?> it = c.getParameterNames(); it.hasNext();) {
            String name = (String) it.next();
            if (name.equalsIgnoreCase("expires")) {
                continue;
            }
            String value = c.getParameter(name);
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(name);
            if (value != null && !value.isEmpty()) {
                boolean quote = value.contains("<") || value.contains(":") || value.contains("\"") || value.contains(" ");
                sb.append('=').append(quote && !value.startsWith("\"") ? "\"" + value + "\"" : value);
            }
        }
        return sb.toString();
    }

    private record Change(String uri, String params, long expires) { }
}
