package io.switchboard.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.switchboard.app.channels.TextTasks;
import io.switchboard.app.voice.Queues;
import io.switchboard.customer.token.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent desk's WebSocket, {@code /api/agent/ws?agent=AGENT}: events for that agent arrive as they happen
 * ({@link AgentFeed}), commands go back on the same socket ({@link AgentCommands}), each answered with
 * {@code {"type":"result","id":<the command's id>,"ok":true,"data":...}} or {@code "ok":false,"error":...}.
 *
 * <p>Browsers cannot set an Authorization header on a WebSocket, so the API token (role agent, checked
 * exactly as the REST API checks it) comes as the {@code token} query parameter, or as the subprotocol
 * {@code bearer.TOKEN} next to {@value #SUBPROTOCOL} (which the server selects), or as the usual
 * {@code Authorization: Bearer} header. Without a valid token the upgrade is refused with 401 (403 without
 * the role) before any WebSocket exists. The token is never logged.
 */
final class AgentSockets implements HttpServer.WebSocketEndpoint {
    private static final Logger log = LoggerFactory.getLogger(AgentSockets.class);
    static final String PATH = "/api/agent/ws";
    static final String SUBPROTOCOL = "switchboard.agent.v1";
    private static final String BEARER = "bearer.";

    private final AdminAuth auth;
    private final Queues queues;
    private final TextTasks chats;
    private final AgentFeed feed;
    private final AgentCommands commands;
    private final ObjectMapper json = new ObjectMapper();

    AgentSockets(AdminAuth auth, Queues queues, TextTasks chats, AgentFeed feed, AgentCommands commands) {
        this.auth = auth;
        this.queues = queues;
        this.chats = chats;
        this.feed = feed;
        this.commands = commands;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public String subprotocols() {
        return SUBPROTOCOL;
    }

    @Override
    public ChannelHandler newHandler() {
        return new Socket();
    }

    @Override
    public CompletableFuture<Optional<HttpServer.Reply>> admit(HttpServer.Request r, String subprotocols) {
        String agent = r.param("agent");
        if (agent == null || agent.isBlank()) {
            return refuse(HttpServer.Reply.error(400, "the agent is required: " + PATH + "?agent=AGENT"));
        }
        String token = r.param("token");
        for (String p : subprotocols.split(",")) {
            if (token == null && p.strip().startsWith(BEARER)) {
                token = p.strip().substring(BEARER.length());
            }
        }
        String authorization = token == null ? r.authorization() : "Bearer " + token;
        HttpServer.Request withToken = new HttpServer.Request(r.method(), r.path(), Map.of(), authorization, "");
        return auth.authenticate(withToken, Role.AGENT)
                .thenCompose(who -> {
                    who.mayActAs(agent);
                    return queues.call(e -> e.agent(agent).isPresent()).toCompletableFuture();
                })
                .thenApply(known -> known ? Optional.<HttpServer.Reply>empty() : Optional.of(HttpServer.Reply.error(404, "no agent '" + agent + "'")))
                .exceptionally(e -> Optional.of(ApiErrors.reply(e)));
    }

    private static CompletableFuture<Optional<HttpServer.Reply>> refuse(HttpServer.Reply reply) {
        return CompletableFuture.completedFuture(Optional.of(reply));
    }

    /** One desk connection: its agent is fixed by the admitted request. */
    private final class Socket extends SimpleChannelInboundHandler<WebSocketFrame> {
        private String agent;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete hs) {
                agent = new QueryStringDecoder(hs.requestUri()).parameters().get("agent").get(0);
                feed.add(agent, ctx.channel());
                log.info("agent desk: agent {} connected ({} open)", agent, feed.open(agent));
                queues.call(e -> e.agent(agent).orElse(null)).whenComplete((snapshot, x) -> {
                    Map<String, Object> hello = new LinkedHashMap<>();
                    hello.put("type", "welcome");
                    hello.put("agent", snapshot);
                    hello.put("chats", chats == null ? List.of() : chats.of(agent));
                    ctx.writeAndFlush(new TextWebSocketFrame(feed.write(hello)));
                });
                return;
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame text)) {
                answer(ctx, null, null, "expected a text frame holding a JSON command");
                return;
            }
            JsonNode body;
            try {
                body = json.readTree(text.text());
            } catch (JsonProcessingException e) {
                answer(ctx, null, null, "not JSON: " + e.getOriginalMessage());
                return;
            }
            if (body == null || !body.isObject()) {
                answer(ctx, null, null, "expected a JSON object like {\"type\":\"accept\",\"id\":1,\"task\":\"...\"}");
                return;
            }
            JsonNode id = body.get("id");
            JsonNode type = body.get("type");
            if (type == null || !type.isTextual()) {
                answer(ctx, id, null, "'type' is required (one of " + AgentCommands.TYPES + ")");
                return;
            }
            CompletableFuture<Object> done;
            try {
                done = commands.run(agent, type.asText(), body);
            } catch (RuntimeException e) {
                done = CompletableFuture.failedFuture(e);
            }
            done.whenComplete((data, e) -> answer(ctx, id, data, e == null ? null : reason(e)));
        }

        private void answer(ChannelHandlerContext ctx, JsonNode id, Object data, String error) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "result");
            m.put("id", id);
            m.put("ok", error == null);
            if (error == null) {
                m.put("data", data);
            } else {
                m.put("error", error);
            }
            ctx.channel().writeAndFlush(new TextWebSocketFrame(feed.write(m)));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("agent desk: socket of agent {} failed: {}", agent, cause.toString());
            ctx.close();
        }
    }

    /** The reason a command failed, as the desk shows it. */
    private static String reason(Throwable e) {
        Throwable c = e;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof IllegalArgumentException || c instanceof IllegalStateException || c instanceof ApiException) {
            return c.getMessage();
        }
        HttpServer.Reply r = ApiErrors.reply(c);
        Object body = r.body();
        return body instanceof Map<?, ?> m ? String.valueOf(m.get("error")) : String.valueOf(body);
    }
}
