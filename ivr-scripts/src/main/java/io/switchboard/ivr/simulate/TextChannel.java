package io.switchboard.ivr.simulate;

import io.switchboard.ivr.port.DialRequest;
import io.switchboard.ivr.port.QueueRequest;

/**
 * Where a {@link TextSession} sends things: the messaging channel of a virtual call (WeChat, web chat…)
 * or the simulator's transcript. Hand-offs answer through a {@link Reply}, from any thread.
 */
public interface TextChannel {

    /** Sends a prompt as a message. */
    void send(String text);

    /** Sends (or describes) an audio file. */
    void sendFile(String file);

    /** Hands the conversation to a queue of agents. */
    void enqueue(QueueRequest request, Reply reply);

    /** Connects the conversation to an extension or a number (a call-back). */
    void dial(DialRequest request, Reply reply);

    /** Notes a tag on the conversation's record. */
    void tag(String key, String value);

    /** Closes the conversation. */
    void close(String reason);

    /** The customer's input as it is handed to the flow (for transcripts). */
    default void received(String description) {
    }

    /** How a hand-off went. */
    interface Reply {
        void connected(String party);

        void failed(String reason);
    }
}
