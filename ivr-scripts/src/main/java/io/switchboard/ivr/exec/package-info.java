/**
 * The engine: {@link io.switchboard.ivr.exec.FlowEngine#start} runs a flow on a call lane as a
 * {@link io.switchboard.ivr.exec.FlowRun}; timers are lane events; every step reports to a
 * {@link io.switchboard.ivr.exec.FlowListener}.
 */
package io.switchboard.ivr.exec;
