/** Spring Security: customer and agent logins through the library's checkLogin. */
@NullMarked
package dev.passwordreset.examples.storefront.security;

import org.jspecify.annotations.NullMarked;
