package io.switchboard.app.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.switchboard.channels.bridge.ChannelBridge;
import io.switchboard.channels.spi.ChannelException;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.InboundRequest;
import io.switchboard.channels.spi.OutboundMessage;
import io.switchboard.channels.webchat.WebChatAdapter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web chat's WebSocket side ({@code /webchat/ws?token=…}): a visitor without a valid token gets a new one
 * ({@code {"type":"welcome","token":…}}, kept by the widget); each {@code message} frame is verified and parsed by
 * the {@link WebChatAdapter}, stored, and acknowledged ({@code {"type":"ack","client_msg_id":…}}) only once it
 * is durable; the bot's and the agent's replies arrive as {@code {"type":"message","text":…}} on every socket the
 * visitor has open. A bad frame gets {@code {"type":"error","reason":…}} and nothing is stored.
 */
public final class WebChatSockets {
    private static final Logger log = LoggerFactory.getLogger(WebChatSockets.class);
    public static final String PATH = "/webchat/ws";

    private final WebChatAdapter adapter;
    private final ChannelBridge bridge;
    private final String account;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Set<Channel>> sockets = new ConcurrentHashMap<>();

    public WebChatSockets(WebChatAdapter adapter, ChannelBridge bridge, String account) {
        this.adapter = adapter;
        this.bridge = bridge;
        this.account = account;
        adapter.deliverThrough(this::deliver);
    }

    /** A handler for one connection (the HTTP server adds one per connection; it sees only WebSocket traffic). */
    public ChannelHandler newHandler() {
        return new Socket();
    }

    private CompletableFuture<Void> deliver(OutboundMessage m) {
        Set<Channel> open = sockets.getOrDefault(m.userId(), Set.of());
        if (open.isEmpty()) {
            return CompletableFuture.failedFuture(new ChannelException(ChannelException.Kind.PLATFORM,
                    "visitor " + m.userId() + " has no open chat window"));
        }
        String frame = write(Map.of("type", "message", "text", m.text()));
        open.forEach(ch -> ch.writeAndFlush(new TextWebSocketFrame(frame)));
        return CompletableFuture.completedFuture(null);
    }

    private String write(Map<String, ?> m) {
        try {
            return json.writeValueAsString(m);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Socket extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private String token;
        private String visitor;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
                List<String> given = new QueryStringDecoder(hs.requestUri()).parameters().get("token");
                try {
                    token = given == null || given.isEmpty() ? null : given.get(0);
                    visitor = adapter.tokens().verify(token);
                } catch (ChannelException e) {
                    token = adapter.tokens().issue(null);
                    visitor = adapter.tokens().verify(token);
                }
                sockets.computeIfAbsent(visitor, v -> ConcurrentHashMap.newKeySet()).add(ctx.channel());
                ctx.channel().closeFuture().addListener(f -> {
                    Set<Channel> s = sockets.get(visitor);
                    if (s != null) {
                        s.remove(ctx.channel());
                    }
                });
                ctx.writeAndFlush(new TextWebSocketFrame(write(Map.of("type", "welcome", "token", token))));
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            byte[] body = frame.text().getBytes(StandardCharsets.UTF_8);
            List<InboundMessage> in;
            try {
                in = adapter.receive(new InboundRequest(account, "WS", Map.of("token", token), Map.of(), body));
            } catch (ChannelException e) {
                ctx.writeAndFlush(new TextWebSocketFrame(write(Map.of("type", "error", "reason", e.getMessage()))));
                return;
            }
            for (InboundMessage m : in) {
                String clientId = m.platformId().substring(m.platformId().indexOf(':') + 1);
                bridge.ingest(m).whenComplete((stored, e) -> ctx.writeAndFlush(new TextWebSocketFrame(write(e == null
                        ? Map.of("type", "ack", "client_msg_id", clientId, "duplicate", stored.isEmpty())
                        : Map.of("type", "error", "client_msg_id", clientId, "reason", "not stored, send again")))));
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("webchat: socket error {}", cause.toString());
            ctx.close();
        }
    }
}
