package dev.passwordreset.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** The development notifier logs who would have received what, and never the link or code. */
class LoggingNotifierTest {
  private static final String LINK =
      "https://shop.example/password/reset?token=Tok3n-_xyz&store=b2b";
  private static final String TOKEN = "Tok3n-_xyz";
  private static final String CODE = "40718263";

  private final Logger logger = (Logger) LoggerFactory.getLogger(LoggingNotifier.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  @BeforeEach
  void capture() {
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.TRACE);
  }

  @AfterEach
  void release() {
    logger.detachAppender(appender);
    logger.setLevel(null);
  }

  @ParameterizedTest
  @EnumSource(NotificationType.class)
  void logsTypeCustomerAndMaskedAddressButNeverTheLinkOrCode(NotificationType type) {
    new LoggingNotifier().send(notification(type, Locale.FRENCH, "Jane"));

    assertThat(appender.list).hasSize(2);
    ILoggingEvent sent = appender.list.get(1);
    assertThat(sent.getLevel()).isEqualTo(Level.INFO);
    assertThat(sent.getFormattedMessage())
        .contains(
            type.name(),
            "c-42",
            "j***@example.com",
            type == NotificationType.RESET_CODE ? "code withheld" : "link withheld")
        .doesNotContain("jane.doe@")
        .doesNotContain(TOKEN)
        .doesNotContain(CODE)
        .doesNotContain("shop.example/password");
    for (ILoggingEvent event : appender.list) {
      assertThat(event.getFormattedMessage())
          .doesNotContain(TOKEN)
          .doesNotContain(LINK)
          .doesNotContain(CODE);
      assertThat(event.getArgumentArray() == null ? new Object[0] : event.getArgumentArray())
          .allSatisfy(
              a -> assertThat(String.valueOf(a)).doesNotContain(TOKEN).doesNotContain(CODE));
    }
  }

  @Test
  void warnsWhenCreatedThatItSendsNoEmail() {
    new LoggingNotifier();

    assertThat(appender.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage()).contains("sends no email", "development only");
            });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "jane.doe@example.com, j***@example.com",
    "j@example.com, j***@example.com",
    "\"odd@local\"@example.com, \"***@example.com",
    "no-at-sign, ***",
    "@example.com, ***",
    "jane@, ***",
  })
  void masksTheLocalPartOfTheAddress(String email, String masked) {
    assertThat(LoggingNotifier.mask(email)).isEqualTo(masked);
  }

  private static Notification notification(NotificationType type, Locale locale, String name) {
    boolean code = type == NotificationType.RESET_CODE;
    boolean link = type != NotificationType.PASSWORD_CHANGED && !code;
    return new Notification(
        type,
        new CustomerId("c-42"),
        "jane.doe@example.com",
        name,
        locale,
        link ? LINK : null,
        link || code ? Instant.parse("2026-03-10T14:30:00Z") : null,
        null,
        code ? CODE : null);
  }
}
