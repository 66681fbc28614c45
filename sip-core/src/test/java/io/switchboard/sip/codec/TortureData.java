package io.switchboard.sip.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Locates the shared RFC 4475 / RFC 5118 torture files at run time; they are not copied into the repo.
 * Looks at the system property {@value #PROPERTY}, else walks up from the working directory for a
 * directory {@code shared/testdata} (in CI a copy of {@code shared/} sits beside the clone). Missing
 * data fails the test with a message saying where it looked: these tests are never skipped.
 */
final class TortureData {
    static final String PROPERTY = io.switchboard.testkit.TestData.PROPERTY;

    private static Path root;

    private TortureData() {
    }

    /** The {@code shared/testdata} directory. */
    static synchronized Path root() {
        if (root == null) {
            root = locate(System.getProperty(PROPERTY), Path.of("").toAbsolutePath());
        }
        return root;
    }

    /** Resolves the data directory from the property value (may be null) or by walking up from {@code start}. */
    static Path locate(String prop, Path start) {
        return io.switchboard.testkit.TestData.locate(prop, start, "rfc4475");
    }

    /** Bytes of {@code rfc4475/<name>.dat}, unchanged. */
    static byte[] rfc4475(String name) {
        return read(root().resolve("rfc4475").resolve(name + ".dat"));
    }

    /** Names (without .dat) of all RFC 4475 files present. */
    static List<String> rfc4475Names() {
        return names(root().resolve("rfc4475"), ".dat");
    }

    /** Bytes of {@code rfc5118/<dir>/<name>}, {@code dir} being {@code archive} or {@code wire}. */
    static byte[] rfc5118(String dir, String file) {
        return read(root().resolve("rfc5118").resolve(dir).resolve(file));
    }

    static List<String> names(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix))
                    .map(n -> n.substring(0, n.length() - suffix.length())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static byte[] read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("torture file missing: " + file);
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
