package io.switchboard.app;

import io.switchboard.app.customer.CallRecorder;
import io.switchboard.app.customer.CustomerDirectory;
import io.switchboard.app.voice.Ivr;
import io.switchboard.customer.CustomerConfig;
import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.storage.StorageConfig;
import io.switchboard.customer.token.Role;
import io.switchboard.app.voice.IvrConfig;
import io.switchboard.app.channels.Channels;
import io.switchboard.app.channels.ChannelsConfig;
import io.switchboard.app.channels.WebChatSockets;
import io.switchboard.app.voice.AcdEventLog;
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
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
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
    private final Channels channels;
    private final CustomerStorage storage;
    private final CallRecorder calls;
    private final CustomerDirectory customers;
    private volatile boolean closed;

    private Switchboard(SipStack sip, HttpServer http, Ivr ivr, Queues queues, CustomerStorage storage, CallRecorder calls,
                        CustomerDirectory customers, Channels channels) {
        this.channels = channels;
        this.queues = queues;
        this.sip = sip;
        this.http = http;
        this.ivr = ivr;
        this.storage = storage;
        this.calls = calls;
        this.customers = customers;
    }

    /** Declared keys + {@code conf/switchboard.yaml} + overrides, validated. */
    public static Config loadConfig(Path confDir, List<String> overrides) {
        Config.Builder b = Config.builder().declare(AppConfig.keys()).declare(SipConfig.keys()).declare(MediaConfig.keys())
                .declare(IvrConfig.keys()).declare(TtsConfig.keys()).declare(CustomerConfig.keys());
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
        CustomerStorage storage = openStorage(config, app);
        ExtensionDirectory extensions = ExtensionDirectory.start(directory, storage.extensions(), storage.async());
        if (directory.hasDemoCredentials() && !isLoopback(sipConfig.bind())) {
            storage.close();
            throw new ConfigException("sip.bind=" + sipConfig.bind() + " is not a loopback address, but "
                    + confDir.resolve("directory.yaml") + " still has demo passwords (switchboard-<ext>); "
                    + "set real passwords (in the file, or through /api/directory/extensions) before exposing the switch");
        }
        MediaConfig mediaConfig = MediaConfig.from(config);
        MediaService media;
        try {
            media = MediaService.start(mediaConfig, sipConfig.bind(), sipConfig.advertisedHost(), app.dataDir());
        } catch (IOException e) {
            storage.close();
            throw new StartupException("media: " + e.getMessage(), e);
        }
        SipStack sip = new SipStack(sipConfig, directory, app.dataDir(), trunks.trunks(), trunks, trunks, media);
        CustomerDirectory customers = new CustomerDirectory(storage.async(), storage.normalizer());
        CallRecorder calls = new CallRecorder(storage.async(), storage.normalizer());
        sip.onCall(calls);
        Queues queues = Queues.load(confDir.resolve("directory.yaml"));
        AcdEventLog acdEvents = new AcdEventLog(InstantSource.system());
        queues.engine().subscribe(acdEvents::on);
        Ivr ivr = Ivr.start(IvrConfig.from(config), TtsConfig.from(config), confDir, app.dataDir(), queues, customers);
        sip.applications(ivr.applications());
        ChannelsConfig channelsConfig = ChannelsConfig.load(confDir.resolve("channels.yaml"));
        Channels channels = channelsConfig.enabled()
                ? Channels.start(channelsConfig, storage, ivr.store(), ivr.textEngine(), queues, InstantSource.system()) : null;
        try {
            sip.start();
        } catch (Exception e) {
            sip.close(Duration.ZERO);
            media.close();
            ivr.close();
            queues.close();
            if (channels != null) {
                channels.close();
            }
            storage.close();
            throw new StartupException("SIP listeners on " + sipConfig.bind() + ":" + sipConfig.port() + ": " + e.getMessage(), e);
        }
        HttpServer http = null;
        if (app.httpPort() != 0) {
            AdminAuth auth = AdminAuth.from(app.adminToken(), storage.async());
            http = new HttpServer(app.httpBind(), app.httpPort(), new HealthRoute(sip), new OpenApiRoute(),
                    new GuardedRoute(auth, Role.ADMIN, new IvrRoute(ivr.store(), new JdkHttpFetcher())),
                    new CustomersRoute(auth, storage.async()), new MergesRoute(auth, storage.async()),
                    new CdrsRoute(auth, storage.async()), new TokensRoute(auth, storage.async()),
                    new AcdRoute(auth, queues, acdEvents), new DirectoryRoute(auth, extensions),
                    channels == null ? new HttpServer.None() : new WeChatRoute(channels.wechat(), channels.bridge()),
                    channels == null ? new HttpServer.None() : new AgentChatRoute(auth, channels.chats()),
                    channels == null || channels.webchat() == null ? new HttpServer.None() : StaticRoute.webChatWidget(), StaticRoute.agentDesk());
            java.util.List<HttpServer.WebSocketEndpoint> sockets = new java.util.ArrayList<>();
            io.switchboard.app.channels.TextTasks chats = channels == null ? null : channels.chats();
            sockets.add(new AgentSockets(auth, queues, chats, new AgentFeed(queues, customers, chats),
                    new AgentCommands(queues, chats, storage.async())));
            if (channels != null && channels.webchat() != null) {
                WebChatSockets webchat = channels.webchat();
                sockets.add(new HttpServer.WebSocketEndpoint() {
                    @Override
                    public String path() {
                        return WebChatSockets.PATH;
                    }

                    @Override
                    public io.netty.channel.ChannelHandler newHandler() {
                        return webchat.newHandler();
                    }
                });
            }
            http.webSockets(sockets);
            try {
                http.start();
            } catch (Exception e) {
                sip.close(Duration.ZERO);
                media.close();
                ivr.close();
                queues.close();
                if (channels != null) {
                    channels.close();
                }
                calls.close();
                storage.close();
                throw new StartupException("HTTP listener " + app.httpBind() + ":" + app.httpPort() + ": " + e.getMessage(), e);
            }
        }
        log.info("switchboard ready: {} extensions, health at http://{}:{}/health", directory.all().size(), app.httpBind(), app.httpPort());
        return new Switchboard(sip, http, ivr, queues, storage, calls, customers, channels);
    }

    /**
     * Opens customer storage under the data directory (or {@code storage.url}), finalises the CDRs of calls
     * that were up when the node last stopped, and seeds the bootstrap admin token. Runs before any call is
     * taken, so blocking here is fine.
     */
    private static CustomerStorage openStorage(Config config, AppConfig app) {
        CustomerStorage storage;
        try {
            storage = CustomerStorage.open(config, app.dataDir(), InstantSource.system());
        } catch (RuntimeException e) {
            throw new StartupException("storage: " + e.getMessage(), e);
        }
        try {
            log.info("storage: database {}", storage.database().vendor() + " at " + redact(config.get(StorageConfig.URL).isBlank()
                    ? StorageConfig.from(config).jdbcUrl(app.dataDir()) : config.get(StorageConfig.URL)));
            List<String> recovered = storage.cdrs().recoverUnfinished();
            log.info("storage: {} unfinished CDRs finalised (switch restart){}", recovered.size(), recovered.isEmpty() ? "" : ": " + recovered);
            Optional<String> bootstrap = AdminAuth.bootstrapToken(app.adminToken());
            if (bootstrap.isPresent()) {
                try {
                    storage.tokens().bootstrap(bootstrap.get());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException("admin.bootstrapToken (or " + AdminAuth.ENV + "): " + e.getMessage());
                }
                log.info("admin API: bootstrap admin token seeded");
            }
        } catch (ConfigException e) {
            storage.close();
            throw e;
        } catch (RuntimeException e) {
            storage.close();
            throw new StartupException("storage: " + e.getMessage(), e);
        }
        return storage;
    }

    /** A JDBC URL without credentials: user info and {@code password=} parameters dropped. */
    static String redact(String url) {
        String u = url.replaceAll("(?i)([;?&]password=)[^;&]*", "$1***");
        return u.replaceAll("//[^/@]*@", "//");
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

    /** Customer, history and CDR storage of this node. */
    public CustomerStorage storage() {
        return storage;
    }

    /** Where the B2BUA's calls become CDRs and timeline entries. */
    public CallRecorder calls() {
        return calls;
    }

    /** The IVR's customer lookup. */
    public CustomerDirectory customers() {
        return customers;
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
        if (channels != null) {
            channels.close();
        }
        calls.close();
        storage.close();
        log.info("switchboard stopped");
    }
}
