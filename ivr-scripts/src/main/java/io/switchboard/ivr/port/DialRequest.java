package io.switchboard.ivr.port;

import java.time.Duration;

/**
 * A request to call someone and bridge the caller to them.
 *
 * @param target  an extension (e.g. {@code 1001}) or a number for the trunks
 * @param timeout how long to ring (the engine cancels the operation after it)
 */
public record DialRequest(String target, Duration timeout) {
}
