/**
 * IVR flows admins write as YAML ({@code conf/ivr/*.yaml}): the language, its validator (errors with
 * {@code file:line:column}), versions with atomic publish, the engine that runs a flow on a call's lane
 * through a small call interface (voice or text), and the simulator.
 */
package io.switchboard.ivr;
