/** Text mode: {@link io.switchboard.ivr.simulate.TextSession} for virtual calls, and the simulator built on it. */
package io.switchboard.ivr.simulate;
