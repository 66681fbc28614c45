package io.switchboard.sip.codec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Strict checks of the Request-Line and Status-Line (RFC 3261 §7.1, §7.2, §25.1) on the raw text,
 * because JAIN-SIP tolerates or mangles several of the RFC 4475 §3.1.2 cases (extra or trailing SP,
 * LWS or {@code <>} around the Request-URI, an unknown SIP-Version, an overlarge status code).
 */
final class StartLineCheck {
    private static final Pattern VERSION = Pattern.compile("(?i)SIP/[0-9]+\\.[0-9]+");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Pattern STATUS = Pattern.compile("[1-6][0-9][0-9]");

    private StartLineCheck() {
    }

    /**
     * {@code Request-Line = Method SP Request-URI SP SIP-Version CRLF}; returns null when well-formed.
     * An unknown version is 505 (§21.5.6, RFC 4475 §3.1.2.16), everything else 400.
     */
    static Problem request(String line) {
        if (line.indexOf('\t') >= 0) {
            return Problem.badRequest("Tab in Request-Line");
        }
        String[] parts = line.split(" ", -1);
        if (parts.length < 3) {
            return Problem.badRequest(parts.length == 2 ? "Request-Line lacks SIP-Version" : "Malformed Request-Line");
        }
        if (line.endsWith(" ")) {
            return Problem.badRequest("Trailing space at end of Request-Line");
        }
        for (String part : parts) {
            if (part.isEmpty()) {
                return Problem.badRequest("More than one SP between Request-Line elements");
            }
        }
        if (parts.length > 3) {
            return Problem.badRequest("Whitespace inside Request-URI");
        }
        if (!Lexical.isToken(parts[0])) {
            return Problem.badRequest("Method is not a token");
        }
        String uri = parts[1];
        if (uri.startsWith("<") || uri.endsWith(">")) {
            return Problem.badRequest("Request-URI must not be enclosed in <>");
        }
        if (!VERSION.matcher(parts[2]).matches()) {
            return Problem.badRequest("Malformed SIP-Version in Request-Line");
        }
        if (!parts[2].equalsIgnoreCase("SIP/2.0")) {
            return new Problem(505, "Version Not Supported");
        }
        return requestUri(uri);
    }

    /** The R-URI: a scheme, and for SIP/SIPS no headers (§19.1.1 Table 1) and IPv6 in [] (RFC 5118 §4.2). */
    private static Problem requestUri(String uri) {
        if (!SCHEME.matcher(uri).matches()) {
            return Problem.badRequest("Request-URI has no scheme");
        }
        String scheme = uri.substring(0, uri.indexOf(':')).toLowerCase(Locale.ROOT);
        if (!scheme.equals("sip") && !scheme.equals("sips")) {
            return null;
        }
        String rest = uri.substring(scheme.length() + 1);
        // '@' cannot appear unescaped after the userinfo, which may itself hold '?' and ';' (§25.1)
        String afterUser = rest.substring(rest.lastIndexOf('@') + 1);
        if (afterUser.indexOf('?') >= 0) {
            return Problem.badRequest("Headers are not allowed in a Request-URI");
        }
        int semi = afterUser.indexOf(';');
        String hostport = semi < 0 ? afterUser : afterUser.substring(0, semi);
        if (hostport.isEmpty()) {
            return Problem.badRequest("Request-URI has no host");
        }
        if (hostport.startsWith("[")) {
            return hostport.indexOf(']') < 0 ? Problem.badRequest("Unclosed [ in Request-URI host") : null;
        }
        if (hostport.indexOf(':') != hostport.lastIndexOf(':')) {
            return Problem.badRequest("IPv6 address in Request-URI must be enclosed in []");
        }
        return null;
    }

    /**
     * {@code Status-Line = SIP-Version SP Status-Code SP Reason-Phrase}; a broken one cannot be
     * answered, so the caller drops the response (RFC 4475 §3.1.2.19).
     */
    static String response(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !VERSION.matcher(parts[0]).matches()) {
            return "Malformed Status-Line";
        }
        if (!parts[0].equalsIgnoreCase("SIP/2.0")) {
            return "Response with unsupported SIP-Version";
        }
        if (!STATUS.matcher(parts[1]).matches()) {
            return "Status code is not three digits in 100-699";
        }
        return null;
    }
}
