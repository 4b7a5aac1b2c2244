/**
 * The default engine: {@link dev.passwordreset.core.PasswordResetEngine}, its builder and its
 * defaults ({@link dev.passwordreset.core.EngineDefaults}).
 *
 * <p>The engine is a facade over one package-private, immutable class per flow, each given only
 * what it needs: {@code SelfServiceRequests} ("Forgot your password?", link or password first),
 * {@code LinkRedemption} (the link's page, completion and confirmation), {@code AgentActions} (the
 * back office's emails and manual entry), {@code Logins} (login and password change) and {@code
 * SettingsCache} (the run-time settings). They share the opening steps, each written once: {@code
 * Gate} (captcha, then the client throttle), opening a link (in {@code LinkRedemption}) and {@code
 * PasswordCheck} (raw length, normalization, bound, policy, rejection event); and the closing ones:
 * {@code TicketIssuer}, {@code AccountPasswords} (revoke every link, then write) and {@code Outbox}
 * (mail off the caller's thread). {@code Flows} wires them from the builder; {@code EngineClock} is
 * the one source of time.
 */
@NullMarked
package dev.passwordreset.core;

import org.jspecify.annotations.NullMarked;
