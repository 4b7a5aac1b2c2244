import org.jspecify.annotations.NullMarked;

/**
 * The default engine of password-reset: {@code PasswordResetEngine} and its builder, Argon2id
 * hashing, the rule-based policy, legacy-hash verifiers, throttling and the in-memory stores. The
 * helpers in {@code dev.passwordreset.core.internal} are not exported. Mail is in {@code
 * dev.passwordreset.mail}, a module of its own: this one never needs Jakarta Mail.
 */
// argon2-jvm's jar of native libraries and nbvcxz have no descriptor of their own: they are
// automatic modules, named by their Automatic-Module-Name (stable, set by their authors).
@NullMarked
@SuppressWarnings("requires-automatic")
module dev.passwordreset.core {
  requires transitive dev.passwordreset.api;
  requires static transitive org.jspecify;
  requires org.slf4j;
  requires java.net.http;
  // The Argon2 classes (JNA bindings) and, beside them, the module that carries the native library.
  requires de.mkammerer.argon2.nolibs;
  requires de.mkammerer.argon2;
  // The faster Argon2id backend: the system's libsodium, bound directly (hash.Libsodium).
  requires com.sun.jna;
  // Only for the optional StrengthRule; absent unless the host adds nbvcxz.
  requires static me.gosimple.nbvcxz;

  exports dev.passwordreset.core;
  exports dev.passwordreset.core.delivery;
  exports dev.passwordreset.core.hash;
  exports dev.passwordreset.core.notify;
  exports dev.passwordreset.core.policy;
  exports dev.passwordreset.core.store;
  exports dev.passwordreset.core.throttle;
}
