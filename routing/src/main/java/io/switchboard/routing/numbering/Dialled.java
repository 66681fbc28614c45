package io.switchboard.routing.numbering;

/**
 * A number reduced to what was dialled: whether it started with {@code +}, and its digits with every
 * visual separator, URI wrapper and full-width form removed. No meaning is assigned yet.
 *
 * @param plus   whether a leading {@code +} (international form) was written
 * @param digits the ASCII digits, possibly empty
 */
record Dialled(boolean plus, String digits) {
}
