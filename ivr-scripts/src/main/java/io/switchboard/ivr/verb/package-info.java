/** The verbs, one small class each (jambonz style): settings parsed once, {@code execute} per call, {@code kill} to stop. */
package io.switchboard.ivr.verb;
