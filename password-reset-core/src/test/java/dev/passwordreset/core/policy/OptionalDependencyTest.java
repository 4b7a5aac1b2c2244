package dev.passwordreset.core.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.PasswordPolicy;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nbvcxz is optional: a host without it on its class path uses every preset, and the strength rule
 * is never loaded unless the host names it.
 */
class OptionalDependencyTest {

  /** Loads core and api classes itself, and has no nbvcxz: like a host that did not add it. */
  private static final class WithoutNbvcxz extends URLClassLoader {
    WithoutNbvcxz(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }

  private static WithoutNbvcxz hostWithoutNbvcxz() {
    List<URL> urls = new ArrayList<>();
    for (Class<?> c : List.of(RuleBasedPasswordPolicy.class, PasswordPolicy.class)) {
      urls.add(c.getProtectionDomain().getCodeSource().getLocation());
    }
    // slf4j: BreachedPasswordRule logs through it; the api and core need nothing else here.
    urls.add(org.slf4j.Logger.class.getProtectionDomain().getCodeSource().getLocation());
    return new WithoutNbvcxz(urls.toArray(URL[]::new));
  }

  @Test
  void presetsWorkWithoutNbvcxzAndNeverLoadTheStrengthRule() throws Exception {
    try (WithoutNbvcxz loader = hostWithoutNbvcxz()) {
      assertThatThrownBy(() -> loader.loadClass("me.gosimple.nbvcxz.Nbvcxz"))
          .isInstanceOf(ClassNotFoundException.class);
      Class<?> policyClass = loader.loadClass(RuleBasedPasswordPolicy.class.getName());
      Class<?> contextClass = loader.loadClass("dev.passwordreset.api.PolicyContext");
      Object context =
          contextClass
              .getConstructor(String.class, String.class, java.util.Locale.class)
              .newInstance("jane@example.com", null, java.util.Locale.ENGLISH);

      for (String preset : List.of("defaults", "nist")) {
        Object policy = policyClass.getMethod(preset).invoke(null);
        Method check = policyClass.getMethod("check", char[].class, contextClass);
        assertThat((List<?>) check.invoke(policy, "Sh0rt!".toCharArray(), context)).isNotEmpty();
        assertThat(
                (List<?>)
                    check.invoke(
                        policy, "purple elephants dance at noon!A1".toCharArray(), context))
            .isEmpty();
      }

      assertThat(loader.loaded(StrengthRule.class.getName())).isFalse();
      assertThat(loader.loaded(policyClass.getName())).isTrue();
    }
  }
}
