package io.switchboard.testkit;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one SIPp run left behind: its exit code (0 = every call succeeded, 1 = some failed,
 * 97 = stopped by command, 99 = no call processed, 255/254 = fatal), the call counters from its
 * {@code -trace_stat} file and the text of its logs.
 *
 * @param name         the run's name (its directory under {@code target/sipp/})
 * @param exitCode     SIPp's exit code, or -1 if it had to be killed
 * @param successful   {@code SuccessfulCall(C)} from the stat file, -1 if there was none
 * @param failed       {@code FailedCall(C)} from the stat file, -1 if there was none
 * @param stats        every cumulative counter of the last stat line
 * @param dir          the run directory holding the stat, error, message and screen files
 * @param log          SIPp's stdout/stderr
 */
public record SippResult(String name, int exitCode, long successful, long failed, Map<String, String> stats, Path dir, String log) {

    /** The SIP messages SIPp sent and received ({@code -trace_msg}). */
    public String messages() {
        return PeerProcess.readQuietly(dir.resolve("messages.log"));
    }

    /** SIPp's error trace ({@code -trace_err}): unexpected messages, timeouts, retransmission failures. */
    public String errors() {
        return PeerProcess.readQuietly(dir.resolve("errors.log"));
    }

    /** SIPp's final screen ({@code -trace_screen}). */
    public String screen() {
        return PeerProcess.readQuietly(dir.resolve("screen.log"));
    }

    /** A counter from the stat file, e.g. {@code FailedUnexpectedMessage(C)}; -1 if missing. */
    public long counter(String column) {
        return SippStats.count(stats, column);
    }

    /** Everything a developer needs when an assertion on this run fails. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("SIPp run '").append(name).append("' exit=").append(exitCode)
                .append(" successful=").append(successful).append(" failed=").append(failed)
                .append(" (files in ").append(dir).append(")\n");
        stats.forEach((k, v) -> {
            if (k.startsWith("Failed") && k.endsWith("(C)") && !"0".equals(v.trim())) {
                b.append("  ").append(k).append('=').append(v).append('\n');
            }
        });
        b.append("--- errors.log ---\n").append(tail(errors(), 6000));
        b.append("\n--- screen.log ---\n").append(tail(screen(), 4000));
        b.append("\n--- stdout/stderr ---\n").append(tail(log, 3000));
        b.append("\n--- messages.log ---\n").append(tail(messages(), 12000));
        return b.toString();
    }

    static String tail(String s, int max) {
        return s.length() <= max ? s : "...(" + (s.length() - max) + " chars cut)...\n" + s.substring(s.length() - max);
    }
}
