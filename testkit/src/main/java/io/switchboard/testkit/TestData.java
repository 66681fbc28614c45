package io.switchboard.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared test data directory (RFC torture messages and other fixtures that are not copied
 * into the repository): the system property {@code switchboard.testdata} if set, otherwise the first
 * {@code shared/testdata} found walking up from the working directory.
 */
public final class TestData {
    public static final String PROPERTY = "switchboard.testdata";

    private TestData() {
    }

    /** The test data directory; fails naming where it looked if there is none. */
    public static Path root() {
        String prop = System.getProperty(PROPERTY);
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop).toAbsolutePath();
            if (!Files.isDirectory(p)) {
                throw new AssertionError("-D" + PROPERTY + "=" + prop + " is not a directory");
            }
            return p;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("testdata");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("test data not found: set -D" + PROPERTY + "=<dir> or provide shared/testdata in "
                + start + " or one of its parents");
    }

    /** A sub-directory of the test data, e.g. {@code rfc4475}; fails clearly if it is missing. */
    public static Path dir(String name) {
        Path d = root().resolve(name);
        if (!Files.isDirectory(d)) {
            throw new AssertionError("test data directory " + d + " is missing");
        }
        return d;
    }
}
