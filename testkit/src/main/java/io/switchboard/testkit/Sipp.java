package io.switchboard.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Runs SIPp (Debian package {@code sip-tester}) as a bounded peer: every run has a call limit,
 * a global timeout, a receive timeout and a hard deadline after which the process is killed by PID.
 * Its stat, error, message and screen traces go to {@code target/sipp/<name>/}.
 *
 * <pre>{@code
 * SippResult r = Sipp.scenario(path).name("uac-call-udp").remote("127.0.0.1", port)
 *         .service("1002").auth("1001", "switchboard-1001").calls(1).run();
 * }</pre>
 */
public final class Sipp {
    /** SIPp's {@code -t} transport modes used here. */
    public enum Transport {
        /** {@code u1}: one UDP socket. */
        UDP("u1"),
        /** {@code t1}: one TCP connection (a UAS listens on {@code -p}). */
        TCP("t1");

        private final String flag;

        Transport(String flag) {
            this.flag = flag;
        }

        public String flag() {
            return flag;
        }
    }

    private final Path scenarioFile;
    private final String builtin;
    private String name = "sipp";
    private String remote;
    private Transport transport = Transport.UDP;
    private int localPort;
    private long calls = 1;
    private Double rate;
    private Integer limit;
    private Integer lost;
    private String service;
    private String authUser;
    private String authPass;
    private final Map<String, String> sets = new LinkedHashMap<>();
    private final Map<String, String> keys = new LinkedHashMap<>();
    private Path injectionFile;
    private Duration timeout = Duration.ofSeconds(30);
    private Duration recvTimeout = Duration.ofSeconds(10);
    private Duration hardDeadline;
    private boolean traceMessages = true;
    private final List<String> extra = new ArrayList<>();
    private Path baseDir = Path.of("target", "sipp");

    private Sipp(Path scenarioFile, String builtin) {
        this.scenarioFile = scenarioFile;
        this.builtin = builtin;
    }

    /** A run of the XML scenario {@code file} ({@code -sf}). */
    public static Sipp scenario(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no SIPp scenario at " + file.toAbsolutePath());
        }
        return new Sipp(file.toAbsolutePath(), null);
    }

    /** A run of a built-in scenario ({@code -sn uac}, {@code -sn uas}, ...). */
    public static Sipp builtin(String scenarioName) {
        return new Sipp(null, scenarioName);
    }

    /** The run's name: its directory is {@code target/sipp/<name>/} (emptied first). */
    public Sipp name(String name) {
        this.name = name;
        return this;
    }

    /** The directory under which run directories are made (default {@code target/sipp}). */
    public Sipp baseDir(Path dir) {
        this.baseDir = dir;
        return this;
    }

    /** The remote host:port (a UAC's target); loopback only. */
    public Sipp remote(String host, int port) {
        if (!"127.0.0.1".equals(host)) {
            throw new IllegalArgumentException("tests only talk to 127.0.0.1, not " + host);
        }
        this.remote = host + ":" + port;
        return this;
    }

    public Sipp transport(Transport t) {
        this.transport = t;
        return this;
    }

    /** {@code -p}: the local port (a UAS listens here). */
    public Sipp localPort(int port) {
        this.localPort = port;
        return this;
    }

    /** {@code -m}: stop after this many calls. */
    public Sipp calls(long m) {
        this.calls = m;
        return this;
    }

    /** {@code -r}: calls per second. */
    public Sipp rate(double callsPerSecond) {
        this.rate = callsPerSecond;
        return this;
    }

    /** {@code -l}: simultaneous calls. */
    public Sipp limit(int simultaneous) {
        this.limit = simultaneous;
        return this;
    }

    /** {@code -lost}: percentage of packets to lose. */
    public Sipp lost(int percent) {
        this.lost = percent;
        return this;
    }

    /** {@code -s}: the service (user part of the Request-URI, {@code [service]}). */
    public Sipp service(String s) {
        this.service = s;
        return this;
    }

    /** {@code -au}/{@code -ap}: credentials for {@code [authentication]}. */
    public Sipp auth(String user, String password) {
        this.authUser = user;
        this.authPass = password;
        return this;
    }

    /** {@code -set name value}: a global scenario variable. */
    public Sipp set(String variable, String value) {
        sets.put(variable, value);
        return this;
    }

    /** {@code -key name value}: a keyword ({@code [name]}) for the scenario. */
    public Sipp key(String keyword, String value) {
        keys.put(keyword, value);
        return this;
    }

    /** {@code -inf}: a CSV injection file. */
    public Sipp injectionFile(Path csv) {
        this.injectionFile = csv;
        return this;
    }

    /** {@code -timeout}: SIPp's own global timeout (it exits with an error when it fires). */
    public Sipp timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    /** {@code -recv_timeout}: the default timeout of each {@code <recv>}. */
    public Sipp recvTimeout(Duration d) {
        this.recvTimeout = d;
        return this;
    }

    /** When the process is killed whatever it is doing (default: timeout + 15 s). */
    public Sipp hardDeadline(Duration d) {
        this.hardDeadline = d;
        return this;
    }

    /** {@code -trace_msg} on or off (on by default; switch off for long load runs). */
    public Sipp traceMessages(boolean on) {
        this.traceMessages = on;
        return this;
    }

    /** Further raw SIPp arguments. */
    public Sipp arg(String... args) {
        extra.addAll(List.of(args));
        return this;
    }

    /** Runs SIPp in the foreground until it ends (bounded by the hard deadline). */
    public SippResult run() {
        SippProcess p = start();
        return p.awaitExit(deadline());
    }

    /** Starts SIPp in the background (a UAS); {@link SippProcess#awaitReady} waits for its socket. */
    public SippProcess start() {
        Path sipp = Peers.sipp();
        Path dir = baseDir.resolve(name).toAbsolutePath();
        clean(dir);
        List<String> cmd = command(sipp, dir);
        PeerProcess process = PeerProcess.start("sipp " + name, cmd, dir, dir.resolve("sipp.log"), deadline());
        return new SippProcess(name, process, dir, localPort, transport);
    }

    Duration deadline() {
        return hardDeadline != null ? hardDeadline : timeout.plusSeconds(15);
    }

    List<String> command(Path sipp, Path dir) {
        List<String> c = new ArrayList<>();
        c.add(sipp.toString());
        if (remote != null) {
            c.add(remote);
        }
        if (scenarioFile != null) {
            c.addAll(List.of("-sf", scenarioFile.toString()));
        } else {
            c.addAll(List.of("-sn", Objects.requireNonNull(builtin)));
        }
        c.addAll(List.of("-i", "127.0.0.1", "-t", transport.flag()));
        if (localPort > 0) {
            c.addAll(List.of("-p", Integer.toString(localPort)));
        }
        c.addAll(List.of("-m", Long.toString(calls)));
        if (rate != null) {
            c.addAll(List.of("-r", trimDouble(rate)));
        }
        c.addAll(List.of("-l", Integer.toString(limit != null ? limit : (int) Math.max(1, Math.min(calls, 100)))));
        if (lost != null) {
            c.addAll(List.of("-lost", Integer.toString(lost)));
        }
        if (service != null) {
            c.addAll(List.of("-s", service));
        }
        if (authUser != null) {
            c.addAll(List.of("-au", authUser, "-ap", authPass));
        }
        sets.forEach((k, v) -> c.addAll(List.of("-set", k, v)));
        keys.forEach((k, v) -> c.addAll(List.of("-key", k, v)));
        if (injectionFile != null) {
            c.addAll(List.of("-inf", injectionFile.toAbsolutePath().toString()));
        }
        c.addAll(List.of("-timeout", timeout.toMillis() + "ms", "-timeout_error",
                "-recv_timeout", recvTimeout.toMillis() + "ms",
                "-nostdin", "-buff_size", "1048576",
                "-trace_stat", "-stf", dir.resolve("stat.csv").toString(), "-fd", "1",
                "-trace_err", "-error_file", dir.resolve("errors.log").toString(),
                "-trace_screen", "-screen_file", dir.resolve("screen.log").toString()));
        if (traceMessages) {
            c.addAll(List.of("-trace_msg", "-message_file", dir.resolve("messages.log").toString()));
        }
        c.addAll(extra);
        return c;
    }

    private static String trimDouble(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    static void clean(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
