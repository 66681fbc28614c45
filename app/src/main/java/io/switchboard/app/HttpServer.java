package io.switchboard.app;

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
    }

    /** A request as routes see it: method, path, decoded query parameters, the Authorization header and the body text. */
    record Request(String method, String path, Map<String, List<String>> query, String authorization, String body) {
        /** The first value of query parameter {@code name}, or null. */
        String param(String name) {
            List<String> v = query.get(name);
            return v == null || v.isEmpty() ? null : v.get(0);
        }
    }

    /** Status and a body serialised as JSON, or sent as plain text when {@code text}. */
    record Reply(int status, Object body, boolean text) {
        Reply(int status, Object body) {
            this(status, body, false);
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

    HttpServer(String bind, int port, Route... routes) {
        this.bind = bind;
        this.port = port;
        this.routes = List.of(routes);
    }

    void start() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handler());
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
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) throws Exception {
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            Request request = new Request(req.method().name(), q.path(), q.parameters(),
                    req.headers().get(HttpHeaderNames.AUTHORIZATION), req.content().toString(java.nio.charset.StandardCharsets.UTF_8));
            Reply reply;
            try {
                reply = routes.stream().filter(r -> r.matches(q.path())).findFirst()
                        .map(r -> r.handle(request))
                        .orElse(Reply.error(404, "no such path: " + q.path()));
            } catch (RuntimeException e) {
                log.warn("HTTP {} {} failed: {}", req.method(), q.path(), e.toString(), e);
                reply = Reply.error(500, "internal error: " + e.getMessage());
            }
            byte[] body = reply.text() ? String.valueOf(reply.body()).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    : JSON.writeValueAsBytes(reply.body());
            FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(body));
            resp.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.text() ? "text/plain; charset=utf-8" : "application/json");
            if (reply.status() == 401) {
                resp.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"switchboard\"");
            }
            HttpUtil.setContentLength(resp, body.length);
            boolean keepAlive = HttpUtil.isKeepAlive(req);
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
