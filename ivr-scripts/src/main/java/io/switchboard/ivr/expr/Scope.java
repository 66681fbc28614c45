package io.switchboard.ivr.expr;

/** Where expressions read variables: the running call's variables, or a fixed map in tests. */
@FunctionalInterface
public interface Scope {
    /** The variable's value in expression form (see {@link Values#toCel}), or null when unset. */
    Object lookup(String name);
}
