/**
 * Property-based tests (jqwik): hostile input at every public entry point of the engine and of the
 * in-memory stores.
 */
@NullMarked
package dev.passwordreset.core.property;

import org.jspecify.annotations.NullMarked;
