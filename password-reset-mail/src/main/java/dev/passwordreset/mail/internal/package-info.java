/**
 * Not API: how the mail module composes MIME messages and classifies SMTP failures. Not exported
 * from the module; may change in any release.
 */
@NullMarked
package dev.passwordreset.mail.internal;

import org.jspecify.annotations.NullMarked;
