/** Flow files: the parser (YAML with line:column problems), the validator (how steps connect), versions and snapshots. */
package io.switchboard.ivr.script;
