package dev.passwordreset.examples.storefront.store;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Spring MVC set-up of the storefronts: the forced password change. */
@Configuration(proxyBeanMethods = false)
public class StoreWebConfiguration implements WebMvcConfigurer {

  /** Created by Spring. */
  public StoreWebConfiguration() {}

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new ForcedChangeInterceptor()).addPathPatterns("/shop/**", "/b2b/**");
  }
}
