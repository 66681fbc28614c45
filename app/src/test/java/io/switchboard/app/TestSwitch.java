package io.switchboard.app;

import io.switchboard.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Switchboard started in-process on free loopback ports with the repository's {@code conf/},
 * a fresh data directory under {@code target/}, and extra {@code --set} overrides.
 */
public final class TestSwitch implements AutoCloseable {
    private final Switchboard switchboard;
    private final int sipPort;
    private final Path dataDir;

    private TestSwitch(Switchboard switchboard, int sipPort, Path dataDir) {
        this.switchboard = switchboard;
        this.sipPort = sipPort;
        this.dataDir = dataDir;
    }

    /** Starts with fresh data; {@code sets} are {@code key=value} overrides. */
    public static TestSwitch start(String... sets) {
        try {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            return start(Files.createTempDirectory(target, "data-"), sets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts on {@code dataDir} (kept, so a restart sees what the previous instance stored). */
    public static TestSwitch start(Path dataDir, String... sets) {
        int port = FreePorts.udpAndTcp();
        List<String> all = new ArrayList<>(List.of("sip.port=" + port, "http.port=0", "data.dir=" + dataDir));
        all.addAll(List.of(sets));
        Path conf = repoRoot().resolve("conf");
        Switchboard sb = Switchboard.start(Switchboard.loadConfig(conf, all), conf);
        return new TestSwitch(sb, sb.sip().port(), dataDir);
    }

    /** Starts on SIP port {@code port} with the configuration directory {@code conf} and fresh data. */
    public static TestSwitch startWithConf(Path conf, int port, String... sets) {
        try {
            Path target = Files.createDirectories(Path.of("target").toAbsolutePath());
            Path dataDir = Files.createTempDirectory(target, "data-");
            List<String> all = new ArrayList<>(List.of("sip.port=" + port, "http.port=0", "data.dir=" + dataDir));
            all.addAll(List.of(sets));
            Switchboard sb = Switchboard.start(Switchboard.loadConfig(conf, all), conf);
            return new TestSwitch(sb, sb.sip().port(), dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root (tests run in the module directory). */
    public static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("conf"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("cannot find the repository's conf/ above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    public int sipPort() {
        return sipPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    public Switchboard switchboard() {
        return switchboard;
    }

    @Override
    public void close() {
        switchboard.close();
    }
}
