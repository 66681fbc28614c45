package io.switchboard.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A small JSON-over-HTTP listener on Netty's HTTP codec (health now, admin API later). */
final class HttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One path, or every path under a prefix. */
    interface Route {
        String path();

        /** True when this route answers {@code path} (by default: exactly its path). */
        default boolean matches(String path) {
            return path().equals(path);
        }

        Reply handle(Request request);

        /**
         * The reply, possibly later (a route that needs storage answers from the storage executor and
         * never blocks the event loop); by default {@link #handle} at once.
         */
        default CompletableFuture<Reply> handleAsync(Request request) {
            return CompletableFuture.completedFuture(handle(request));
        }
    }

    /** A route that answers nothing (a feature that is switched off). */
    static final class None implements Route {
        @Override
        public String path() {
            return "";
        }

        @Override
        public boolean matches(String path) {
            return false;
        }

        @Override
        public Reply handle(Request request) {
            return Reply.error(404, "not enabled");
        }
    }

    /** A request as routes see it: method, path, decoded query parameters, the Authorization header and the body text. */
    record Request(String method, String path, Map<String, List<String>> query, String authorization, String body) {
        /** The first value of query parameter {@code name}, or null. */
        String param(String name) {
            List<String> v = query.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** Status and a body serialised as JSON, or sent as text ({@code contentType}, plain by default) when {@code text}. */
    record Reply(int status, Object body, boolean text, String contentType) {
        Reply(int status, Object body) {
            this(status, body, false, "application/json");
        }

        Reply(int status, Object body, boolean text) {
            this(status, body, text, text ? "text/plain; charset=utf-8" : "application/json");
        }

        /** A body already in its final form, sent as is with {@code contentType}. */
        static Reply raw(int status, String contentType, String body) {
            return new Reply(status, body, true, contentType);
        }

        static Reply error(int status, String message) {
            return new Reply(status, Map.of("error", message));
        }

        static Reply plain(int status, String text) {
            return new Reply(status, text, true);
        }
    }

    private final String bind;
    private final int port;
    private final List<Route> routes;
    private EventLoopGroup group;
    private Channel channel;
    /** Open client connections: closed on shutdown, so a keep-alive client never waits on a dead listener. */
    private final io.netty.channel.group.ChannelGroup connections =
            new io.netty.channel.group.DefaultChannelGroup(io.netty.util.concurrent.GlobalEventExecutor.INSTANCE);

    /**
     * A WebSocket endpoint: an upgrade request to {@code path} (query allowed) is first {@link #admit admitted},
     * then upgraded, and the connection gets a fresh {@link #newHandler()} (and sees only its own frames).
     */
    interface WebSocketEndpoint {
        String path();

        io.netty.channel.ChannelHandler newHandler();

        /** The subprotocols this endpoint may select ({@code Sec-WebSocket-Protocol}); none by default. */
        default String subprotocols() {
            return null;
        }

        /**
         * Checked before the upgrade ({@code subprotocols}: the request's {@code Sec-WebSocket-Protocol}, or
         * empty): a reply refuses it (sent as a plain HTTP answer, e.g. 401), empty lets it through. Never
         * blocks: a token lookup completes later.
         */
        default CompletableFuture<java.util.Optional<Reply>> admit(Request request, String subprotocols) {
            return CompletableFuture.completedFuture(java.util.Optional.empty());
        }
    }

    private volatile List<WebSocketEndpoint> webSockets = List.of();

    HttpServer(String bind, int port, Route... routes) {
        this.bind = bind;
        this.port = port;
        this.routes = List.of(routes);
    }

    /** Adds WebSocket endpoints (before {@link #start()}). */
    HttpServer webSockets(List<WebSocketEndpoint> endpoints) {
        this.webSockets = List.copyOf(endpoints);
        return this;
    }

    void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20));
                        if (!webSockets.isEmpty()) {
                            ch.pipeline().addLast(new Upgrades());
                        }
                        ch.pipeline().addLast(new Handler());
                    }
                });
        try {
            channel = b.bind(bind, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
        log.info("listening: HTTP on {}:{} (health, admin)", bind, port());
    }

    int port() {
        return channel == null ? port : ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Routes a WebSocket upgrade to its endpoint: the endpoint admits the request (or refuses it with a plain
     * HTTP reply), then this connection gets that endpoint's protocol handler and frame handler only, so two
     * endpoints never see each other's frames. Other requests pass on to the JSON routes.
     */
    private final class Upgrades extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof FullHttpRequest req) || !"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
                ctx.fireChannelRead(msg);
                return;
            }
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            WebSocketEndpoint ws = webSockets.stream().filter(w -> w.path().equals(q.path())).findFirst().orElse(null);
            if (ws == null) {
                ctx.fireChannelRead(msg);
                return;
            }
            Request request = new Request(req.method().name(), q.path(), q.parameters(), req.headers().get(HttpHeaderNames.AUTHORIZATION), "");
            CompletableFuture<java.util.Optional<Reply>> admitted;
            try {
                admitted = ws.admit(request, req.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL, ""));
            } catch (RuntimeException e) {
                admitted = CompletableFuture.failedFuture(e);
            }
            ctx.channel().config().setAutoRead(false);
            admitted.whenComplete((refusal, e) -> ctx.executor().execute(() -> {
                ctx.channel().config().setAutoRead(true);
                if (e != null || refusal.isPresent()) {
                    if (e != null) {
                        log.warn("WebSocket {}: admission failed: {}", q.path(), e.toString());
                    }
                    Reply reply = e != null ? Reply.error(500, "internal error") : refusal.get();
                    req.release();
                    Handler.write(ctx, reply, false);
                    return;
                }
                ctx.pipeline().addAfter(ctx.name(), "ws-frames", ws.newHandler());
                ctx.pipeline().addAfter(ctx.name(), "ws-protocol", new io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler(
                        io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig.newBuilder()
                                .websocketPath(ws.path()).subprotocols(ws.subprotocols()).checkStartsWith(true)
                                .maxFramePayloadLength(64 * 1024).build()));
                ctx.fireChannelRead(req);
                ctx.pipeline().remove(this);
            }));
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            Request request = new Request(req.method().name(), q.path(), q.parameters(),
                    req.headers().get(HttpHeaderNames.AUTHORIZATION), req.content().toString(java.nio.charset.StandardCharsets.UTF_8));
            boolean keepAlive = HttpUtil.isKeepAlive(req);
            CompletableFuture<Reply> pending;
            try {
                pending = routes.stream().filter(r -> r.matches(q.path())).findFirst()
                        .map(r -> r.handleAsync(request))
                        .orElse(CompletableFuture.completedFuture(Reply.error(404, "no such path: " + q.path())));
            } catch (RuntimeException e) {
                pending = CompletableFuture.failedFuture(e);
            }
            String method = req.method().name();
            pending.whenComplete((reply, e) -> {
                if (e != null) {
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    log.warn("HTTP {} {} failed: {}", method, q.path(), cause.toString(), cause);
                    reply = Reply.error(500, "internal error: " + cause.getMessage());
                }
                write(ctx, reply, keepAlive);
            });
        }

        static void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
            byte[] body;
            try {
                body = reply.text() ? String.valueOf(reply.body()).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : JSON.writeValueAsBytes(reply.body());
            } catch (JsonProcessingException e) {
                log.warn("HTTP reply not serialisable: {}", e.toString());
                reply = Reply.error(500, "internal error: reply not serialisable");
                body = ("{\"error\":\"internal error\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            }
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(body));
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
            if (reply.status() == 401) {
                resp.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\"");
            }
            HttpUtil.setContentLength(resp, body.length);
            HttpUtil.setKeepAlive(resp, keepAlive);
            var f = ctx.writeAndFlush(resp);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("HTTP connection error: {}", cause.toString());
            ctx.close();
        }
    }
}
