package dev.passwordreset.api;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Who is asking, for a customer-facing (storefront) call: used for throttling, captcha, language
 * and the storefront the emailed link must go back to. Never holds a secret.
 *
 * @param clientAddress the client's address as the host determined it (e.g. after trusted proxy
 *     headers); not blank, at most 100 characters; the key of the per-client throttles
 * @param userAgent the client's user agent, or {@code null}; only passed on to events. Any text is
 *     accepted as it comes from the client's {@code User-Agent} header: each control character (a
 *     tab, CR, LF...) is replaced by a space and the text is cut at {@value #MAX_USER_AGENT_LENGTH}
 *     characters, so a hostile header can neither break a call nor forge a log line
 * @param locale the language of the page, or {@code null} to use the customer's own
 * @param captchaResponse what the captcha widget returned, or {@code null}; checked by the
 *     configured {@link HumanVerifier}, if any
 * @param storefront the storefront the request came from, or {@code null} for the default one; must
 *     name a storefront the engine was configured with
 */
public record RequestContext(
    String clientAddress,
    @Nullable String userAgent,
    @Nullable Locale locale,
    @Nullable String captchaResponse,
    @Nullable String storefront) {

  /** The longest user agent kept, in {@code char}s; a longer one is cut: 512. */
  public static final int MAX_USER_AGENT_LENGTH = 512;

  /**
   * Creates a context. The user agent is made safe rather than refused (see {@code userAgent}).
   *
   * @throws NullPointerException if {@code clientAddress} is null
   * @throws IllegalArgumentException if {@code clientAddress} is blank or too long, or the client
   *     address or storefront holds a control character
   */
  public RequestContext {
    Checks.notBlank(clientAddress, "clientAddress");
    Checks.maxLength(clientAddress, 100, "clientAddress");
    Checks.noControlChars(clientAddress, "clientAddress");
    userAgent = printable(userAgent, MAX_USER_AGENT_LENGTH);
    Checks.noControlChars(storefront, "storefront");
  }

  /**
   * A context with only the client's address: default storefront, customer's own language.
   *
   * @param clientAddress the client's address
   * @return the context
   * @throws IllegalArgumentException if the address is blank
   */
  public static RequestContext of(String clientAddress) {
    return new RequestContext(clientAddress, null, null, null, null);
  }

  /**
   * Returns a copy with a user agent.
   *
   * @param newUserAgent the user agent, or {@code null}
   * @return the copy
   */
  public RequestContext withUserAgent(@Nullable String newUserAgent) {
    return new RequestContext(clientAddress, newUserAgent, locale, captchaResponse, storefront);
  }

  /**
   * Returns a copy with a page language.
   *
   * @param newLocale the language, or {@code null} for the customer's own
   * @return the copy
   */
  public RequestContext withLocale(@Nullable Locale newLocale) {
    return new RequestContext(clientAddress, userAgent, newLocale, captchaResponse, storefront);
  }

  /**
   * Returns a copy with a captcha response.
   *
   * @param newCaptchaResponse the response, or {@code null}
   * @return the copy
   */
  public RequestContext withCaptchaResponse(@Nullable String newCaptchaResponse) {
    return new RequestContext(clientAddress, userAgent, locale, newCaptchaResponse, storefront);
  }

  /**
   * Returns a copy for another storefront.
   *
   * @param newStorefront the storefront's name, or {@code null} for the default one
   * @return the copy
   */
  public RequestContext withStorefront(@Nullable String newStorefront) {
    return new RequestContext(clientAddress, userAgent, locale, captchaResponse, newStorefront);
  }

  /** Control characters become spaces; the text is cut at {@code max} characters. */
  private static @Nullable String printable(@Nullable String value, int max) {
    if (value == null) {
      return null;
    }
    int length = Math.min(value.length(), max);
    if (length < value.length() && Character.isHighSurrogate(value.charAt(length - 1))) {
      length--; // never half a character
    }
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      out[i] = Character.isISOControl(c) ? ' ' : c;
    }
    return new String(out);
  }
}
