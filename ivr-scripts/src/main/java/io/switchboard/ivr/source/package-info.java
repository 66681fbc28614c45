/** Where flow text comes from and what can be wrong with it: positions, problems, the YAML reader, the catalog of voices and queues. */
package io.switchboard.ivr.source;
