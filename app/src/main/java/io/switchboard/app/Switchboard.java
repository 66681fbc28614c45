package io.switchboard.app;

import io.switchboard.app.voice.Ivr;
import io.switchboard.app.voice.IvrConfig;
import io.switchboard.app.voice.Queues;
import io.switchboard.core.config.Config;
import io.switchboard.ivr.exec.JdkHttpFetcher;
import io.switchboard.speech.tts.TtsConfig;
import io.switchboard.core.config.ConfigException;
import io.switchboard.media.MediaConfig;
import io.switchboard.sip.SipConfig;
import io.switchboard.sip.SipStack;
import io.switchboard.sip.directory.Directory;
import io.switchboard.sip.media.MediaService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every module from the configuration with plain constructors and
 * owns their lifecycle. {@link #close()} stops them in reverse order (SIGTERM lands here).
 */
public final class Switchboard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Switchboard.class);

    private final SipStack sip;
    private final HttpServer http;
    private final Ivr ivr;
    private final Queues queues;
    private volatile boolean closed;

    private Switchboard(SipStack sip, HttpServer http, Ivr ivr, Queues queues) {
        this.queues = queues;
        this.sip = sip;
        this.http = http;
        this.ivr = ivr;
    }

    /** Declared keys + {@code conf/switchboard.yaml} + overrides, validated. */
    public static Config loadConfig(Path confDir, List<String> overrides) {
        Config.Builder b = Config.builder().declare(AppConfig.keys()).declare(SipConfig.keys()).declare(MediaConfig.keys())
                .declare(IvrConfig.keys()).declare(TtsConfig.keys());
        b.file(confDir.resolve("switchboard.yaml"), false);
        for (String o : overrides) {
            b.set(o);
        }
        return b.build();
    }

    public static Switchboard start(Config config, Path confDir) {
        AppConfig app = AppConfig.from(config);
        Logging.setLevel(app.logLevel());
        SipConfig sipConfig = SipConfig.from(config);
        log.info("switchboard {} starting, conf={}, data={}", Main.VERSION, confDir.toAbsolutePath(), app.dataDir().toAbsolutePath());
        for (String line : config.describe()) {
            log.info("config {}", line);
        }
        Directory directory = Directory.load(confDir.resolve("directory.yaml"));
        if (directory.hasDemoCredentials() && !isLoopback(sipConfig.bind())) {
            throw new ConfigException("sip.bind=" + sipConfig.bind() + " is not a loopback address, but "
                    + confDir.resolve("directory.yaml") + " still has demo passwords (switchboard-<ext>); "
                    + "set real passwords before exposing the switch");
        }
        try {
            Files.createDirectories(app.dataDir());
        } catch (IOException e) {
            throw new StartupException("cannot create data directory " + app.dataDir() + ": " + e.getMessage(), e);
        }
        TrunkConfig trunks = TrunkConfig.load(confDir.resolve("trunks.yaml"));
        for (var t : trunks.trunks().all()) {
            log.info("trunk {}: {} trunk, calls accepted from {}{}", t.name(), t.settings().register() ? "registration" : "IP",
                    t.sources(), t.settings().host() == null ? "" : ", calls go to " + t.settings().host() + ":" + t.settings().port());
        }
        MediaConfig mediaConfig = MediaConfig.from(config);
        MediaService media;
        try {
            media = MediaService.start(mediaConfig, sipConfig.bind(), sipConfig.advertisedHost(), app.dataDir());
        } catch (IOException e) {
            throw new StartupException("media: " + e.getMessage(), e);
        }
        SipStack sip = new SipStack(sipConfig, directory, app.dataDir(), trunks.trunks(), trunks, trunks, media);
        Queues queues = Queues.load(confDir.resolve("directory.yaml"));
        Ivr ivr = Ivr.start(IvrConfig.from(config), TtsConfig.from(config), confDir, app.dataDir(), queues);
        sip.applications(ivr.applications());
        try {
            sip.start();
        } catch (Exception e) {
            sip.close(Duration.ZERO);
            media.close();
            ivr.close();
            queues.close();
            throw new StartupException("SIP listeners on " + sipConfig.bind() + ":" + sipConfig.port() + ": " + e.getMessage(), e);
        }
        HttpServer http = null;
        if (app.httpPort() != 0) {
            http = new HttpServer(app.httpBind(), app.httpPort(), new HealthRoute(sip),
                    new IvrRoute(ivr.store(), AdminAuth.from(app.adminToken()), new JdkHttpFetcher()));
            try {
                http.start();
            } catch (Exception e) {
                sip.close(Duration.ZERO);
                media.close();
                ivr.close();
                queues.close();
                throw new StartupException("HTTP listener " + app.httpBind() + ":" + app.httpPort() + ": " + e.getMessage(), e);
            }
        }
        log.info("switchboard ready: {} extensions, health at http://{}:{}/health", directory.all().size(), app.httpBind(), app.httpPort());
        return new Switchboard(sip, http, ivr, queues);
    }

    public SipStack sip() {
        return sip;
    }

    /** The ACD (agents, queues) of this node. */
    public Queues queues() {
        return queues;
    }

    /** The IVR flows (store, engine) of this node. */
    public Ivr ivr() {
        return ivr;
    }

    public int httpPort() {
        return http == null ? 0 : http.port();
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("switchboard stopping");
        if (http != null) {
            http.close();
        }
        sip.close(Duration.ofSeconds(5));
        sip.media().close();
        ivr.close();
        queues.close();
        log.info("switchboard stopped");
    }
}
