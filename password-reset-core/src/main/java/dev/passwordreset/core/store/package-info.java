/**
 * In-memory stores, usable as they are by hosts' tests and demos, and by single-node deployments
 * that accept losing outstanding links on restart.
 */
@NullMarked
package dev.passwordreset.core.store;

import org.jspecify.annotations.NullMarked;
