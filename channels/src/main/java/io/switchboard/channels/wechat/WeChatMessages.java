package io.switchboard.channels.wechat;

import io.switchboard.channels.spi.ChannelException;
import io.switchboard.channels.spi.InboundMessage;
import io.switchboard.channels.spi.MessageType;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps WeChat's XML fields onto the canonical message (channels.md §1): text, image (PicUrl, MediaId), voice
 * (MediaId, Format, Recognition) and events (subscribe, CLICK…). Events have no MsgId, so their id is
 * {@code FromUserName + CreateTime + Event}, the dedup key WeChat documents for them.
 */
final class WeChatMessages {
    private WeChatMessages() {
    }

    static InboundMessage parse(WeChatAccount a, Map<String, String> f) {
        String from = required(f, "FromUserName");
        String type = required(f, "MsgType").toLowerCase(Locale.ROOT);
        long created;
        try {
            created = Long.parseLong(required(f, "CreateTime"));
        } catch (NumberFormatException e) {
            throw ChannelException.malformed("CreateTime is not a number");
        }
        Map<String, String> media = new HashMap<>();
        media.put("to", f.getOrDefault("ToUserName", ""));
        String text = "";
        MessageType kind;
        switch (type) {
            case "text" -> {
                kind = MessageType.TEXT;
                text = f.getOrDefault("Content", "");
            }
            case "image" -> {
                kind = MessageType.IMAGE;
                copy(f, media, "PicUrl", "MediaId");
            }
            case "voice" -> {
                kind = MessageType.VOICE;
                copy(f, media, "MediaId", "Format", "Recognition");
                text = f.getOrDefault("Recognition", "");
            }
            case "event" -> {
                kind = MessageType.EVENT;
                String event = required(f, "Event").toLowerCase(Locale.ROOT);
                String key = f.getOrDefault("EventKey", "");
                text = key.isEmpty() ? event : event + ":" + key;
                copy(f, media, "Event", "EventKey", "Ticket");
            }
            default -> {
                kind = MessageType.OTHER;
                media.put("MsgType", type);
            }
        }
        String id = f.get("MsgId");
        if (id == null || id.isBlank()) {
            id = "ev:" + from + ":" + created + ":" + f.getOrDefault("Event", type);
        }
        return new InboundMessage(WeChatAdapter.CHANNEL, a.name(), from, id, kind, text, media,
                Instant.ofEpochSecond(created), "");
    }

    private static void copy(Map<String, String> from, Map<String, String> to, String... keys) {
        for (String k : keys) {
            String v = from.get(k);
            if (v != null && !v.isEmpty()) {
                to.put(k, v);
            }
        }
    }

    private static String required(Map<String, String> f, String key) {
        String v = f.get(key);
        if (v == null || v.isEmpty()) {
            throw ChannelException.malformed(key + " is missing");
        }
        return v;
    }
}
