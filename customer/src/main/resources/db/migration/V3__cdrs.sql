-- Call detail records (issue 7): a provisional row at setup (state 'open'), finalised at the end; rows
-- left open by a crash are finalised at start-up with cause "switch restart".
CREATE TABLE cdrs (
    call_id        VARCHAR(256) PRIMARY KEY,
    state          VARCHAR(8) NOT NULL,
    stage          VARCHAR(16) NOT NULL,
    from_raw       VARCHAR(256),
    from_e164      VARCHAR(32),
    to_raw         VARCHAR(256),
    to_e164        VARCHAR(32),
    trunk          VARCHAR(128),
    dnis           VARCHAR(64),
    setup_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    ringing_at     TIMESTAMP WITH TIME ZONE,
    answer_at      TIMESTAMP WITH TIME ZONE,
    end_at         TIMESTAMP WITH TIME ZONE,
    sip_status     INT,
    cause          VARCHAR(200),
    ended_by       VARCHAR(8),
    ivr_path       VARCHAR NOT NULL DEFAULT '[]',
    queue_name     VARCHAR(128),
    queue_wait_ms  BIGINT,
    agent_id       VARCHAR(128),
    recording_path VARCHAR(1024),
    tags           VARCHAR NOT NULL DEFAULT '[]',
    legs           VARCHAR NOT NULL DEFAULT '[]'
);
CREATE INDEX cdrs_setup ON cdrs (setup_at);
CREATE INDEX cdrs_state ON cdrs (state);
CREATE INDEX cdrs_from ON cdrs (from_e164);
CREATE INDEX cdrs_to ON cdrs (to_e164);
CREATE INDEX cdrs_agent ON cdrs (agent_id);
