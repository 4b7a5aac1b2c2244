package dev.passwordreset.core;

import static dev.passwordreset.core.support.Fixture.CLIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.AgentContext;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationType;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.ResetOutcome;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.core.support.Fixture;
import dev.passwordreset.core.support.Mailbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StorefrontsAndArgumentsTest {

  private final Fixture fx = new Fixture();

  @AfterEach
  void close() {
    fx.close();
  }

  @Test
  void requestOnTheB2bStorefrontEmailsALinkToTheB2bTemplateAndSignsInThere() {
    fx.customer("c1", "buyer@corp.example", "Old-Passw0rd!");

    fx.engine.requestReset("buyer@corp.example", CLIENT.withStorefront("b2b"));

    Notification mail = fx.mail.await("buyer@corp.example", NotificationType.RESET_LINK);
    assertThat(mail.link()).startsWith("https://pro.shop.example/password/reset?token=");
    assertThat(mail.storefront()).isEqualTo("b2b");
    assertThat(fx.engine.completeReset(Mailbox.token(mail), Fixture.pw("N3w-Secret!x"), CLIENT))
        .isInstanceOfSatisfying(
            ResetOutcome.Completed.class, c -> assertThat(c.storefront()).isEqualTo("b2b"));
  }

  @Test
  void unknownStorefrontIsAProgrammingErrorNamingTheConfiguredOnes() {
    assertThatThrownBy(() -> fx.engine.requestReset("a@b.c", CLIENT.withStorefront("outlet")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown storefront 'outlet'")
        .hasMessageContaining("b2b");
  }

  @Test
  void nullArgumentsFailWithTheArgumentsName() {
    assertThatThrownBy(() -> fx.engine.requestReset(null, CLIENT))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("email must not be null");
    assertThatThrownBy(() -> fx.engine.requestReset("a@b.c", null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("context must not be null");
    assertThatThrownBy(() -> fx.engine.completeReset("t", null, CLIENT))
        .hasMessage("newPassword must not be null");
    assertThatThrownBy(() -> fx.engine.checkToken(null, CLIENT))
        .hasMessage("token must not be null");
    assertThatThrownBy(() -> fx.engine.sendResetEmail(null, AgentContext.of("a")))
        .hasMessage("customerId must not be null");
  }

  @Test
  void blankCustomerIdAndBlankClientAddressFailWithTheirNames() {
    assertThatThrownBy(() -> fx.engine.sendResetEmail(CustomerId.of(" "), AgentContext.of("a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("customerId must not be blank");
    assertThatThrownBy(() -> RequestContext.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clientAddress must not be blank");
    assertThatThrownBy(() -> AgentContext.of("agent\r\nX-Injected: yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("agentId must not contain control characters");
  }

  @Test
  void builderNamesEveryMissingPartAtOnce() {
    assertThatThrownBy(() -> PasswordResetEngine.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "PasswordResetEngine needs customerStore, ticketStore, notifier, linkTemplate before"
                + " build()");
  }

  @Test
  void linkTemplatesAreValidatedAtOnce() {
    var b =
        PasswordResetEngine.builder()
            .customerStore(new InMemoryCustomerStore())
            .ticketStore(new InMemoryTicketStore());
    assertThatThrownBy(() -> b.linkTemplate("http://shop.example/reset?token={token}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must use https");
    assertThatThrownBy(() -> b.linkTemplate("https://shop.example/reset"))
        .hasMessageContaining("{token} exactly once");
    assertThatThrownBy(() -> b.linkTemplate("https://shop.example/{token}?t={token}"))
        .hasMessageContaining("{token} exactly once");
    assertThatThrownBy(() -> b.linkTemplate("/reset?token={token}"))
        .hasMessageContaining("absolute URL");
    assertThatThrownBy(() -> b.linkTemplate("b2b", "ftp://x.example/{token}"))
        .hasMessageContaining("linkTemplate for 'b2b'");
    b.linkTemplate("http://localhost:8080/reset?token={token}");
    b.linkTemplate("http://127.0.0.1:8080/reset?token={token}");
  }

  // Issue 14, "Also": a raw User-Agent header is accepted safely.
  @Test
  void anyUserAgentIsAcceptedWithControlCharactersReplacedAndItsLengthBounded() {
    RequestContext tab = CLIENT.withUserAgent("Mozilla/5.0\t(X11)\r\nX-Forged: 1\u0000");
    RequestContext huge = CLIENT.withUserAgent("U".repeat(5_000) + "\n");

    assertThat(tab.userAgent()).isEqualTo("Mozilla/5.0 (X11)  X-Forged: 1 ");
    assertThat(huge.userAgent()).hasSize(RequestContext.MAX_USER_AGENT_LENGTH).doesNotContain("\n");
    assertThat(CLIENT.withUserAgent("a".repeat(511) + "\uD83D\uDE00").userAgent())
        .isEqualTo("a".repeat(511)); // never half a character
    assertThat(fx.engine.requestReset("ann@example.com", tab))
        .isEqualTo(new dev.passwordreset.api.RequestOutcome.Accepted());
    assertThatThrownBy(() -> new RequestContext("203.0.113.7\t", null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientAddress");
  }
}
