package dev.passwordreset.core.support;

import dev.passwordreset.testkit.SecretWatchExtension;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * The testkit's {@link SecretWatchExtension} for jqwik properties, which JUnit Jupiter's extensions
 * do not reach; registered through {@code META-INF/services}. A hook registered that way sits on
 * jqwik's engine descriptor, so it must propagate to every descendant to reach the properties
 * (jqwik's default, {@code NO_DESCENDANTS}, left every property unwatched).
 */
public final class SecretWatchHook implements AroundPropertyHook {

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    SecretWatchExtension.startWatching();
    PropertyExecutionResult result = property.execute();
    try {
      SecretWatchExtension.finishWatching();
    } catch (AssertionError leak) {
      return result.mapToFailed(leak);
    }
    return result;
  }

  @Override
  public PropagationMode propagateTo() {
    return PropagationMode.ALL_DESCENDANTS;
  }

  @Override
  public boolean appliesTo(java.util.Optional<java.lang.reflect.AnnotatedElement> element) {
    return true;
  }
}
