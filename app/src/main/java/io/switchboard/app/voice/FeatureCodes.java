package io.switchboard.app.voice;

import io.switchboard.ivr.port.Prompt;
import io.switchboard.ivr.port.SessionEvent;
import io.switchboard.routing.acd.AgentConfig;
import io.switchboard.routing.acd.Outcome;
import io.switchboard.sip.b2bua.AnsweredCall;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Agent feature codes dialled from a desk phone: {@code *11} log in, {@code *12} log out, {@code *13}
 * away (not ready), {@code *14} ready again. The switch answers, changes the state of the agent whose
 * extension called, says what happened and hangs up.
 */
final class FeatureCodes {
    private static final Logger log = LoggerFactory.getLogger(FeatureCodes.class);
    static final String PREFIX = "feature:";
    private static final Map<String, String> CODES = Map.of("*11", "login", "*12", "logout", "*13", "away", "*14", "ready");

    private final Queues queues;
    private final Speech speech;

    FeatureCodes(Queues queues, Speech speech) {
        this.queues = queues;
        this.speech = speech;
    }

    /** The application for a dialled feature code. */
    static Optional<String> applicationFor(String dialled) {
        return Optional.ofNullable(CODES.get(dialled)).map(c -> PREFIX + c);
    }

    void start(String application, AnsweredCall call) {
        String command = application.substring(PREFIX.length());
        Optional<AgentConfig> agent = queues.agentAt(call.caller());
        if (agent.isEmpty()) {
            log.info("call {}: feature code {} from {}, which is no agent's extension", call.callId(), command, call.caller());
            confirm(call, "This phone does not belong to an agent.");
            return;
        }
        String id = agent.get().id();
        queues.call(e -> switch (command) {
            case "login" -> e.login(id);
            case "logout" -> e.logout(id);
            case "away" -> e.away(id, "feature code");
            default -> e.ready(id);
        }).whenComplete((outcome, error) -> call.lane().execute(() -> {
            boolean ok = error == null && outcome == Outcome.OK;
            String why = error != null ? error.toString() : outcome instanceof Outcome.Refused r ? r.message() : "";
            log.info("call {}: agent {} {}: {}", call.callId(), id, command, ok ? "done" : "refused (" + why + ")");
            call.tag("feature", command + (ok ? "" : " refused"));
            confirm(call, ok ? sentence(command) : "That did not work: " + why + ".");
        }));
    }

    private static String sentence(String command) {
        switch (command) {
            case "login":
                return "You are logged in.";
            case "logout":
                return "You are logged out.";
            case "away":
                return "You are not ready.";
            default:
                return "You are ready.";
        }
    }

    /** Says {@code text}, then hangs up. */
    private void confirm(AnsweredCall call, String text) {
        VoiceSession s = new VoiceSession(call, speech, null, null, queues, io.switchboard.ivr.port.CustomerLookup.NONE);
        s.attach(event -> call.lane().execute(() -> {
            if (event instanceof SessionEvent.PromptDone || event instanceof SessionEvent.Failed) {
                s.hangup("feature code done");
            }
        }));
        s.say(1, new Prompt(text, false, text, "en-US", null, false));
    }
}
