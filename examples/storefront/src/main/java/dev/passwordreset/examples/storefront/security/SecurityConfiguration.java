package dev.passwordreset.examples.storefront.security;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.examples.storefront.DemoCustomers;
import dev.passwordreset.examples.storefront.store.Store;
import java.util.function.Predicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Three sign-ins, CSRF on everywhere: agents for {@code /backoffice/**}, customers for each store.
 * Both kinds of login go through a custom {@link
 * org.springframework.security.authentication.AuthenticationProvider}; customers' through the
 * library's {@code checkLogin}. Reset links carry their token in the address, so no page sends a
 * {@code Referer}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /** Created by Spring. */
  public SecurityConfiguration() {}

  /**
   * The back office: every page but the login page needs an agent.
   *
   * @param http the builder
   * @param agents the agents
   * @param sessions the per-area sessions
   * @return the chain
   * @throws Exception if Spring Security cannot build it
   */
  @Bean
  @Order(1)
  public SecurityFilterChain backOfficeChain(
      HttpSecurity http, AgentDirectory agents, StoreSessions sessions) throws Exception {
    String area = StoreSessions.BACK_OFFICE;
    http.securityMatcher("/backoffice", "/backoffice/**")
        .authorizeHttpRequests(
            a -> a.requestMatchers("/backoffice/login").permitAll().anyRequest().hasRole("AGENT"))
        .authenticationManager(new ProviderManager(new AgentAuthenticationProvider(agents)))
        .securityContext(c -> c.securityContextRepository(sessions.repository(area)))
        .requestCache(c -> c.requestCache(sessions.requestCache(area)))
        .formLogin(
            f -> {
              SavedRequestAwareAuthenticationSuccessHandler success =
                  new SavedRequestAwareAuthenticationSuccessHandler();
              success.setDefaultTargetUrl("/backoffice/customers");
              success.setRequestCache(sessions.requestCache(area));
              f.loginPage("/backoffice/login")
                  .successHandler(success)
                  .failureHandler(
                      new SimpleUrlAuthenticationFailureHandler("/backoffice/login?error"));
            })
        .logout(
            l ->
                l.logoutUrl("/backoffice/logout")
                    .logoutSuccessUrl("/backoffice/login?logout")
                    .invalidateHttpSession(false)
                    .addLogoutHandler(sessions.signOut(area)))
        .headers(SecurityConfiguration::headers);
    return http.build();
  }

  /**
   * The public shop: browsing and password help are open, the account pages need a customer.
   *
   * @param http the builder
   * @param service the library
   * @param customers the customers
   * @param sessions the per-area sessions
   * @return the chain
   * @throws Exception if Spring Security cannot build it
   */
  @Bean
  @Order(2)
  public SecurityFilterChain shopChain(
      HttpSecurity http,
      PasswordResetService service,
      CustomerStore customers,
      StoreSessions sessions)
      throws Exception {
    http.authorizeHttpRequests(
        a ->
            a.requestMatchers("/shop/account", "/shop/account/**")
                .hasRole("CUSTOMER")
                .anyRequest()
                .permitAll());
    return storeChain(http, Store.SHOP, service, customers, id -> true, sessions);
  }

  /**
   * The B2B store: everything but sign-in and password help needs a customer, and only trade
   * customers (home store B2B) sign in there.
   *
   * @param http the builder
   * @param service the library
   * @param customers the customers
   * @param trade tells trade customers
   * @param sessions the per-area sessions
   * @return the chain
   * @throws Exception if Spring Security cannot build it
   */
  @Bean
  @Order(3)
  public SecurityFilterChain b2bChain(
      HttpSecurity http,
      PasswordResetService service,
      CustomerStore customers,
      DemoCustomers trade,
      StoreSessions sessions)
      throws Exception {
    http.authorizeHttpRequests(
        a ->
            a.requestMatchers(
                    "/b2b/login", "/b2b/forgot", "/b2b/forgot/**", "/b2b/reset", "/b2b/reset/**")
                .permitAll()
                .anyRequest()
                .hasRole("CUSTOMER"));
    return storeChain(http, Store.B2B, service, customers, trade::isTrade, sessions);
  }

  /**
   * Everything else (the mailbox, the start page, styles): open, with CSRF.
   *
   * @param http the builder
   * @return the chain
   * @throws Exception if Spring Security cannot build it
   */
  @Bean
  @Order(10)
  public SecurityFilterChain openChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(a -> a.anyRequest().permitAll())
        .headers(SecurityConfiguration::headers);
    return http.build();
  }

  private static SecurityFilterChain storeChain(
      HttpSecurity http,
      Store store,
      PasswordResetService service,
      CustomerStore customers,
      Predicate<CustomerId> member,
      StoreSessions sessions)
      throws Exception {
    String base = "/" + store.path();
    String area = StoreSessions.area(store);
    SavedRequestAwareAuthenticationSuccessHandler saved =
        new SavedRequestAwareAuthenticationSuccessHandler();
    saved.setDefaultTargetUrl(base + "/account");
    saved.setRequestCache(sessions.requestCache(area));
    AuthenticationSuccessHandler success =
        (request, response, authentication) -> {
          if (authentication.getPrincipal() instanceof CustomerPrincipal p && p.mustChange()) {
            response.sendRedirect(request.getContextPath() + base + "/account/password");
          } else {
            saved.onAuthenticationSuccess(request, response, authentication);
          }
        };
    http.securityMatcher(base, base + "/**")
        .authenticationManager(
            new ProviderManager(
                new CustomerAuthenticationProvider(service, customers, store, member)))
        .securityContext(c -> c.securityContextRepository(sessions.repository(area)))
        .requestCache(c -> c.requestCache(sessions.requestCache(area)))
        .formLogin(
            f ->
                f.loginPage(base + "/login")
                    .usernameParameter("email")
                    .successHandler(success)
                    .failureHandler(
                        new SimpleUrlAuthenticationFailureHandler(base + "/login?error")))
        .logout(
            l ->
                l.logoutUrl(base + "/logout")
                    .logoutSuccessUrl(base + "/login?logout")
                    .invalidateHttpSession(false)
                    .addLogoutHandler(sessions.signOut(area)))
        .headers(SecurityConfiguration::headers);
    return http.build();
  }

  private static void headers(HeadersConfigurer<HttpSecurity> headers) {
    headers.referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER));
  }
}
