import org.jspecify.annotations.NullMarked;

/**
 * Test support for hosts of password-reset: the contract tests every store implementation must
 * pass, and fakes for a host's test suite (recording notifier, mutable clock, secret watch, log
 * capture). Logback and SLF4J are optional: only the log capture needs them.
 */
@NullMarked
module dev.passwordreset.testkit {
  requires transitive dev.passwordreset.api;
  requires transitive org.junit.jupiter.api;
  requires transitive org.assertj.core;
  requires static transitive org.jspecify;
  requires static org.slf4j;
  // LogCapture hands out Logback's events and levels.
  requires static transitive ch.qos.logback.classic;
  requires static ch.qos.logback.core;

  exports dev.passwordreset.testkit;

  // JUnit instantiates the published contract tests' subclasses and runs their methods.
  opens dev.passwordreset.testkit to
      org.junit.platform.commons;
}
