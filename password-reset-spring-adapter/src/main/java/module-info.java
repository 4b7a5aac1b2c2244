import org.jspecify.annotations.NullMarked;

/**
 * Spring Boot auto-configuration for password-reset: properties, conditional beans, the bridges to
 * {@code JavaMailSender}, {@code DataSource}, application events, sessions, scheduling and metrics,
 * the optional web endpoints and the ready captcha verifier. The mail, JDBC, web, session, metrics
 * and captcha parts are optional: their modules are read only when present.
 */
// Spring, Spring Boot and Micrometer have no descriptors: they are automatic modules named by their
// Automatic-Module-Name, and the beans this module declares expose some of their types.
@NullMarked
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.passwordreset.spring {
  requires transitive dev.passwordreset.api;
  requires transitive dev.passwordreset.core;
  requires static transitive org.jspecify;
  requires org.slf4j;
  requires transitive spring.boot;
  requires transitive spring.boot.autoconfigure;
  requires transitive spring.boot.sql;
  requires transitive spring.context;
  requires transitive spring.beans;
  requires transitive spring.core;
  requires static transitive dev.passwordreset.mail;
  requires static transitive dev.passwordreset.jdbc;
  requires static dev.passwordreset.captcha;
  requires static transitive spring.boot.mail;
  requires static transitive spring.context.support;
  requires static transitive spring.boot.jdbc;
  requires static transitive spring.jdbc;
  requires static transitive spring.web;
  requires static transitive spring.webmvc;
  requires static transitive jakarta.servlet;
  requires static transitive spring.session.core;
  requires static transitive micrometer.core;
  requires static jakarta.mail;
  requires static java.sql;

  exports dev.passwordreset.spring;
  exports dev.passwordreset.spring.web;

  // Spring reads the configuration classes, properties and controller reflectively.
  opens dev.passwordreset.spring;
  opens dev.passwordreset.spring.web;
}
