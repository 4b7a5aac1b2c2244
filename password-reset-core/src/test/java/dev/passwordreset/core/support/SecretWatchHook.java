package dev.passwordreset.core.support;

import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * {@link SecretWatch} for jqwik properties, which JUnit Jupiter's extensions do not reach;
 * registered for every property through {@code META-INF/services}.
 */
public final class SecretWatchHook implements AroundPropertyHook {

  @Override
  public PropertyExecutionResult aroundProperty(
      PropertyLifecycleContext context, PropertyExecutor property) {
    SecretWatch.start();
    PropertyExecutionResult result = property.execute();
    try {
      SecretWatch.finish();
    } catch (AssertionError leak) {
      return result.mapToFailed(leak);
    }
    return result;
  }

  @Override
  public boolean appliesTo(java.util.Optional<java.lang.reflect.AnnotatedElement> element) {
    return true;
  }
}
