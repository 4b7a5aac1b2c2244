/** Not API: the bounded body reader, the replay guard and the answer parser of the verifiers. */
@NullMarked
package dev.passwordreset.captcha.internal;

import org.jspecify.annotations.NullMarked;
