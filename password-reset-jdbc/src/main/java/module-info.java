import org.jspecify.annotations.NullMarked;

/**
 * JDBC stores for password-reset: tickets, settings and throttle counters, a configurable reference
 * customer store, and the schema scripts per database.
 */
@NullMarked
module dev.passwordreset.jdbc {
  requires transitive dev.passwordreset.api;
  requires transitive java.sql;
  requires static transitive org.jspecify;

  exports dev.passwordreset.jdbc;

  // The schema scripts are class-path resources of this package, which tools outside the module
  // (Spring Boot's script initializer, a host's migration tool) read by name.
  opens dev.passwordreset.jdbc;
}
