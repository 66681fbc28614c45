package io.switchboard.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

/** The decoder-level outcome a torture file must produce: a message, a rejection, or a drop. */
record Expect(Class<? extends Decoded> kind, int status, String reason) {

    static Expect message() {
        return new Expect(Decoded.Message.class, 0, null);
    }

    /** Rejected with {@code status}; {@code reason} must appear in the reason phrase. */
    static Expect reject(int status, String reason) {
        return new Expect(Decoded.Reject.class, status, reason);
    }

    static Expect drop(String reason) {
        return new Expect(Decoded.Drop.class, 0, reason);
    }

    void verify(String file, Decoded actual) {
        assertThat(actual).as("%s decodes to %s", file, kind.getSimpleName()).isInstanceOf(kind);
        if (actual instanceof Decoded.Reject r) {
            assertThat(r.status()).as("%s status", file).isEqualTo(status);
            assertThat(r.reason()).as("%s reason", file).contains(reason);
            assertThat(r.toResponse().getStatusCode()).isEqualTo(status);
        } else if (actual instanceof Decoded.Drop d) {
            assertThat(d.reason()).as("%s drop reason", file).contains(reason);
        }
    }
}
