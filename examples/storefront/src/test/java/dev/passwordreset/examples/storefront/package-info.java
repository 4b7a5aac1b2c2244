/** End-to-end tests of the demo in headless Chromium. */
@NullMarked
package dev.passwordreset.examples.storefront;

import org.jspecify.annotations.NullMarked;
