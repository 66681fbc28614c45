package io.switchboard.channels.bridge;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * WeChat's 5-second rule: while a webhook request waits, the first message the bot sends in that conversation
 * becomes the HTTP answer (a passive reply) instead of an API call. The webhook completes the future with
 * {@code null} when its time is up; whoever completes it first wins, so a reply is never both passive and sent.
 */
public final class PassiveReplies {
    private final Map<String, CompletableFuture<String>> waiting = new ConcurrentHashMap<>();

    /** Starts waiting for the first reply in conversation {@code key}. */
    public CompletableFuture<String> expect(String key) {
        CompletableFuture<String> f = new CompletableFuture<>();
        waiting.put(key, f);
        f.whenComplete((v, e) -> waiting.remove(key, f));
        return f;
    }

    /** True when {@code text} was taken as the passive reply (the caller must not send it again). */
    boolean offer(String key, String text) {
        CompletableFuture<String> f = waiting.remove(key);
        return f != null && f.complete(text);
    }
}
