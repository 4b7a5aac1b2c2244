/** The demo application: start-up, embedded database and mail server, wiring. */
@NullMarked
package dev.passwordreset.examples.storefront;

import org.jspecify.annotations.NullMarked;
