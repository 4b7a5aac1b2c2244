/** Single-use tokens: generation and the one-way hash under which they are stored. */
@NullMarked
package dev.passwordreset.core.token;

import org.jspecify.annotations.NullMarked;
