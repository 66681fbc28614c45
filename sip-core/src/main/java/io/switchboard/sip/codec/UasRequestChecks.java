package io.switchboard.sip.codec;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sip.header.AcceptHeader;
import javax.sip.header.ContentEncodingHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.RequireHeader;

/**
 * The checks a UAS applies to a well-formed request before processing it, in the order of RFC 3261
 * §8.2: method (§8.2.1: 501 unknown, 405 known but not allowed, each with {@code Allow}), Request-URI
 * scheme (§8.2.2.1: 416), {@code Require} (§8.2.2.3: 420 with {@code Unsupported}; never for ACK or
 * CANCEL, and {@code Proxy-Require} is for proxies only), body type and encoding (§8.2.3: 415 with
 * {@code Accept} or {@code Accept-Encoding}), and an INVITE's {@code Accept} (§21.4.7: 406 when it
 * rules out SDP). An ACK is never answered (§17.2.3), so it always passes. Merged-request detection
 * (§8.2.2.2) needs transaction state and lives in the transaction layer.
 */
public final class UasRequestChecks {
    /** Option tags this UAS supports (RFC 3261 §19.2); none yet, so any {@code Require} tag gets 420. */
    public static final Set<String> SUPPORTED = Set.of();
    /** Value of the {@code Supported} header to send (§20.37); empty because {@link #SUPPORTED} is. */
    public static final String SUPPORTED_HEADER = String.join(", ", SUPPORTED);
    /** URI schemes a Request-URI may use here (§19.1, RFC 3966 for tel). */
    public static final Set<String> SCHEMES = Set.of("sip", "sips", "tel");
    /** Body types an INVITE or UPDATE may carry (an SDP offer, possibly in multipart/mixed). */
    public static final Set<String> BODY_TYPES = Set.of("application/sdp", "multipart/mixed");
    /** The {@code Accept} value sent with a 415. */
    public static final String ACCEPT = "application/sdp";

    private static final Set<String> ALLOWED = Arrays.stream(KnownMethods.ALLOW.split(","))
            .map(String::strip).collect(Collectors.toUnmodifiableSet());

    /** Why a request is refused: the status, a reason phrase and headers the RFC requires on it. */
    public record Rejection(int status, String reason, Map<String, String> headers) {
        public Rejection {
            headers = Map.copyOf(headers);
        }

        /** The response to {@code request} (§8.2.6: Via, From, To, Call-ID and CSeq copied). */
        public SIPResponse toResponse(SIPRequest request) {
            return Responses.build(request, status, reason, headers);
        }
    }

    private UasRequestChecks() {
    }

    /** The first §8.2 check {@code request} fails, or empty when it may be processed. */
    public static Optional<Rejection> check(SIPRequest request) {
        String method = request.getMethod();
        if ("ACK".equals(method)) {
            return Optional.empty();
        }
        if (method == null || !KnownMethods.isKnown(method)) {
            return reject(501, "Not Implemented", Map.of("Allow", KnownMethods.ALLOW));
        }
        if (!ALLOWED.contains(method)) {
            return reject(405, "Method Not Allowed", Map.of("Allow", KnownMethods.ALLOW));
        }
        String scheme = request.getRequestURI() == null ? "" : request.getRequestURI().getScheme();
        if (scheme == null || !SCHEMES.contains(scheme.toLowerCase(Locale.ROOT))) {
            return reject(416, "Unsupported URI Scheme", Map.of());
        }
        if (!"CANCEL".equals(method)) {
            List<String> unsupported = unsupportedRequirements(request);
            if (!unsupported.isEmpty()) {
                return reject(420, "Bad Extension", Map.of("Unsupported", String.join(", ", unsupported)));
            }
        }
        if ("INVITE".equals(method) || "UPDATE".equals(method)) {
            Optional<Rejection> body = checkBody(request);
            if (body.isPresent()) {
                return body;
            }
        }
        if ("INVITE".equals(method) && !acceptsSdp(request)) {
            return reject(406, "Not Acceptable", Map.of());
        }
        return Optional.empty();
    }

    /** Shorthand for {@code check(request).map(r -> r.toResponse(request))}. */
    public static Optional<SIPResponse> toResponse(SIPRequest request) {
        return check(request).map(r -> r.toResponse(request));
    }

    private static List<String> unsupportedRequirements(SIPRequest request) {
        Set<String> out = new LinkedHashSet<>();
        for (var it = request.getHeaders(RequireHeader.NAME); it.hasNext(); ) {
            String tag = ((RequireHeader) it.next()).getOptionTag();
            if (tag != null && !tag.isBlank() && !SUPPORTED.contains(tag.strip())) {
                out.add(tag.strip());
            }
        }
        return new ArrayList<>(out);
    }

    /** §8.2.3: a body we cannot read is refused with 415 naming what we accept. */
    private static Optional<Rejection> checkBody(SIPRequest request) {
        byte[] body = request.getRawContent();
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        ContentTypeHeader type = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
        String mediaType = type == null || type.getContentType() == null ? ""
                : (type.getContentType() + "/" + type.getContentSubType()).toLowerCase(Locale.ROOT);
        if (!BODY_TYPES.contains(mediaType)) {
            return reject(415, "Unsupported Media Type", Map.of("Accept", ACCEPT));
        }
        ContentEncodingHeader encoding = (ContentEncodingHeader) request.getHeader(ContentEncodingHeader.NAME);
        if (encoding != null && !"identity".equalsIgnoreCase(encoding.getEncoding())) {
            return reject(415, "Unsupported Media Type", Map.of("Accept-Encoding", "identity"));
        }
        return Optional.empty();
    }

    /** §20.1: no Accept means application/sdp; otherwise one entry must cover it with q above 0. */
    private static boolean acceptsSdp(SIPRequest request) {
        var it = request.getHeaders(AcceptHeader.NAME);
        if (it == null || !it.hasNext()) {
            return true;
        }
        while (it.hasNext()) {
            AcceptHeader accept = (AcceptHeader) it.next();
            String type = lower(accept.getContentType());
            String sub = lower(accept.getContentSubType());
            boolean covers = (type.equals("*") || type.equals("application")) && (sub.equals("*") || sub.equals("sdp"));
            if (covers && accept.getQValue() != 0f) {
                return true;
            }
        }
        return false;
    }

    private static String lower(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    private static Optional<Rejection> reject(int status, String reason, Map<String, String> headers) {
        return Optional.of(new Rejection(status, reason, headers));
    }
}
