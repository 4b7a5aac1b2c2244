/** The default engine: {@link dev.passwordreset.core.PasswordResetEngine} and its builder. */
@NullMarked
package dev.passwordreset.core;

import org.jspecify.annotations.NullMarked;
