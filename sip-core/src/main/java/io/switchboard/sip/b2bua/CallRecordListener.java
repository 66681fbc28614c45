package io.switchboard.sip.b2bua;

/**
 * Told about every call the B2BUA accepts: once when it is set up and once when it ends, whatever way it
 * ends (answered and hung up, rejected, cancelled, timed out, trunk failure, switch shutdown). Called on
 * the call's lane: implementations must only hand the record off (to a queue, an executor), never block.
 * A call that ends before its start was reported is only reported as ended.
 */
public interface CallRecordListener {

    void callStarted(CallRecord record);

    void callEnded(CallRecord record);

    /** Ignores every call. */
    CallRecordListener NONE = new CallRecordListener() {
        @Override
        public void callStarted(CallRecord record) {
        }

        @Override
        public void callEnded(CallRecord record) {
        }
    };
}
