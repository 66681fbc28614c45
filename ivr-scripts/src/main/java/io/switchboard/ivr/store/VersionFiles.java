package io.switchboard.ivr.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The versions on disk: {@code <data>/<flow>/<n>.yaml} and {@code <data>/<flow>/published}. Every file is
 * written to a temporary name and renamed into place, so a crash never leaves half a version.
 */
final class VersionFiles {
    private final Path root;

    VersionFiles(Path root) {
        this.root = root;
    }

    List<String> flows() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Version number → text, in order. */
    Map<Integer, String> versions(String flow) {
        Map<Integer, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(root.resolve(flow))) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (name.matches("\\d+\\.yaml")) {
                    out.put(Integer.parseInt(name.substring(0, name.length() - 5)), Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    Instant savedAt(String flow, int n) {
        try {
            return Files.getLastModifiedTime(root.resolve(flow).resolve(n + ".yaml")).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    Optional<Integer> published(String flow) {
        Path p = root.resolve(flow).resolve("published");
        try {
            return Files.exists(p) ? Optional.of(Integer.parseInt(Files.readString(p).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    void write(String flow, int n, String text) {
        atomicWrite(root.resolve(flow).resolve(n + ".yaml"), text);
    }

    void publish(String flow, int n) {
        atomicWrite(root.resolve(flow).resolve("published"), n + "\n");
    }

    private static void atomicWrite(Path target, String text) {
        try {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
