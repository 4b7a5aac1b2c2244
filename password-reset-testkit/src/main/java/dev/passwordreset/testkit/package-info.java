/**
 * Test support for hosts and store implementers: the abstract JUnit 5 contracts every store must
 * pass ({@link dev.passwordreset.testkit.TicketStoreContract}, {@link
 * dev.passwordreset.testkit.CustomerStoreContract}, {@link
 * dev.passwordreset.testkit.ThrottleStoreContract}, {@link
 * dev.passwordreset.testkit.SettingsStoreContract}), and fakes for host test suites ({@link
 * dev.passwordreset.testkit.RecordingNotifier}, {@link dev.passwordreset.testkit.MutableClock}), a
 * thread-safe capture of log lines ({@link dev.passwordreset.testkit.LogCapture}, which needs
 * Logback on the test class path) and a watch that fails a test whose secrets leak ({@link
 * dev.passwordreset.testkit.SecretWatchExtension}).
 *
 * <p>To prove a store, extend its contract in a test source set and supply a factory; every test of
 * the contract then runs against the store.
 */
@NullMarked
package dev.passwordreset.testkit;

import org.jspecify.annotations.NullMarked;
