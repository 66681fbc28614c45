/** Versions of flows on disk, atomic publish, rollback, diff, and hot reload of conf/ivr. */
package io.switchboard.ivr.store;
