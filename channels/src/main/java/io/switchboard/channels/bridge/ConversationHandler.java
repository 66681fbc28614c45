package io.switchboard.channels.bridge;

/**
 * What the bridge hands a stored, de-duplicated message to: in the app, the virtual call (the IVR flow in text
 * mode, then the ACD and the agent). Every call for one conversation runs on that conversation's lane, in the
 * order the messages arrived, so implementations keep per-conversation state without locks.
 */
public interface ConversationHandler {

    /** A customer's message; {@code opened} is true for the first message of a new conversation. */
    void message(Conversation conversation, StoredMessage message, boolean opened);

    /** The conversation was closed (idle, or by an agent). */
    void closed(Conversation conversation, String reason);
}
