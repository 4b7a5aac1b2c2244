/** Bounded soak tests: many threads against one engine, invariants checked throughout. */
@NullMarked
package dev.passwordreset.core.load;

import org.jspecify.annotations.NullMarked;
