package io.switchboard.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client of baresip's {@code ctrl_tcp} module (verified against baresip 1.0.0): both directions are
 * netstrings ({@code <length>:<json>,}). Commands are {@code {"command":"dial","params":"sip:...","token":"t1"}}
 * and are answered by {@code {"response":true,"ok":true,"data":"...","token":"t1"}}; events arrive
 * unasked as {@code {"event":true,"type":"CALL_ESTABLISHED",...}}. The commands themselves ({@code dial},
 * {@code hangup}, {@code reginfo}, {@code quit}) come from baresip's {@code menu} module, which must be loaded.
 */
final class BaresipControl implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final List<BaresipEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> responses = new ConcurrentHashMap<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private final Thread reader;
    private volatile String readError;

    BaresipControl(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        out = socket.getOutputStream();
        reader = new Thread(this::readLoop, "baresip-ctrl-" + port);
        reader.setDaemon(true);
        reader.start();
    }

    List<BaresipEvent> events() {
        return List.copyOf(events);
    }

    /** Sends a command and waits for its response; the response's {@code data} on success. */
    String command(String command, String params, Duration atMost) {
        String token = "t" + tokens.incrementAndGet();
        ObjectNode cmd = JSON.createObjectNode().put("command", command).put("params", params == null ? "" : params).put("token", token);
        byte[] body = cmd.toString().getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (out) {
                out.write((body.length + ":").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.write(',');
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send '" + command + "' to baresip", e);
        }
        await("baresip response to '" + command + "'").atMost(atMost).pollInterval(Duration.ofMillis(20))
                .until(() -> responses.containsKey(token) || readError != null);
        JsonNode r = responses.remove(token);
        if (r == null) {
            throw new AssertionError("baresip control connection failed before answering '" + command + "': " + readError);
        }
        if (!r.path("ok").asBoolean(false)) {
            throw new AssertionError("baresip refused '" + command + " " + params + "': " + r.path("data").asText());
        }
        return r.path("data").asText();
    }

    private void readLoop() {
        try (InputStream in = socket.getInputStream()) {
            while (true) {
                int length = 0;
                int c;
                while ((c = in.read()) != ':') {
                    if (c < 0) {
                        readError = "connection closed";
                        return;
                    }
                    if (c < '0' || c > '9') {
                        readError = "bad netstring length byte " + c;
                        return;
                    }
                    length = length * 10 + (c - '0');
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length || in.read() != ',') {
                    readError = "truncated netstring";
                    return;
                }
                JsonNode n = JSON.readTree(body);
                if (n.path("event").asBoolean(false)) {
                    events.add(BaresipEvent.of(n));
                } else if (n.path("response").asBoolean(false)) {
                    responses.put(n.path("token").asText(""), n);
                }
            }
        } catch (IOException e) {
            readError = e.toString();
        }
    }

    String readError() {
        return readError;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            readError = e.toString();
        }
    }
}
