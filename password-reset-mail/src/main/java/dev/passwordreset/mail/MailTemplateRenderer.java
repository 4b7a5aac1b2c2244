package dev.passwordreset.mail;

import dev.passwordreset.api.Notification;
import java.time.ZoneId;
import java.util.Optional;

/**
 * SPI: writes the email for a notification in the host's own words, instead of the built-in
 * templates. Passed to {@link JakartaMailNotifier.Builder#renderer(MailTemplateRenderer)}.
 *
 * <p>Return {@link Optional#empty()} for the notifications you leave to the templates (for
 * instance, override only {@link dev.passwordreset.api.NotificationType#RESET_LINK}). Everything
 * you insert into {@link RenderedMail#html()} must be escaped by you; {@link #escapeHtml(String)}
 * does it. Never log {@link Notification#link()} or {@link Notification#code()}.
 *
 * <p>Implementations must be thread-safe: the notifier calls them from any thread. A {@link
 * dev.passwordreset.api.NotificationException} thrown is passed on as it is; any other runtime
 * exception becomes a permanent {@code NotificationException} (rendering the same notification
 * again would fail again).
 */
@FunctionalInterface
public interface MailTemplateRenderer {

  /**
   * Writes one email.
   *
   * @param notification what to write about; its link (or code) is a live credential
   * @param zone the time zone the host configured for dates (the link's expiry)
   * @return the email, or empty to use the templates
   */
  Optional<RenderedMail> render(Notification notification, ZoneId zone);

  /**
   * Writes one email in a storefront's brand. By default, {@link #render(Notification, ZoneId)}
   * with the brand's time zone; override it to use the shop's name, logo or contact.
   *
   * @param notification what to write about; its link (or code) is a live credential
   * @param brand the brand of the notification's storefront, its time zone filled in
   * @return the email, or empty to use the templates
   */
  default Optional<RenderedMail> render(Notification notification, Brand brand) {
    ZoneId zone = brand.zone();
    return render(notification, zone == null ? java.time.ZoneOffset.UTC : zone);
  }

  /**
   * Escapes {@code &}, {@code <}, {@code >}, {@code "} and {@code '} so a value can be put into
   * HTML text or a quoted attribute.
   *
   * @param value the raw value
   * @return the escaped value
   */
  static String escapeHtml(String value) {
    return Template.escapeHtml(value);
  }
}
