package dev.passwordreset.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The builder refuses bad settings at once, naming the setting and the bad value. */
class JakartaMailNotifierBuilderTest {

  private static JakartaMailNotifier.Builder valid() {
    return JakartaMailNotifier.builder()
        .host("smtp.example.com")
        .from("no-reply@shop.example", "Shop");
  }

  @Test
  void buildNamesEveryMissingMandatoryPart() {
    assertThatThrownBy(() -> JakartaMailNotifier.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing: host, from");
    assertThatThrownBy(() -> JakartaMailNotifier.builder().host("smtp.example.com").build())
        .hasMessageEndingWith("missing: from");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "smtp example.com", "smtp.example.com\r\n"})
  void hostMustBeAHostName(String host) {
    assertThatThrownBy(() -> JakartaMailNotifier.builder().host(host))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("host must be");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 65_536})
  void portMustBeInRange(int port) {
    assertThatThrownBy(() -> JakartaMailNotifier.builder().port(port))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("port must be between 1 and 65535, was " + port);
  }

  @Test
  void timeoutsMustBeBetweenOneMillisecondAndTenMinutes() {
    JakartaMailNotifier.Builder b = JakartaMailNotifier.builder();
    assertThatThrownBy(() -> b.connectTimeout(Duration.ZERO))
        .hasMessage("connectTimeout must be between 1 ms and 10 minutes, was PT0S");
    assertThatThrownBy(() -> b.readTimeout(Duration.ofSeconds(-1)))
        .hasMessageStartingWith("readTimeout must be between");
    assertThatThrownBy(() -> b.writeTimeout(Duration.ofMinutes(11)))
        .hasMessage("writeTimeout must be between 1 ms and 10 minutes, was PT11M");
    assertThatNullPointerException()
        .isThrownBy(() -> b.connectTimeout(null))
        .withMessage("connectTimeout must not be null");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "no-reply",
        "no-reply@",
        "a@b.example, c@d.example",
        "Shop <no-reply@shop.example>",
        "no reply@shop.example"
      })
  void fromMustBeOnePlainAddress(String address) {
    assertThatThrownBy(() -> JakartaMailNotifier.builder().from(address, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "from must be a single email address like no-reply@shop.example, was \""
                + address
                + "\"");
  }

  @Test
  void replyToMustBeOnePlainAddress() {
    assertThatThrownBy(() -> JakartaMailNotifier.builder().replyTo("support"))
        .hasMessageStartingWith("replyTo must be a single email address");
  }

  @Test
  void personalNameCannotInjectAHeader() {
    assertThatThrownBy(
            () -> JakartaMailNotifier.builder().from("a@shop.example", "Shop\r\nBcc: x@y"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("from personal name must not contain control characters");
  }

  @Test
  void authenticationRefusesBlankUsernameAndNeverEchoesThePassword() {
    JakartaMailNotifier.Builder b = JakartaMailNotifier.builder();
    assertThatThrownBy(() -> b.authentication(" ", "pw"))
        .hasMessage("username must not be blank or contain control characters, was \" \"");
    assertThatThrownBy(() -> b.authentication("mailer", ""))
        .hasMessage("password must not be empty or contain control characters");
    assertThatThrownBy(() -> b.authentication("mailer", "se\ncret"))
        .hasMessage("password must not be empty or contain control characters");
  }

  @Test
  void sessionPropertiesMustBeMailProperties() {
    assertThatThrownBy(() -> JakartaMailNotifier.builder().sessionProperty("java.home", "/"))
        .hasMessage("session property key must start with \"mail.\", was \"java.home\"");
  }

  @ParameterizedTest
  @EnumSource(SmtpSecurity.class)
  void portDefaultsToTheUsualOneForTheSecurity(SmtpSecurity security) {
    assertThat(valid().security(security).build().toString())
        .contains(":" + security.defaultPort() + ",", "security=" + security);
  }

  @Test
  void defaultSecurityIsRequiredStartTls() {
    assertThat(valid().build().toString())
        .contains("smtp://smtp.example.com:587", "STARTTLS_REQUIRED");
  }
}
