/**
 * Delivery of self-service mail off the caller's thread: a bounded queue with retries, exponential
 * back-off and jitter.
 */
@NullMarked
package dev.passwordreset.core.delivery;

import org.jspecify.annotations.NullMarked;
