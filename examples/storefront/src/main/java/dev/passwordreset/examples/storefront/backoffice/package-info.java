/** The back office: customers, agent actions, settings, activity feed. */
@NullMarked
package dev.passwordreset.examples.storefront.backoffice;

import org.jspecify.annotations.NullMarked;
