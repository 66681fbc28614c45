package io.switchboard.media.record;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * Where a call's recording lives: {@code <recordings>/YYYY/MM/DD/<callId>.wav}, dated in UTC so the
 * layout does not depend on the server's time zone or jump at daylight-saving changes.
 *
 * <p>A SIP Call-ID (RFC 3261 §8.1.1.4) may hold characters a file system rejects or interprets
 * ({@code /}, {@code :}, {@code *}, a leading dot). Letters, digits, {@code - _ . @} are kept; every
 * other byte of the UTF-8 form becomes {@code %XX}, so distinct Call-IDs never share a file. An
 * overlong result is cut and suffixed with a hash of the whole id, under the common 255-byte
 * file-name limit.
 */
final class RecordingPaths {
    private static final int MAX_NAME = 200;
    private static final int KEPT_PREFIX = 160;

    private RecordingPaths() {
    }

    static Path pathFor(Path recordingsDir, Instant now, String callId) {
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return recordingsDir.resolve(String.format("%04d", day.getYear()))
                .resolve(String.format("%02d", day.getMonthValue()))
                .resolve(String.format("%02d", day.getDayOfMonth()))
                .resolve(fileName(callId) + ".wav");
    }

    static String fileName(String callId) {
        if (callId.isEmpty()) {
            throw new IllegalArgumentException("a recording needs a call id");
        }
        StringBuilder name = new StringBuilder();
        byte[] utf8 = callId.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xFF;
            boolean kept = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                    || b == '-' || b == '_' || b == '@' || (b == '.' && i > 0);
            if (kept) {
                name.append((char) b);
            } else {
                name.append('%').append(HexFormat.of().withUpperCase().toHexDigits((byte) b));
            }
        }
        if (name.length() <= MAX_NAME) {
            return name.toString();
        }
        return name.substring(0, KEPT_PREFIX) + "~" + sha256(utf8).substring(0, 16);
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
