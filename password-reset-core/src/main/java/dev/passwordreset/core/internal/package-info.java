/**
 * Helpers of the engine that are not API: token generation and hashing ({@code Tokens}), one named
 * limit over a throttle store ({@code Throttle}), the client an address counts as ({@code
 * ClientKeys}), keyed lock striping ({@code Stripes}), the delivery queue ({@code DeliveryQueue})
 * and the time of the in-memory stores, which have no clock of their own ({@code EngineTime}). The
 * module does not export this package; on the class path it is public only so that the engine's
 * packages can share it, and may change in any release.
 */
@NullMarked
package dev.passwordreset.core.internal;

import org.jspecify.annotations.NullMarked;
