/** The demo's mailbox: the emails caught by the embedded SMTP server. */
@NullMarked
package dev.passwordreset.examples.storefront.mailbox;

import org.jspecify.annotations.NullMarked;
