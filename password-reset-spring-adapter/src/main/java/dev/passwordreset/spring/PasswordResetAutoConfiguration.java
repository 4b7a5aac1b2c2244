package dev.passwordreset.spring;

import dev.passwordreset.api.CustomerStore;
import dev.passwordreset.api.HumanVerifier;
import dev.passwordreset.api.LegacyPasswordVerifier;
import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.PasswordHasher;
import dev.passwordreset.api.PasswordPolicy;
import dev.passwordreset.api.PasswordResetService;
import dev.passwordreset.api.ResetEventListener;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.notify.LoggingNotifier;
import dev.passwordreset.mail.JakartaMailNotifier;
import dev.passwordreset.mail.MailComposer;
import dev.passwordreset.mail.MailTemplateRenderer;
import dev.passwordreset.mail.TemplateMailRenderer;
import dev.passwordreset.spring.web.PasswordResetController;
import dev.passwordreset.spring.web.WebErrors;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.util.ClassUtils;

/**
 * Auto-configuration of a {@link PasswordResetService} from the {@code password-reset.*} properties
 * and the host's beans. The host provides a {@link CustomerStore} bean and a way to send mail;
 * every other part has a default, and any bean of the host's own of the same type wins.
 *
 * <p>Holds no reset logic: the properties feed core's builders, which validate them; a bad value
 * stops start-up with {@link PasswordResetFailureAnalyzer}'s report naming the property.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.session.autoconfigure.SessionAutoConfiguration"
    })
@ConditionalOnProperty(
    prefix = "password-reset",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(PasswordResetProperties.class)
@Import({
  PasswordResetAutoConfiguration.JavaMailConfiguration.class,
  PasswordResetAutoConfiguration.LoggingMailConfiguration.class,
  StoreConfigurations.Jdbc.class,
  StoreConfigurations.InMemory.class,
  PasswordResetAutoConfiguration.MetricsConfiguration.class,
  PasswordResetAutoConfiguration.SessionConfiguration.class,
  PasswordResetAutoConfiguration.WebConfiguration.class,
  CaptchaConfiguration.class
})
// Spring reads the package-private configurations and decorators it names; hosts never do.
@SuppressWarnings("exports")
public class PasswordResetAutoConfiguration implements BeanFactoryAware {
  private static final Logger log = LoggerFactory.getLogger(PasswordResetAutoConfiguration.class);

  private @Nullable ListableBeanFactory beans;

  /** Created by Spring Boot. */
  public PasswordResetAutoConfiguration() {}

  /**
   * Spring hands over the context's bean factory, from which the configuration check learns which
   * of the optional parts (the mail sender) are there.
   *
   * @param beanFactory the context's bean factory
   */
  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beans = beanFactory instanceof ListableBeanFactory l ? l : null;
  }

  /**
   * Checks every {@code password-reset.*} property once, before the first bean that reads them, and
   * stops start-up with one report listing every problem (a missing {@code mail.from} does not hide
   * a missing {@code link-template}). Each bean that maps properties calls it first: the first call
   * checks, the others return at once.
   */
  static void checkConfiguration(
      PasswordResetProperties properties, @Nullable ListableBeanFactory beans) {
    if (!properties.firstCheck()) {
      return;
    }
    List<Runnable> checks = new ArrayList<>();
    checks.add(() -> PropertiesToEngine.hasher(properties.getHashing()));
    checks.add(() -> PropertiesToEngine.policy(properties.getPolicy()));
    checks.add(() -> PropertiesToEngine.configure(PasswordResetEngine.builder(), properties));
    checks.add(() -> purgeSchedule(properties.getPurge()));
    if (properties.getCaptcha().getProvider() != null) {
      ClassLoader loader =
          beans instanceof ConfigurableBeanFactory c ? c.getBeanClassLoader() : null;
      checks.add(() -> checkCaptcha(properties.getCaptcha(), loader));
    }
    if (beans != null && beans.containsBeanDefinition(JavaMailConfiguration.TEMPLATES_BEAN)) {
      ClassLoader loader =
          beans instanceof ConfigurableBeanFactory c ? c.getBeanClassLoader() : null;
      checks.add(() -> JavaMailConfiguration.check(properties, loader));
    }
    PropertiesToEngine.checkAll(checks);
  }

  /** The captcha properties, when a provider is named: the module must be there to use them. */
  private static void checkCaptcha(
      PasswordResetProperties.Captcha captcha, @Nullable ClassLoader loader) {
    if (ClassUtils.isPresent("dev.passwordreset.captcha.CaptchaVerifier", loader)) {
      CaptchaMapping.check(captcha);
      return;
    }
    PropertiesToEngine.report(
        new PasswordResetConfigurationException(
            PropertiesToEngine.PREFIX + "captcha.provider",
            "is set, but the password-reset-captcha module is not on the class path",
            "Add the dependency dev.passwordreset:password-reset-captcha, or unset"
                + " password-reset.captcha.provider.",
            null));
  }

  /**
   * Argon2id with the {@code password-reset.hashing.*} parameters.
   *
   * @param properties the properties
   * @return the hasher
   */
  @Bean
  @ConditionalOnMissingBean
  public PasswordHasher passwordResetHasher(PasswordResetProperties properties) {
    checkConfiguration(properties, beans);
    return PropertiesToEngine.hasher(properties.getHashing());
  }

  /**
   * The rule-based policy from {@code password-reset.policy.*}.
   *
   * @param properties the properties
   * @return the policy
   */
  @Bean
  @ConditionalOnMissingBean
  public PasswordPolicy passwordResetPolicy(PasswordResetProperties properties) {
    checkConfiguration(properties, beans);
    return PropertiesToEngine.policy(properties.getPolicy());
  }

  /**
   * Publishes every {@link dev.passwordreset.api.ResetEvent} as a Spring application event.
   *
   * @param publisher the context
   * @return the listener
   */
  @Bean
  @ConditionalOnMissingBean
  public ApplicationEventResetListener passwordResetApplicationEvents(
      ApplicationEventPublisher publisher) {
    return new ApplicationEventResetListener(publisher);
  }

  /**
   * The engine, fed from the properties and the beans, then the customizers; closed on shutdown
   * (queued self-service mail is delivered first).
   *
   * @param properties the properties
   * @param customerStore the host's customers
   * @param ticketStore where links are kept
   * @param notifier how emails are sent
   * @param hasher the hasher
   * @param policy the policy
   * @param settingsStore where saved settings live
   * @param throttleStore where throttle counters live
   * @param listeners every {@link ResetEventListener} bean
   * @param humanVerifier the captcha check, if the host has one
   * @param legacyVerifiers legacy hash formats to migrate
   * @param customizers the host's hooks
   * @param decorators wrappers (metrics)
   * @return the service
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public PasswordResetService passwordResetService(
      PasswordResetProperties properties,
      ObjectProvider<CustomerStore> customerStore,
      TicketStore ticketStore,
      ObjectProvider<Notifier> notifier,
      PasswordHasher hasher,
      PasswordPolicy policy,
      SettingsStore settingsStore,
      ThrottleStore throttleStore,
      ObjectProvider<ResetEventListener> listeners,
      ObjectProvider<HumanVerifier> humanVerifier,
      ObjectProvider<LegacyPasswordVerifier> legacyVerifiers,
      ObjectProvider<PasswordResetEngineCustomizer> customizers,
      ObjectProvider<ServiceDecorator> decorators) {
    checkConfiguration(properties, beans);
    CustomerStore customers = customerStore.getIfUnique();
    if (customers == null) {
      throw new PasswordResetConfigurationException(
          null,
          "no single bean implementing dev.passwordreset.api.CustomerStore was found; the"
              + " password-reset service reads and writes your customers through it",
          "Define exactly one bean implementing dev.passwordreset.api.CustomerStore (over your"
              + " customer table), or set password-reset.enabled=false.",
          null);
    }
    Notifier mail = notifier.getIfUnique();
    if (mail == null) {
      throw missingMail(properties);
    }
    PasswordResetEngine.Builder builder =
        PasswordResetEngine.builder()
            .customerStore(customers)
            .ticketStore(ticketStore)
            .notifier(mail)
            .hasher(hasher)
            .passwordPolicy(policy)
            .settingsStore(settingsStore)
            .throttleStore(throttleStore);
    PropertiesToEngine.configure(builder, properties);
    listeners.orderedStream().forEach(builder::listener);
    humanVerifier.ifUnique(builder::humanVerifier);
    legacyVerifiers.orderedStream().forEach(builder::legacyVerifier);
    customizers.orderedStream().forEach(c -> c.customize(builder));
    PasswordResetService service = builder.build();
    for (ServiceDecorator decorator : decorators.orderedStream().toList()) {
      service = decorator.decorate(service);
    }
    return service;
  }

  private static PasswordResetConfigurationException missingMail(PasswordResetProperties p) {
    if (!p.getMail().isEnabled()) {
      return new PasswordResetConfigurationException(
          null,
          "password-reset.mail.enabled=false, but no Notifier bean was found",
          "Define a bean implementing dev.passwordreset.api.Notifier.",
          null);
    }
    // The default (context) class loader: the application's, also under DevTools' restarts.
    boolean mailModule = ClassUtils.isPresent("dev.passwordreset.mail.JakartaMailNotifier", null);
    String missing =
        mailModule
            ? "no JavaMailSender (spring.mail.host is not set, or spring-boot-starter-mail is"
                + " missing)"
            : "dev.passwordreset:password-reset-mail, which sends them through Spring's"
                + " JavaMailSender, is not on the class path";
    String add =
        mailModule
            ? "Configure Spring's mail sender (add spring-boot-starter-mail and set"
                + " spring.mail.host, spring.mail.port, ...)"
            : "Add the dependency dev.passwordreset:password-reset-mail and Spring's mail sender"
                + " (spring-boot-starter-mail, spring.mail.host, spring.mail.port, ...)";
    return new PasswordResetConfigurationException(
        null,
        "no way to send the password-reset emails: there is no Notifier bean and " + missing,
        add
            + ", or define a bean implementing dev.passwordreset.api.Notifier, or, for development"
            + " only, set password-reset.mail.enabled=false to log emails instead of sending them.",
        null);
  }

  /**
   * Purges expired links and throttle counters on the schedule of {@code password-reset.purge.*}.
   *
   * @param properties the properties
   * @param service the service
   * @return the purger, started with the context
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(
      prefix = "password-reset.purge",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  public ExpiredTicketPurger passwordResetPurger(
      PasswordResetProperties properties, PasswordResetService service) {
    checkConfiguration(properties, beans);
    PasswordResetProperties.Purge purge = properties.getPurge();
    Duration fixedDelay = PropertiesToEngine.purgeInterval(purge);
    return new ExpiredTicketPurger(service, purgeSchedule(purge), fixedDelay);
  }

  /** The purge's cron expression, checked; {@code null} when none is set. */
  private static @Nullable String purgeSchedule(PasswordResetProperties.Purge purge) {
    PropertiesToEngine.purgeInterval(purge);
    String cron = purge.getCron();
    if (cron == null || cron.isBlank()) {
      return null;
    }
    PropertiesToEngine.checked("purge.cron", () -> CronExpression.parse(cron));
    return cron;
  }

  /** Wraps the engine (e.g. with metrics) before it becomes the service bean. */
  @FunctionalInterface
  interface ServiceDecorator {
    PasswordResetService decorate(PasswordResetService service);
  }

  /**
   * Emails through Spring's {@link JavaMailSender} (configured by {@code spring.mail.*}), written
   * by {@code password-reset-mail} (an optional dependency: without {@link JakartaMailNotifier} on
   * the class path, this configuration stays off).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.springframework.mail.javamail.JavaMailSender",
        "dev.passwordreset.mail.JakartaMailNotifier"
      })
  @ConditionalOnBean(type = "org.springframework.mail.javamail.JavaMailSender")
  @ConditionalOnProperty(
      prefix = "password-reset.mail",
      name = "enabled",
      havingValue = "true",
      matchIfMissing = true)
  static class JavaMailConfiguration {
    /** The name of the templates' bean, whose presence tells that this configuration is on. */
    static final String TEMPLATES_BEAN = "passwordResetMailTemplates";

    /** Runs the checks of the mail properties that the two beans below run when built. */
    static void check(PasswordResetProperties properties, @Nullable ClassLoader loader) {
      TemplateMailRenderer templates = templates(properties, loader);
      composer(properties, templates != null ? templates : TemplateMailRenderer.builder().build());
    }

    @Bean(TEMPLATES_BEAN)
    @ConditionalOnMissingBean
    TemplateMailRenderer passwordResetMailTemplates(
        PasswordResetProperties properties, ResourceLoader resources, ListableBeanFactory beans) {
      // The application's class loader, so templates are found also under DevTools' restarts.
      ClassLoader loader = resources.getClassLoader();
      checkConfiguration(properties, beans);
      return templates(properties, loader);
    }

    /** The templates from {@code password-reset.mail.*}; {@code null} only while checking. */
    private static @Nullable TemplateMailRenderer templates(
        PasswordResetProperties properties, @Nullable ClassLoader loader) {
      PasswordResetProperties.Mail mail = properties.getMail();
      TemplateMailRenderer.Builder builder = TemplateMailRenderer.builder();
      if (loader != null) {
        builder.classLoader(loader);
      }
      String location = mail.getTemplateLocation();
      if (location != null) {
        PropertiesToEngine.checked("mail.template-location", () -> builder.location(location));
      }
      mail.getVariables()
          .forEach(
              (name, value) ->
                  PropertiesToEngine.checked(
                      "mail.variables." + name, () -> builder.variable(name, value)));
      return PropertiesToEngine.checked("mail.template-location", builder::build);
    }

    @Bean
    @ConditionalOnMissingBean
    Notifier passwordResetNotifier(
        JavaMailSender sender,
        PasswordResetProperties properties,
        TemplateMailRenderer templates,
        ObjectProvider<MailTemplateRenderer> renderer,
        ListableBeanFactory beans) {
      checkConfiguration(properties, beans);
      MailComposer.Builder composer = composer(properties, templates);
      renderer.ifUnique(composer::renderer);
      return new JavaMailSenderNotifier(sender, composer.build());
    }

    /** The composer from {@code password-reset.mail.*}, checked. */
    private static MailComposer.Builder composer(
        PasswordResetProperties properties, TemplateMailRenderer templates) {
      PasswordResetProperties.Mail mail = properties.getMail();
      MailComposer.Builder composer =
          MailComposer.builder().zone(mail.getTimeZone()).templates(templates);
      String from = mail.getFrom();
      if (from == null || from.isBlank()) {
        PropertiesToEngine.report(
            new PasswordResetConfigurationException(
                "password-reset.mail.from",
                "is not set; the password-reset emails need a sender address",
                "Set password-reset.mail.from to a plain address such as no-reply@shop.example"
                    + " (and optionally password-reset.mail.from-name).",
                null));
      } else {
        PropertiesToEngine.checked("mail.from", () -> composer.from(from, mail.getFromName()));
      }
      String replyTo = mail.getReplyTo();
      if (replyTo != null && !replyTo.isBlank()) {
        PropertiesToEngine.checked("mail.reply-to", () -> composer.replyTo(replyTo));
      }
      MailBrands.apply(properties, composer);
      return composer;
    }
  }

  /** With {@code password-reset.mail.enabled=false}: emails are only logged, never their links. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnProperty(prefix = "password-reset.mail", name = "enabled", havingValue = "false")
  static class LoggingMailConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Notifier passwordResetNotifier() {
      log.warn(
          "password-reset.mail.enabled=false: password-reset emails are NOT sent, only logged"
              + " (without their links). For development only.");
      return new LoggingNotifier();
    }
  }

  /** Timers per operation and outcome, and counters per event type, when Micrometer is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  @ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry")
  static class MetricsConfiguration {

    @Bean
    ServiceDecorator passwordResetMetricsDecorator(ObjectProvider<MeterRegistry> registry) {
      return service -> new MeteredPasswordResetService(service, registry.getObject());
    }

    @Bean
    @ConditionalOnMissingBean
    ResetEventMetrics passwordResetEventMetrics(MeterRegistry registry) {
      return new ResetEventMetrics(registry);
    }

    @Bean
    HashingBackendGauge passwordResetHashingBackendGauge(
        MeterRegistry registry, ObjectProvider<PasswordHasher> hasher) {
      return new HashingBackendGauge(registry, hasher.getIfUnique());
    }
  }

  /** Ends a customer's other sessions after a password change, when Spring Session is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.session.FindByIndexNameSessionRepository")
  @ConditionalOnProperty(
      prefix = "password-reset.session",
      name = "invalidate-on-password-change",
      havingValue = "true",
      matchIfMissing = true)
  static class SessionConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PrincipalNameResolver passwordResetPrincipalNames() {
      // The library cannot see how the host signs customers in; say once what it assumes.
      log.warn(
          "password-reset ends a customer's other sessions after a password change by principal"
              + " name, and assumes the principal name is the customer id. If customers sign in"
              + " under another name (e.g. their email), their sessions are NOT ended: define a"
              + " PrincipalNameResolver bean (one returning the customer id silences this line).");
      return customerId -> customerId.value();
    }

    @Bean
    @ConditionalOnMissingBean
    SessionInvalidatingResetListener passwordResetSessionInvalidation(
        ObjectProvider<FindByIndexNameSessionRepository<? extends Session>> sessions,
        PrincipalNameResolver principalNames) {
      ClassLoader loader = SessionConfiguration.class.getClassLoader();
      Supplier<@Nullable String> current =
          ClassUtils.isPresent(
                      "org.springframework.web.context.request.RequestContextHolder", loader)
                  && ClassUtils.isPresent("jakarta.servlet.http.HttpSession", loader)
              ? CurrentHttpSession::id
              : () -> null;
      return new SessionInvalidatingResetListener(sessions::getIfUnique, principalNames, current);
    }
  }

  /** The self-service JSON endpoints, with {@code password-reset.web.enabled=true}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
  @ConditionalOnProperty(prefix = "password-reset.web", name = "enabled", havingValue = "true")
  static class WebConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PasswordResetController passwordResetController(
        PasswordResetService service,
        PasswordResetProperties properties,
        ObjectProvider<CaptchaSiteKey> captcha) {
      return new PasswordResetController(
          service, properties.getStorefronts().keySet(), captcha.getIfUnique());
    }

    /** The library's JSON body and no-store on every error under the base path. */
    @Bean
    @ConditionalOnMissingBean
    WebErrors passwordResetWebErrors(PasswordResetProperties properties) {
      return new WebErrors(properties.getWeb().getBasePath());
    }
  }
}
