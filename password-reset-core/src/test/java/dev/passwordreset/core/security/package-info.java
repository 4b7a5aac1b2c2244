/** Tests that prove the rows of SECURITY.md which no behaviour test covers on its own. */
@NullMarked
package dev.passwordreset.core.security;

import org.jspecify.annotations.NullMarked;
