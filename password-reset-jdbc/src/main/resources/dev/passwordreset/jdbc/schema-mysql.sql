-- password-reset: the library's own tables on MySQL (8.0.19 or later), InnoDB.
-- Idempotent: safe to run at every start. Times are UTC epoch milliseconds (BIGINT).
-- Every text column compares byte for byte (utf8mb4_bin), as on PostgreSQL: the server's default
-- collation ignores case and accents. Indexes are declared inside the table, which IF NOT EXISTS
-- covers (MySQL cannot add an index only when it is missing).

CREATE TABLE IF NOT EXISTS password_reset_ticket (
  token_hash            VARCHAR(64)  NOT NULL PRIMARY KEY, -- SHA-256 of the token, hex; never the token
  customer_id           VARCHAR(255) NOT NULL,
  purpose               VARCHAR(32)  NOT NULL,
  issued_at             BIGINT       NOT NULL,
  expires_at            BIGINT       NOT NULL,
  consumed_at           BIGINT,                            -- NULL while the link is outstanding
  storefront            VARCHAR(255),
  issued_by             VARCHAR(255),
  pending_password_hash VARCHAR(512),                      -- only for PENDING_PASSWORD links
  revoked               BOOLEAN      NOT NULL DEFAULT FALSE, -- consumed_at is a revocation, not a use
  failed_attempts       INT          NOT NULL DEFAULT 0,   -- wrong tries of a reset code
  INDEX password_reset_ticket_customer_idx (customer_id),
  INDEX password_reset_ticket_expires_idx (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
-- A ticket table created before reset codes lacks failed_attempts; MySQL has no ADD COLUMN IF NOT
-- EXISTS, so add it once by hand (JdbcTicketStore.recordFailedAttempt fails naming this statement):
--   ALTER TABLE password_reset_ticket ADD COLUMN failed_attempts INT NOT NULL DEFAULT 0;

CREATE TABLE IF NOT EXISTS password_reset_throttle (
  throttle_key VARCHAR(128) NOT NULL PRIMARY KEY,
  hits         BIGINT       NOT NULL,
  expires_at   BIGINT       NOT NULL,
  INDEX password_reset_throttle_expires_idx (expires_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS password_reset_settings (
  setting_key   VARCHAR(64)  NOT NULL PRIMARY KEY,
  setting_value VARCHAR(255) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE IF NOT EXISTS password_reset_secrets (
  secret_name  VARCHAR(64)     NOT NULL PRIMARY KEY,
  secret_value VARBINARY(1024) NOT NULL  -- e.g. the reset codes' HMAC key; first writer wins
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
