/** Expressions and templates in flows (CEL, sandboxed): compiled once per flow version, evaluated per call. */
package io.switchboard.ivr.expr;
