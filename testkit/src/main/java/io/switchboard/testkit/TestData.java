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
        return locate(System.getProperty(PROPERTY), Path.of("").toAbsolutePath(), "rfc4475");
    }

    /**
     * The data directory from the property value {@code prop} (may be null) or the first
     * {@code shared/testdata} holding {@code mustHold} found walking up from {@code start}.
     */
    public static Path locate(String prop, Path start, String mustHold) {
        if (prop != null && !prop.isBlank()) {
            Path p = Path.of(prop).toAbsolutePath();
            if (!Files.isDirectory(p.resolve(mustHold))) {
                throw new AssertionError("-D" + PROPERTY + "=" + p + " has no " + mustHold + "/ directory");
            }
            return p;
        }
        for (Path p = start; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("testdata");
            if (Files.isDirectory(candidate.resolve(mustHold))) {
                return candidate;
            }
        }
        throw new AssertionError("RFC torture test data not found: set -D" + PROPERTY + "=<dir> or place shared/testdata (with "
                + mustHold + "/) in " + start + " or one of its parents");
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
