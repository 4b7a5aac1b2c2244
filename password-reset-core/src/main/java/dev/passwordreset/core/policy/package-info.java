/**
 * The password policy: {@link dev.passwordreset.core.policy.RuleBasedPasswordPolicy}, with the
 * platform defaults ({@link dev.passwordreset.core.policy.RuleBasedPasswordPolicy#defaults()}), a
 * NIST SP 800-63B / OWASP ASVS preset ({@link
 * dev.passwordreset.core.policy.RuleBasedPasswordPolicy#nist()}) and a builder, and the {@link
 * dev.passwordreset.core.policy.PasswordRule} interface through which a host adds its own rules.
 *
 * <p>Messages come from the resource bundle {@code dev/passwordreset/core/policy/messages}
 * (English, the fallback for every other language) and {@code messages_fr} (French), UTF-8.
 */
@NullMarked
package dev.passwordreset.core.policy;

import org.jspecify.annotations.NullMarked;
