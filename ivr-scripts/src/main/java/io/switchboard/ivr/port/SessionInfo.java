package io.switchboard.ivr.port;

/**
 * The call a flow runs on, as the flow sees it: the variables {@code call_id}, {@code caller},
 * {@code dnis} and {@code channel}.
 *
 * @param callId  Call-ID (voice) or conversation id (text), used in logs and events
 * @param caller  the caller's number (E.164 where known) or a channel user id
 * @param dnis    the number dialled (e.g. {@code 4008001234}) or the channel account written to
 * @param channel {@code voice}, {@code wechat}, {@code webchat}, {@code sim}…
 * @param media   whether prompts are heard or read
 */
public record SessionInfo(String callId, String caller, String dnis, String channel, Media media) {

    /** How the caller takes prompts and gives answers. */
    public enum Media { VOICE, TEXT }
}
