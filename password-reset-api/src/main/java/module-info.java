import org.jspecify.annotations.NullMarked;

/**
 * The public contract of password-reset: the service a host calls, the SPIs a host implements, and
 * the value types and sealed outcomes they exchange. No logic and no run-time dependency.
 */
@NullMarked
module dev.passwordreset.api {
  requires static transitive org.jspecify;

  exports dev.passwordreset.api;
}
