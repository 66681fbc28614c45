package io.switchboard.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the external peer programs the end-to-end tests drive (SIPp, baresip, sipsak).
 *
 * <p>A missing peer fails the test with the Debian package to install when {@code CI=true}
 * (so CI never silently skips), and aborts it with the same message on a developer machine.
 */
public final class Peers {
    private Peers() {
    }

    /** The absolute path of {@code binary} on {@code PATH}, or a failed/aborted test naming {@code debianPackage}. */
    public static Path require(String binary, String debianPackage) {
        Optional<Path> found = find(binary);
        if (found.isPresent()) {
            return found.get();
        }
        throw missing("peer '" + binary + "' is not installed", debianPackage);
    }

    /** {@code file} (e.g. a baresip module), or a failed/aborted test naming {@code debianPackage}. */
    public static Path requireFile(Path file, String debianPackage) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        throw missing(file + " is missing", debianPackage);
    }

    private static AssertionError missing(String what, String debianPackage) {
        String message = what + ": install Debian package " + debianPackage
                + " (apt-get install -y --no-install-recommends " + debianPackage + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return new AssertionError(message);
    }

    /** SIPp, from Debian package {@code sip-tester}. */
    public static Path sipp() {
        return require("sipp", "sip-tester");
    }

    /** baresip, from Debian package {@code baresip-core}. */
    public static Path baresip() {
        return require("baresip", "baresip-core");
    }

    /** Kamailio, from Debian package {@code kamailio} (installed under /usr/sbin, often not on PATH). */
    public static Path kamailio() {
        Path sbin = Path.of("/usr/sbin/kamailio");
        return find("kamailio").orElseGet(() -> requireFile(sbin, "kamailio"));
    }

    static Optional<Path> find(String binary) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, binary);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }
}
