/**
 * Fault walks: a customer store, a ticket store and a notifier that fail at a chosen call, walked
 * over every step of each operation.
 */
@NullMarked
package dev.passwordreset.core.fault;

import org.jspecify.annotations.NullMarked;
