package io.switchboard.testkit;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A baresip softphone (Debian package {@code baresip-core}, verified with 1.0.0) driven through its
 * {@code ctrl_tcp} module. Its configuration directory is written under {@code target/baresip/<name>/}:
 * SIP on 127.0.0.1 only ({@code sip_listen}, {@code net_interface 127.0.0.1} so SDP and RTP stay on loopback),
 * no sound card ({@code ausine} 440 Hz tone as source, {@code aubridge} as player), G.711, one account with
 * {@code answermode=auto}, and {@code ctrl_tcp} on a free port. It runs in the foreground with stdin from
 * {@code /dev/null}, SIP trace ({@code -s}) into its log, and is killed by PID at a hard deadline.
 */
public final class Baresip implements AutoCloseable {
    private static final String MODULE_DIR = "/usr/lib/baresip/modules";

    private final String name;
    private final Path dir;
    private final int sipPort;
    private final PeerProcess process;
    private final BaresipControl control;

    private Baresip(String name, Path dir, int sipPort, PeerProcess process, BaresipControl control) {
        this.name = name;
        this.dir = dir;
        this.sipPort = sipPort;
        this.process = process;
        this.control = control;
    }

    /** How to build one baresip instance. */
    public static final class Builder {
        private final String name;
        private String user = "1001";
        private String password;
        private String registrar;
        private String transport = "udp";
        private int regintSeconds = 300;
        private Duration hardDeadline = Duration.ofMinutes(2);
        private Path baseDir = Path.of("target", "baresip");
        private Path playFile;
        private boolean recordAudio;
        private List<String> codecs = List.of();

        private Builder(String name) {
            this.name = name;
        }

        /** The account's user (extension) and digest password. */
        public Builder account(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** Register at 127.0.0.1:{@code port} (the AOR's domain is that address). Without it baresip does not register. */
        public Builder registrar(int port) {
            this.registrar = "127.0.0.1:" + port;
            return this;
        }

        /** {@code udp} (default) or {@code tcp} for the account. */
        public Builder transport(String t) {
            this.transport = t;
            return this;
        }

        /** The registration interval asked for ({@code regint}). */
        public Builder registrationInterval(int seconds) {
            this.regintSeconds = seconds;
            return this;
        }

        public Builder hardDeadline(Duration d) {
            this.hardDeadline = d;
            return this;
        }

        public Builder baseDir(Path d) {
            this.baseDir = d;
            return this;
        }

        /** Sends the audio of this WAV file (module {@code aufile}) instead of the 440 Hz sine. */
        public Builder playFile(Path wav) {
            this.playFile = wav.toAbsolutePath();
            return this;
        }

        /**
         * Writes what the phone sends and receives to WAV files in its directory (module {@code sndfile}:
         * {@code dump-*-enc.wav} is sent audio, {@code dump-*-dec.wav} received audio).
         */
        public Builder recordAudio() {
            this.recordAudio = true;
            return this;
        }

        /** The codecs the account offers and accepts, e.g. {@code PCMU/8000} or {@code opus/48000/2} (loads opus). */
        public Builder codecs(String... codecs) {
            this.codecs = List.of(codecs);
            return this;
        }

        /** Writes the configuration, starts baresip and connects to its control port. */
        public Baresip start() {
            Path binary = Peers.baresip();
            for (String module : List.of("ctrl_tcp.so", "menu.so", "account.so", "g711.so", "ausine.so", "aubridge.so")) {
                Peers.requireFile(Path.of(MODULE_DIR, module), "baresip-core");
            }
            Path dir = baseDir.resolve(name).toAbsolutePath();
            Sipp.clean(dir);
            int sipPort = FreePorts.udpAndTcpPair();
            int ctrlPort = FreePorts.tcp();
            try {
                Files.writeString(dir.resolve("config"), config(sipPort, ctrlPort), StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("accounts"), account(sipPort) + "\n", StandardCharsets.UTF_8);
                Files.writeString(dir.resolve("contacts"), "", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            PeerProcess p = PeerProcess.start("baresip " + name, List.of(binary.toString(), "-s", "-f", dir.toString()), dir,
                    dir.resolve("baresip.log"), hardDeadline);
            AtomicReference<BaresipControl> ctrl = new AtomicReference<>();
            try {
                await("baresip '" + name + "' control port " + ctrlPort).atMost(Duration.ofSeconds(10))
                        .pollInterval(Duration.ofMillis(50)).ignoreExceptionsMatching(e -> e instanceof IOException)
                        .until(() -> {
                            if (!p.isAlive()) {
                                throw new AssertionError("baresip '" + name + "' exited at start-up:\n" + p.logText());
                            }
                            ctrl.set(new BaresipControl(ctrlPort));
                            return true;
                        });
            } catch (ConditionTimeoutException e) {
                p.stop(Duration.ofSeconds(2));
                throw new AssertionError("baresip '" + name + "' never opened its control port:\n" + p.logText(), e);
            }
            return new Baresip(name, dir, sipPort, p, ctrl.get());
        }

        private String config(int sipPort, int ctrlPort) {
            List<String> lines = new ArrayList<>(List.of(
                    "poll_method\tepoll",
                    "sip_listen\t127.0.0.1:" + sipPort,
                    "net_interface\t127.0.0.1",
                    "call_local_timeout\t60",
                    "audio_player\taubridge,play-" + name,
                    "audio_alert\taubridge,alert-" + name,
                    playFile != null ? "audio_source\taufile," + playFile : "audio_source\tausine,440",
                    "ausrc_srate\t48000",
                    "ausrc_channels\t2",
                    "rtp_ports\t40000-49999",
                    "module_path\t" + MODULE_DIR,
                    "module\tg711.so",
                    "module\tausine.so",
                    "module\taubridge.so",
                    "module_app\taccount.so",
                    "module_app\tmenu.so",
                    "module_app\tctrl_tcp.so",
                    "ctrl_tcp_listen\t127.0.0.1:" + ctrlPort));
            if (playFile != null) {
                lines.add("module\taufile.so");
            }
            if (recordAudio) {
                lines.add("module\tsndfile.so");
                lines.add("snd_path\t" + baseDir.resolve(name).toAbsolutePath());
            }
            if (codecs.stream().anyMatch(c -> c.toLowerCase(java.util.Locale.ROOT).startsWith("opus"))) {
                lines.add("module\topus.so");
            }
            return String.join("\n", lines) + "\n";
        }

        private String account(int sipPort) {
            StringBuilder a = new StringBuilder();
            if (registrar != null) {
                a.append("<sip:").append(user).append('@').append(registrar).append(";transport=").append(transport).append('>');
                a.append(";auth_user=").append(user);
                if (password != null) {
                    a.append(";auth_pass=").append(password);
                }
                a.append(";regint=").append(regintSeconds);
            } else {
                a.append("<sip:").append(user).append("@127.0.0.1:").append(sipPort).append(";transport=").append(transport).append('>');
                a.append(";regint=0");
            }
            a.append(";answermode=auto");
            if (!codecs.isEmpty()) {
                a.append(";audio_codecs=").append(String.join(",", codecs));
            }
            return a.toString();
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** The local SIP port (UDP and TCP). */
    public int sipPort() {
        return sipPort;
    }

    public long pid() {
        return process.pid();
    }

    /** Everything reported so far. */
    public List<BaresipEvent> events() {
        return control.events();
    }

    /**
     * Waits until the account is registered: a REGISTER_OK event, or {@code reginfo} reporting {@code OK}
     * (baresip registers at start-up, possibly before the control connection exists, and events are
     * not replayed). Fails at once on REGISTER_FAIL or an {@code ERR} status.
     */
    public void awaitRegistered(Duration atMost) {
        AtomicReference<String> last = new AtomicReference<>("");
        try {
            await("baresip '" + name + "' registered").atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
                Optional<BaresipEvent> failed = event("REGISTER_FAIL");
                if (failed.isPresent()) {
                    throw new AssertionError("baresip '" + name + "' failed to register: " + failed.get() + "\n" + logText());
                }
                if (event("REGISTER_OK").isPresent()) {
                    return true;
                }
                String info = regInfo().replaceAll("\u001b\\[[0-9;]*m", "");
                last.set(info);
                if (info.contains("ERR")) {
                    throw new AssertionError("baresip '" + name + "' failed to register: " + info + "\n" + logText());
                }
                return info.contains(" OK");
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("baresip '" + name + "' not registered within " + atMost + "; reginfo: " + last.get()
                    + "\nevents: " + control.events() + "\n" + logText(), e);
        }
    }

    /** Places a call ({@code dial} command). */
    public void dial(String uri) {
        control.command("dial", uri, Duration.ofSeconds(5));
    }

    /** Hangs up the current call. */
    public void hangup() {
        control.command("hangup", "", Duration.ofSeconds(5));
    }

    /** The {@code reginfo} text (registration state of each account). */
    public String regInfo() {
        return control.command("reginfo", "", Duration.ofSeconds(5));
    }

    /** Waits for the first event of {@code type}; fails at once if one of {@code failureTypes} comes first. */
    public BaresipEvent awaitEvent(String type, Duration atMost, String... failureTypes) {
        Predicate<BaresipEvent> wanted = e -> e.type().equals(type);
        AtomicReference<BaresipEvent> found = new AtomicReference<>();
        try {
            await("baresip '" + name + "' event " + type).atMost(atMost).pollInterval(Duration.ofMillis(50)).until(() -> {
                for (BaresipEvent e : control.events()) {
                    for (String f : failureTypes) {
                        if (e.type().equals(f)) {
                            throw new AssertionError("baresip '" + name + "' reported " + e + " while waiting for " + type
                                    + "\nevents: " + control.events() + "\n" + logText());
                        }
                    }
                    if (wanted.test(e)) {
                        found.set(e);
                        return true;
                    }
                }
                if (!process.isAlive()) {
                    throw new AssertionError("baresip '" + name + "' exited while waiting for " + type + "\n" + logText());
                }
                return false;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("baresip '" + name + "' did not report " + type + " within " + atMost
                    + "\nevents: " + control.events() + "\n" + logText(), e);
        }
        return found.get();
    }

    /** The first event of {@code type} seen so far. */
    public Optional<BaresipEvent> event(String type) {
        return control.events().stream().filter(e -> e.type().equals(type)).findFirst();
    }

    /** baresip's output (with the SIP trace). */
    public String logText() {
        return "--- baresip '" + name + "' log (" + process.logFile() + ") ---\n" + SippResult.tail(process.logText(), 20000);
    }

    public Path dir() {
        return dir;
    }

    /** Asks baresip to quit, then stops the process by PID. */
    @Override
    public void close() {
        if (process.isAlive() && control.readError() == null) {
            try {
                control.command("quit", "", Duration.ofSeconds(2));
            } catch (AssertionError | RuntimeException e) {
                // baresip may close the control connection before answering; the process is stopped below
                process.stop(Duration.ofSeconds(1));
            }
        }
        control.close();
        process.stop(Duration.ofSeconds(3));
    }
}
