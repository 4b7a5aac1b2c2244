package dev.passwordreset.examples.storefront;

import dev.passwordreset.api.HumanVerifier;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.captcha.CaptchaVerifier;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The demo's own settings, which are not the library's: which self-serve variant the storefronts
 * offer, and whether the demo captcha is asked. Kept in memory. Also the demo's {@link
 * HumanVerifier}: by default the "captcha" is to type the word {@value #CAPTCHA_WORD}; with {@code
 * demo.captcha=turnstile}, {@code hcaptcha} or {@code recaptcha} it is the library's {@link
 * CaptchaVerifier} with that provider's test keys (see {@link DemoCaptcha}).
 *
 * <p>Thread-safe.
 */
@Component
public class DemoSettings implements HumanVerifier {
  /** The word the demo captcha asks for. */
  public static final String CAPTCHA_WORD = "shop";

  /** The two self-serve variants of "Forgot your password?". */
  public enum Variant {
    /** Email first; the link opens the page where the new password is chosen. */
    LINK_FIRST,
    /** Email and new password on one page; the emailed link activates the password. */
    SET_THEN_CONFIRM
  }

  private volatile Variant variant = Variant.LINK_FIRST;
  private volatile boolean captchaEnabled = true;
  private final DemoCaptcha captcha;
  private final @Nullable CaptchaVerifier provider;

  /** The demo's own captcha: type the word. */
  public DemoSettings() {
    this(DemoCaptcha.FAKE.name());
  }

  /**
   * Created by Spring.
   *
   * @param captcha the property {@code demo.captcha}: {@code fake} (default), {@code turnstile},
   *     {@code hcaptcha} or {@code recaptcha}
   * @throws IllegalArgumentException naming {@code demo.captcha} for another value
   */
  @org.springframework.beans.factory.annotation.Autowired
  public DemoSettings(@Value("${demo.captcha:fake}") String captcha) {
    this.captcha = DemoCaptcha.of(captcha);
    this.provider = this.captcha.verifier();
  }

  /**
   * The captcha the request page shows.
   *
   * @return the fake or a provider with its test keys
   */
  public DemoCaptcha captcha() {
    return captcha;
  }

  /**
   * The self-serve variant the storefronts offer.
   *
   * @return the variant
   */
  public Variant variant() {
    return variant;
  }

  /**
   * Whether the request page asks for the captcha.
   *
   * @return the flag
   */
  public boolean captchaEnabled() {
    return captchaEnabled;
  }

  /**
   * Saves the demo's settings.
   *
   * @param newVariant the variant
   * @param newCaptchaEnabled whether the captcha is asked
   */
  public void update(Variant newVariant, boolean newCaptchaEnabled) {
    this.variant = newVariant;
    this.captchaEnabled = newCaptchaEnabled;
  }

  @Override
  public boolean verify(@Nullable String captchaResponse, RequestContext context) {
    if (!captchaEnabled) {
      return true;
    }
    CaptchaVerifier real = provider;
    if (real != null) {
      return real.verify(captchaResponse, context);
    }
    return captchaResponse != null && captchaResponse.strip().equalsIgnoreCase(CAPTCHA_WORD);
  }
}
