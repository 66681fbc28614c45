package io.switchboard.ivr.exec;

import java.time.Duration;
import java.util.Map;

/**
 * The engine's safety settings.
 *
 * @param maxSteps        steps one call may go through before the flow is stopped (a runaway loop)
 * @param maxDuration     how long a call may stay in the flow (time waiting in a queue or ringing
 *                        an extension is let finish first)
 * @param maxSubflowDepth how deeply subflows may call each other
 * @param defaultQueue    the queue of the safe default (after an error with no {@code on_error})
 * @param apology         what the safe default says first, per language
 * @param minInputTimeout the shortest wait for input: zero for voice; minutes for text channels, where
 *                        people reply slowly
 */
public record Limits(int maxSteps, Duration maxDuration, int maxSubflowDepth, String defaultQueue,
        Map<String, String> apology, Duration minInputTimeout) {

    public Limits {
        apology = Map.copyOf(apology);
    }

    /** 300 steps, 30 minutes, 8 nested subflows, queue {@code default}, English and Chinese apologies. */
    public static Limits defaults() {
        return new Limits(300, Duration.ofMinutes(30), 8, "default", Map.of(
                "en-US", "Sorry, something went wrong. Please hold while we connect you to an agent.",
                "zh-CN", "抱歉，系统出现问题，正在为您转接人工服务，请稍候。"), Duration.ZERO);
    }

    public Limits withMaxSteps(int n) {
        return new Limits(n, maxDuration, maxSubflowDepth, defaultQueue, apology, minInputTimeout);
    }

    public Limits withMaxDuration(Duration d) {
        return new Limits(maxSteps, d, maxSubflowDepth, defaultQueue, apology, minInputTimeout);
    }

    public Limits withDefaultQueue(String q) {
        return new Limits(maxSteps, maxDuration, maxSubflowDepth, q, apology, minInputTimeout);
    }

    public Limits withMinInputTimeout(Duration d) {
        return new Limits(maxSteps, maxDuration, maxSubflowDepth, defaultQueue, apology, d);
    }
}
