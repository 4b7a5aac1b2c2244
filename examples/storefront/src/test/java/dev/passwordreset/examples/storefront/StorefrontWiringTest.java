package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.Notifier;
import dev.passwordreset.api.SettingsStore;
import dev.passwordreset.api.ThrottleStore;
import dev.passwordreset.api.TicketStore;
import dev.passwordreset.jdbc.JdbcSettingsStore;
import dev.passwordreset.jdbc.JdbcThrottleStore;
import dev.passwordreset.jdbc.JdbcTicketStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo's wiring, without a browser: the adapter's stores and mail, and who may see what. */
class StorefrontWiringTest extends DemoAppTest {
  private final HttpClient http = HttpClient.newHttpClient(); // does not follow redirects

  @Autowired TicketStore tickets;
  @Autowired ThrottleStore throttles;
  @Autowired SettingsStore settings;
  @Autowired Notifier notifier;

  @Test
  void theAdapterKeepsLinksThrottlesAndSettingsInTheDatabaseAndSendsThroughSpringsMailSender() {
    assertThat(tickets).isInstanceOf(JdbcTicketStore.class);
    assertThat(throttles).isInstanceOf(JdbcThrottleStore.class);
    assertThat(settings).isInstanceOf(JdbcSettingsStore.class);
    assertThat(notifier.getClass().getSimpleName()).isEqualTo("JavaMailSenderNotifier");
  }

  @Test
  void backOfficeAndB2bStoreAndAccountPagesNeedASignInWhileTheShopIsOpen()
      throws IOException, InterruptedException {
    assertThat(get("/shop").statusCode()).isEqualTo(200);
    assertThat(get("/mailbox").statusCode()).isEqualTo(200);
    assertRedirect("/shop/account", "/shop/login");
    assertRedirect("/b2b", "/b2b/login");
    assertRedirect("/backoffice/customers", "/backoffice/login");
  }

  @Test
  void resetPagesSendNoReferrer() throws IOException, InterruptedException {
    assertThat(get("/shop/reset?token=x").headers().firstValue("Referrer-Policy"))
        .hasValue("no-referrer");
  }

  @Test
  void byDefaultTheForgotPageAsksTheOfflineFakeCaptcha() throws IOException, InterruptedException {
    String page = get("/shop/forgot").body();
    assertThat(page).contains("id=\"captcha\"").doesNotContain("data-sitekey");
  }

  private void assertRedirect(String path, String login) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location"))
        .hasValueSatisfying(l -> assertThat(l).endsWith(login));
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(BASE + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
