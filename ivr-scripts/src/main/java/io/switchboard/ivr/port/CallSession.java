package io.switchboard.ivr.port;

/**
 * What the IVR engine asks of a call — a voice call (SIP dialog + media + ASR/TTS) or a text
 * conversation (WeChat, web chat, the simulator) alike, in the jambonz manner: the same verbs serve both.
 *
 * <p>Every method returns at once. Work that takes time is named by an operation id ({@code op}) chosen
 * by the engine, and its outcome comes back later as a {@link SessionEvent} carrying that id, posted to
 * the {@link SessionEvents} given to {@link #attach}; the engine handles it on the call's lane. Methods are
 * called on the lane; an implementation may post events from any thread. After {@link #cancel(long)} an
 * implementation need not post anything more for that operation (late events are ignored).
 *
 * <p>Voice: {@code say} is TTS (or a cached prompt), {@code listen} turns on RFC 4733 / in-band DTMF and
 * ASR. Text: {@code say} sends a message, {@code listen} takes the customer's next message (digits as
 * {@link SessionEvent.Digit}s, other text as {@link SessionEvent.Speech} with confidence 1).
 */
public interface CallSession {

    /** Who called, the number dialled and the channel; read once when the flow starts. */
    SessionInfo info();

    /** Called by the engine once, before any other method: where to post every result. */
    void attach(SessionEvents events);

    /** Speak (voice) or send (text) a prompt; answer {@code PromptDone(op)} when it has been heard/sent, or {@code Failed(op)}. */
    void say(long op, Prompt prompt);

    /** Play an audio file; answer {@code PromptDone(op)} or {@code Failed(op)} (text sessions may send or describe it). */
    void play(long op, String file, boolean bargeIn);

    /**
     * Start taking the caller's input: post {@code Digit(op)} per key, {@code SpeechStarted(op)} when the caller
     * starts talking (this is what cuts a prompt short — barge-in) and {@code Speech(op)} with the final
     * recognition; until {@code cancel(op)}. Timeouts, finish keys and digit counts are the engine's business.
     */
    void listen(long op, InputSpec spec);

    /** Hand the call to an ACD queue; answer {@code Connected(op, agent)} or {@code Failed(op)}. The engine ends the wait with {@code cancel(op)} after the request's {@code maxWait}. */
    void enqueue(long op, QueueRequest request);

    /** Call an extension or a number and bridge; answer {@code Connected(op, party)} or {@code Failed(op, "busy" | "no answer" | …)}. */
    void dial(long op, DialRequest request);

    /** Record the caller (voicemail); answer {@code Recorded(op, uri, length)} (at the finish key, silence or max length) or {@code Failed(op)}. */
    void record(long op, RecordRequest request);

    /** Stop operation {@code op}: cut a prompt, stop listening, leave a queue, abandon a dial or a recording. Idempotent. */
    void cancel(long op);

    /** Annotate the call's record (CDR) with {@code key = value}. */
    void tag(String key, String value);

    /** End the call (voice: BYE; text: close the conversation). */
    void hangup(String reason);
}
