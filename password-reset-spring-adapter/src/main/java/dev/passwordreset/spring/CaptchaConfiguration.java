package dev.passwordreset.spring;

import dev.passwordreset.api.HumanVerifier;
import dev.passwordreset.captcha.CaptchaFailureListener;
import dev.passwordreset.captcha.CaptchaProvider;
import dev.passwordreset.captcha.CaptchaVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ready captcha verifier, when the password-reset-captcha module is on the class path and
 * {@code password-reset.captcha.provider} is set: it becomes the engine's {@link HumanVerifier}
 * (unless the host defines its own), its site key a {@link CaptchaSiteKey} bean, and its provider
 * failures reach every {@link CaptchaFailureListener} bean (with Micrometer, a counter).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.passwordreset.captcha.CaptchaVerifier")
@ConditionalOnProperty(prefix = "password-reset.captcha", name = "provider")
class CaptchaConfiguration implements BeanFactoryAware {
  private @Nullable ListableBeanFactory beans;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beans = beanFactory instanceof ListableBeanFactory l ? l : null;
  }

  @Bean
  @ConditionalOnMissingBean(HumanVerifier.class)
  CaptchaVerifier passwordResetCaptchaVerifier(
      PasswordResetProperties properties, ObjectProvider<CaptchaFailureListener> listeners) {
    PasswordResetAutoConfiguration.checkConfiguration(properties, beans);
    List<CaptchaFailureListener> all = listeners.orderedStream().toList();
    CaptchaFailureListener each = failure -> all.forEach(l -> l.onFailure(failure));
    CaptchaVerifier verifier = CaptchaMapping.verifier(properties.getCaptcha(), each);
    if (verifier == null) { // not reached: the check above stops start-up first
      throw new IllegalStateException("password-reset.captcha is not configured");
    }
    return verifier;
  }

  @Bean
  @ConditionalOnMissingBean
  CaptchaSiteKey passwordResetCaptchaSiteKey(PasswordResetProperties properties) {
    PasswordResetAutoConfiguration.checkConfiguration(properties, beans);
    PasswordResetProperties.Captcha captcha = properties.getCaptcha();
    PasswordResetProperties.CaptchaProvider provider = captcha.getProvider();
    String siteKey = captcha.getSiteKey();
    if (provider == null || siteKey == null) { // not reached: the check stops start-up first
      throw new IllegalStateException("password-reset.captcha is not configured");
    }
    return new CaptchaSiteKey(CaptchaProvider.valueOf(provider.name()).id(), siteKey);
  }

  /** Counts provider failures, when Micrometer is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    CaptchaFailureMetrics passwordResetCaptchaFailureMetrics(MeterRegistry registry) {
      return new CaptchaFailureMetrics(registry);
    }
  }
}
