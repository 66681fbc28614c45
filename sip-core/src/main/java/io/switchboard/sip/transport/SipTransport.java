package io.switchboard.sip.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.switchboard.sip.SipConfig;
import io.switchboard.sip.codec.SipStreamDecoder;
import java.net.InetSocketAddress;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over UDP and TCP on Netty (epoll when available). Inbound bytes are framed and parsed on the
 * I/O thread (one {@link SipDecoder} per thread) and handed to the {@link InboundSink}. Outbound
 * messages go back over the flow they belong to, or over a reused/new TCP connection (RFC 3261 §18).
 */
public final class SipTransport {
    private static final Logger log = LoggerFactory.getLogger(SipTransport.class);

    private final SipConfig config;
    private final InboundSink sink;
    private final boolean epoll = Epoll.isAvailable();
    private final List<Channel> udpChannels = new ArrayList<>();
    private final Map<EventLoop, Channel> udpByLoop = new HashMap<>();
    private final List<EventLoopLane> loopLanes = new ArrayList<>();
    private final Map<InetSocketAddress, Channel> connections = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder received = new LongAdder();
    private EventLoopGroup group;
    private Channel tcpServer;
    private Bootstrap tcpClient;
    private InetSocketAddress udpLocal;
    private InetSocketAddress tcpLocal;

    public SipTransport(SipConfig config, InboundSink sink) {
        this.config = config;
        this.sink = sink;
    }

    public void start() {
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        group = new MultiThreadIoEventLoopGroup(config.ioThreads(), io);
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor e : group) {
            loops.add((EventLoop) e);
            loopLanes.add(new EventLoopLane((EventLoop) e));
        }
        String transportName = epoll ? "epoll" : "nio";
        if (config.transports().contains("udp")) {
            int channels = epoll ? loops.size() : 1;
            for (int i = 0; i < channels; i++) {
                Bootstrap b = new Bootstrap().group(loops.get(i))
                        .channel(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class)
                        .option(ChannelOption.SO_RCVBUF, config.udpBufferBytes())
                        .option(ChannelOption.SO_SNDBUF, config.udpBufferBytes())
                        .handler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                // Datagrams written while a read batch is handled go out in one
                                // sendmmsg when the batch ends, instead of one syscall each.
                                ch.pipeline().addLast(new FlushConsolidationHandler(64, true), new UdpHandler());
                            }
                        });
                if (epoll) {
                    b.option(EpollChannelOption.SO_REUSEPORT, true);
                }
                Channel ch = b.bind(config.bind(), udpLocal != null ? udpLocal.getPort() : config.port()).syncUninterruptibly().channel();
                udpChannels.add(ch);
                udpByLoop.put(loops.get(i), ch);
                udpLocal = (InetSocketAddress) ch.localAddress();
            }
            log.info("listening: SIP UDP on {}:{} ({}, {} socket(s))", udpLocal.getHostString(), udpLocal.getPort(), transportName, channels);
        }
        if (config.transports().contains("tcp")) {
            int port = udpLocal != null ? udpLocal.getPort() : config.port();
            ServerBootstrap sb = new ServerBootstrap().group(group)
                    .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new TcpInitializer<>());
            tcpServer = sb.bind(config.bind(), port).syncUninterruptibly().channel();
            tcpLocal = (InetSocketAddress) tcpServer.localAddress();
            log.info("listening: SIP TCP on {}:{} ({})", tcpLocal.getHostString(), tcpLocal.getPort(), transportName);
        }
        tcpClient = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new TcpInitializer<SocketChannel>());
    }

    /** The port both listeners share (the UDP one, if any). */
    public int port() {
        return udpLocal != null ? udpLocal.getPort() : tcpLocal.getPort();
    }

    public boolean isRunning() {
        return group != null && !group.isShuttingDown() && (udpChannels.stream().allMatch(Channel::isActive))
                && (tcpServer == null || tcpServer.isActive());
    }

    public long received() {
        return received.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public int connections() {
        return connections.size();
    }

    /** True when an open TCP connection to {@code remote} exists (accepted or opened by us). */
    public boolean hasConnection(InetSocketAddress remote) {
        Channel c = connections.get(remote);
        return c != null && c.isActive();
    }

    public void countDrop() {
        dropped.increment();
    }

    /**
     * Sends bytes to {@code remote} over {@code transport}, preferring {@code flow} when it is an
     * open connection to use. TCP connections to the same address are reused.
     */
    public void send(byte[] bytes, Transport transport, InetSocketAddress remote, Flow flow) {
        if (transport == Transport.UDP) {
            Channel ch = udpChannel(remote);
            if (ch == null) {
                log.debug("no UDP listener to send to {}", remote);
                return;
            }
            ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), remote), ch.voidPromise());
            return;
        }
        Channel ch = null;
        if (flow != null && flow.transport() == Transport.TCP && flow.isOpen()) {
            ch = flow.channel();
        } else {
            Channel existing = connections.get(remote);
            if (existing != null && existing.isActive()) {
                ch = existing;
            }
        }
        if (ch != null) {
            ch.writeAndFlush(Unpooled.wrappedBuffer(bytes), ch.voidPromise());
            return;
        }
        ChannelFuture f = tcpClient.connect(remote);
        f.addListener(done -> {
            if (done.isSuccess()) {
                f.channel().writeAndFlush(Unpooled.wrappedBuffer(bytes), f.channel().voidPromise());
            } else {
                log.debug("TCP connect to {} failed: {}", remote, done.cause().toString());
            }
        });
    }

    /**
     * The socket to send from: the calling event loop's own (no thread hop; a call's messages all
     * come from its one lane, so they stay in order), else one chosen by destination so that
     * datagrams from other threads to one peer keep their order too.
     */
    private Channel udpChannel(InetSocketAddress remote) {
        if (udpChannels.isEmpty()) {
            return null;
        }
        for (Map.Entry<EventLoop, Channel> e : udpByLoop.entrySet()) {
            if (e.getKey().inEventLoop()) {
                return e.getValue();
            }
        }
        return udpChannels.get(Math.floorMod(remote.hashCode(), udpChannels.size()));
    }

    /** The network event loops, usable as lanes (see {@link EventLoopLane}). */
    public List<EventLoopLane> eventLoopLanes() {
        return loopLanes;
    }

    /** Closes listeners first, then connections. */
    public void stop() {
        for (Channel ch : udpChannels) {
            ch.close().syncUninterruptibly();
        }
        if (tcpServer != null) {
            tcpServer.close().syncUninterruptibly();
        }
        for (Channel c : connections.values()) {
            c.close();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private final class UdpHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            received.increment();
            ByteBuf buf = packet.content();
            byte[] bytes = ByteBufUtil.getBytes(buf);
            Flow flow = new Flow(Transport.UDP, packet.sender(), ctx.channel());
            sink.onMessage(bytes, null, true, flow);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("UDP error: {}", cause.toString());
        }
    }

    private final class TcpInitializer<C extends Channel> extends ChannelInitializer<C> {
        @Override
        protected void initChannel(C ch) {
            long idle = config.tcpIdleTimeout().toSeconds();
            ch.pipeline().addLast(new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS),
                    new SipStreamDecoder(config.maxHeaderBytes(), config.maxBodyBytes()), new TcpHandler());
        }
    }

    private final class TcpHandler extends SimpleChannelInboundHandler<SipStreamDecoder.Frame> {
        private Flow flow;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
            if (connections.size() >= config.maxConnections()) {
                dropped.increment();
                log.warn("TCP connection from {} refused: {} connections open (sip.limits.maxConnections)", remote, connections.size());
                ctx.close();
                return;
            }
            flow = new Flow(Transport.TCP, remote, ctx.channel());
            connections.put(remote, ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            connections.remove((InetSocketAddress) ctx.channel().remoteAddress(), ctx.channel());
            ctx.fireChannelInactive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, SipStreamDecoder.Frame frame) {
            received.increment();
            sink.onMessage(frame.bytes(), frame.error(), false, flow);
            if (frame.error() != null) {
                // RFC 4475 §3.1.2.3: a stream framing error cannot be recovered; close after replying.
                ctx.channel().eventLoop().schedule(() -> ctx.close(), 200, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                ctx.close();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("TCP connection {} error: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
