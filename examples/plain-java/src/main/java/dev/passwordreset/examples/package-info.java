/** A runnable walkthrough of password-reset in plain Java. */
@NullMarked
package dev.passwordreset.examples;

import org.jspecify.annotations.NullMarked;
