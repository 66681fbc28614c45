package io.switchboard.media.bridge;

/** The two legs of a bridged call: A is the caller's, B the other party's. */
public enum Side {
    A, B;

    public Side other() {
        return this == A ? B : A;
    }
}
