package io.switchboard.media.sdp;

import java.util.regex.Pattern;

/**
 * A quick structural check of an SDP body (RFC 4566 §5) before it reaches the JAIN-SIP parser, which
 * accepts some garbage silently and prints stack traces for other garbage. Returns a reason naming
 * the line, or null when the body looks like SDP.
 */
final class SdpSyntax {
    private static final Pattern LINE = Pattern.compile("[a-z]=.*");
    private static final Pattern MEDIA = Pattern.compile("m=\\S+ \\d{1,5}(/\\d+)? \\S+( \\S+)+\\s*");
    private static final Pattern CONNECTION = Pattern.compile("c=IN IP[46] \\S+\\s*");

    private SdpSyntax() {
    }

    static String check(String body) {
        if (body == null || body.isBlank()) {
            return "empty body";
        }
        String[] lines = body.split("\r?\n");
        if (!lines[0].trim().equals("v=0")) {
            return "line 1: expected v=0";
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty() && i == lines.length - 1) {
                continue;
            }
            if (!LINE.matcher(line).matches()) {
                return "line " + (i + 1) + ": not a <type>=<value> line";
            }
            if (line.startsWith("m=") && !MEDIA.matcher(line).matches()) {
                return "line " + (i + 1) + ": malformed m= line";
            }
            if (line.startsWith("c=") && !CONNECTION.matcher(line).matches()) {
                return "line " + (i + 1) + ": malformed c= line";
            }
        }
        return null;
    }
}
