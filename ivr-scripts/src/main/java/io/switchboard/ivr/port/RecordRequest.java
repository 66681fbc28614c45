package io.switchboard.ivr.port;

import java.time.Duration;

/**
 * A request to record the caller (voicemail).
 *
 * @param mailbox   where the recording belongs (a mailbox or queue name)
 * @param beep      play a beep before recording
 * @param maxLength stop recording after this
 * @param finishKey the key that ends the recording, or null
 */
public record RecordRequest(String mailbox, boolean beep, Duration maxLength, String finishKey) {
}
