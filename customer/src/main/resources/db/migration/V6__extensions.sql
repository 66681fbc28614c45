-- SIP extensions managed through the admin API (issue 7): they override or add to conf/directory.yaml.
-- The password is what digest authentication needs (RFC 8760: the server must know it or its hash per
-- realm); it is never shown by the API.
CREATE TABLE sip_extensions (
    ext_number  VARCHAR(32) NOT NULL PRIMARY KEY,
    name        VARCHAR(200) NOT NULL,
    password    VARCHAR(200),
    contact     VARCHAR(500),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
