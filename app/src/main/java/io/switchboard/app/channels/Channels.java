package io.switchboard.app.channels;

import io.switchboard.channels.bridge.ChannelBridge;
import io.switchboard.channels.wechat.WeChatAdapter;
import io.switchboard.core.lane.LaneGroup;
import io.switchboard.customer.CustomerStorage;
import io.switchboard.customer.storage.StorageExecutor;
import io.switchboard.ivr.exec.FlowEngine;
import io.switchboard.ivr.store.FlowStore;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text channels of a node: the bridge (durable inbox, one lane per conversation), the WeChat adapter,
 * and the virtual calls that run the flows in text mode. Built only when {@code conf/channels.yaml}
 * configures an account.
 */
public final class Channels implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Channels.class);

    private final ChannelBridge bridge;
    private final WeChatAdapter wechat;
    private final LaneGroup lanes;
    private final StorageExecutor executor;

    private final TextTasks chats;

    private final WebChatSockets webchat;

    private Channels(ChannelBridge bridge, WeChatAdapter wechat, LaneGroup lanes, StorageExecutor executor, TextTasks chats,
            WebChatSockets webchat) {
        this.webchat = webchat;
        this.chats = chats;
        this.bridge = bridge;
        this.wechat = wechat;
        this.lanes = lanes;
        this.executor = executor;
    }

    public static Channels start(ChannelsConfig config, CustomerStorage storage, FlowStore flows, FlowEngine textEngine,
            io.switchboard.app.voice.Queues queues, InstantSource clock) {
        LaneGroup lanes = new LaneGroup("chat-lane", Math.max(1, Runtime.getRuntime().availableProcessors()));
        StorageExecutor executor = new StorageExecutor(4, 10_000);
        ChannelBridge bridge = new ChannelBridge(storage, executor, lanes, clock, config.idleClose());
        WebChatSockets webchat = null;
        WeChatAdapter wechat = new WeChatAdapter(config.wechatAccounts(), HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                config.wechatApiBase(), clock, ThreadLocalRandom.current());
        bridge.register(wechat);
        if (config.webchatEnabled()) {
            io.switchboard.channels.webchat.WebChatAdapter adapter = new io.switchboard.channels.webchat.WebChatAdapter(
                    new io.switchboard.channels.webchat.VisitorTokens(config.webchatSecret(), Duration.ofDays(30), clock),
                    config.webchatIdentitySecret(), clock);
            bridge.register(adapter);
            webchat = new WebChatSockets(adapter, bridge, config.webchatAccount());
            log.info("channels: web chat on {} (widget /webchat/widget.js)", WebChatSockets.PATH);
        }
        TextTasks chats = new TextTasks(queues, bridge, executor);
        bridge.handler(new VirtualCalls(bridge, flows, textEngine, config, chats));
        bridge.recover().join();
        bridge.startIdleSweep(Duration.ofMinutes(1));
        log.info("channels: WeChat accounts {} (callback /channels/wechat/<name>), API {}", config.wechatAccounts().keySet(),
                config.wechatApiBase());
        return new Channels(bridge, wechat, lanes, executor, chats, webchat);
    }

    public ChannelBridge bridge() {
        return bridge;
    }

    /** The web chat sockets, or null when web chat is not configured. */
    public WebChatSockets webchat() {
        return webchat;
    }

    /** Chats in the ACD, for the agent API. */
    public TextTasks chats() {
        return chats;
    }

    public WeChatAdapter wechat() {
        return wechat;
    }

    @Override
    public void close() {
        bridge.close();
        executor.close();
        try {
            lanes.shutdown(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
