package io.switchboard.ivr.port;

/** Where a {@link CallSession} posts results; thread-safe, the engine moves each event onto the call's lane. */
@FunctionalInterface
public interface SessionEvents {
    void post(SessionEvent event);
}
