-- password-reset: a reference customer table for JdbcCustomerStore on MySQL (8.0.19 or later), InnoDB.
-- A host with its own table maps its columns in JdbcCustomerStore.builder() instead; what it
-- needs is the email_normalized column (CustomerStore.normalizeEmail(email), kept up to date by
-- the host whenever it writes an email) with a unique index: every lookup by email uses it.
-- utf8mb4_bin: lookups compare byte for byte, as on PostgreSQL. Under the server's default
-- collation (utf8mb4_general_ci, utf8mb4_0900_ai_ci) muller@... would find müller@...
-- There is no timestamp type with a time zone here: the end of a temporary password is a
-- DATETIME(6) holding UTC (JdbcCustomerStore reads and writes it so).

CREATE TABLE IF NOT EXISTS customer_account (
  id                       VARCHAR(255) NOT NULL PRIMARY KEY,
  email                    VARCHAR(320) NOT NULL,              -- as the customer typed it
  email_normalized         VARCHAR(320) NOT NULL,              -- CustomerStore.normalizeEmail(email)
  display_name             VARCHAR(200),
  locale                   VARCHAR(35)  NOT NULL DEFAULT 'en', -- BCP 47 language tag
  enabled                  BOOLEAN      NOT NULL DEFAULT TRUE,
  password_hash            VARCHAR(512),                       -- PHC string; NULL until set
  password_temporary_until DATETIME(6),                        -- UTC; NULL unless temporary
  UNIQUE INDEX customer_account_email_normalized_idx (email_normalized)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
