/**
 * The two storefronts (public shop and B2B store): login, forgotten password, reset page, account.
 */
@NullMarked
package dev.passwordreset.examples.storefront.store;

import org.jspecify.annotations.NullMarked;
