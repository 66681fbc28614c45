/**
 * What the engine needs from the outside: {@link io.switchboard.ivr.port.CallSession} (a voice call or a
 * text conversation; results come back as {@link io.switchboard.ivr.port.SessionEvent}s), web services and
 * the customer lookup.
 */
package io.switchboard.ivr.port;
