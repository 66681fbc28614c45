package io.switchboard.ivr.verb;

import io.switchboard.ivr.expr.FlowException;
import io.switchboard.ivr.expr.Text;
import io.switchboard.ivr.port.RecordRequest;
import io.switchboard.ivr.port.SessionEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code record}: take a voicemail — an optional prompt, a beep, then record until the finish key, silence
 * or {@code maxLength}. The recording ({@code uri}, {@code seconds}) goes into a variable; on text channels
 * the customer's next message is the "recording".
 */
public record Record(String mailbox, Text prompt, boolean beep, Duration maxLength, String finishKey, String into)
        implements Verb {

    static final VerbType TYPE = new VerbType("record", Set.of("prompt", "beep", "maxLength", "finishKey", "into"),
            "recording", true, Record::parse);
    /** How long past maxLength the engine waits for the session to report the recording. */
    static final Duration GRACE = Duration.ofSeconds(10);

    static Record parse(StepReader r) {
        String mailbox = r.string("record", null);
        if (mailbox == null) {
            r.missing("record", "the mailbox the message is for, e.g. record: support");
        }
        String finish = r.string("finishKey", "#");
        if (!finish.equals("none") && !finish.matches("[0-9*#]")) {
            r.error(r.value("finishKey"), "'finishKey' must be one key (0-9, * or #) or none");
        }
        return new Record(mailbox, r.text("prompt"), r.bool("beep", true),
                r.duration("maxLength", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofMinutes(10)),
                finish.equals("none") ? null : finish, r.variable("into", "recording"));
    }

    @Override
    public String name() {
        return "record";
    }

    @Override
    public boolean waitsForCaller() {
        return true;
    }

    @Override
    public Execution execute(VerbContext ctx) throws FlowException {
        return new Execution() {
            private final long promptOp = prompt == null ? 0 : ctx.newOp();
            private long recordOp;

            {
                if (prompt != null) {
                    ctx.session().say(promptOp, Prompts.render(ctx, prompt, null, null, false));
                } else {
                    startRecording();
                }
            }

            private void startRecording() {
                recordOp = ctx.newOp();
                ctx.session().record(recordOp, new RecordRequest(mailbox, beep, maxLength, finishKey));
                ctx.schedule(maxLength.plus(GRACE), () -> {
                    ctx.session().cancel(recordOp);
                    ctx.set(into, null);
                    ctx.note("nothing recorded");
                    ctx.next();
                });
            }

            @Override
            public void onEvent(SessionEvent e) {
                if (promptOp != 0 && e.op() == promptOp) {
                    if (e instanceof SessionEvent.PromptDone) {
                        startRecording();
                    } else if (e instanceof SessionEvent.Failed f) {
                        ctx.fail("the prompt could not be played: " + f.reason());
                    }
                } else if (recordOp != 0 && e.op() == recordOp) {
                    if (e instanceof SessionEvent.Recorded rec) {
                        ctx.set(into, Map.of("uri", rec.uri(), "seconds", rec.length().toMillis() / 1000.0));
                        ctx.note("recorded " + rec.uri() + " → " + into);
                        ctx.next();
                    } else if (e instanceof SessionEvent.Failed f) {
                        ctx.fail("recording failed: " + f.reason());
                    }
                }
            }

            @Override
            public void kill() {
                if (promptOp != 0) {
                    ctx.session().cancel(promptOp);
                }
                if (recordOp != 0) {
                    ctx.session().cancel(recordOp);
                }
            }
        };
    }
}
