/** Throttles: fixed-window counters over a {@link dev.passwordreset.api.ThrottleStore}. */
@NullMarked
package dev.passwordreset.core.throttle;

import org.jspecify.annotations.NullMarked;
