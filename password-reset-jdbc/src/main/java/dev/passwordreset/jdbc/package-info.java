/**
 * Plain-JDBC stores over a {@link javax.sql.DataSource}, so that several application nodes share
 * links, reset codes and their wrong-try counts, throttles, settings and the codes' key through one
 * database: {@link dev.passwordreset.jdbc.JdbcTicketStore}, {@link
 * dev.passwordreset.jdbc.JdbcThrottleStore}, {@link dev.passwordreset.jdbc.JdbcSettingsStore}, the
 * reference {@link dev.passwordreset.jdbc.JdbcCustomerStore}, and {@link
 * dev.passwordreset.jdbc.JdbcSchema} with the schema scripts for PostgreSQL, MariaDB, MySQL and H2.
 *
 * <p>Every store is thread-safe, holds no connection between calls (each call borrows one from the
 * data source and gives it back), and throws {@link dev.passwordreset.api.PasswordResetException}
 * with the SQLState in its message when the database fails. Table and column names are validated as
 * SQL identifiers when a store is built, so configuration can never inject SQL.
 */
@NullMarked
package dev.passwordreset.jdbc;

import org.jspecify.annotations.NullMarked;
