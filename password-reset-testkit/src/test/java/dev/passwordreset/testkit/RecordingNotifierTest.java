package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.Notification;
import dev.passwordreset.api.NotificationException;
import dev.passwordreset.api.NotificationType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RecordingNotifierTest {

  private static final Instant EXPIRY = Instant.parse("2030-01-01T00:30:00Z");

  private final RecordingNotifier notifier = new RecordingNotifier();

  private static Notification link(String email, NotificationType type, String token) {
    return new Notification(
        type,
        CustomerId.of("c1"),
        email,
        "Jane",
        Locale.ENGLISH,
        "https://shop.example/reset?lang=en&token=" + token + "&x=1",
        EXPIRY,
        null);
  }

  private static Notification changed(String email) {
    return new Notification(
        NotificationType.PASSWORD_CHANGED,
        CustomerId.of("c1"),
        email,
        null,
        Locale.ENGLISH,
        null,
        null,
        null);
  }

  private static Notification code(String email, String code) {
    return new Notification(
        NotificationType.RESET_CODE,
        CustomerId.of("c1"),
        email,
        "Jane",
        Locale.ENGLISH,
        null,
        EXPIRY,
        null,
        code);
  }

  @Test
  void recordsNotificationsInOrder() {
    Notification first = link("jane@example.com", NotificationType.RESET_LINK, "t1");
    Notification second = changed("jane@example.com");

    notifier.send(first);
    notifier.send(second);

    assertThat(notifier.notifications()).containsExactly(first, second);
  }

  @Test
  void lastLinkSentToSkipsLinklessNotificationsAndIgnoresCase() {
    notifier.send(link("Jane@Example.com", NotificationType.RESET_LINK, "old"));
    notifier.send(link("jane@example.com", NotificationType.RESET_LINK, "new"));
    notifier.send(changed("jane@example.com"));
    notifier.send(link("john@example.com", NotificationType.RESET_LINK, "johns"));

    assertThat(notifier.lastLinkSentTo("JANE@example.com"))
        .isEqualTo("https://shop.example/reset?lang=en&token=new&x=1");
    assertThat(notifier.lastTokenSentTo("jane@example.com")).isEqualTo("new");
    assertThat(notifier.lastSentTo("jane@example.com"))
        .hasValueSatisfying(n -> assertThat(n.type()).isEqualTo(NotificationType.PASSWORD_CHANGED));
  }

  @Test
  void lastLinkSentToWhenNoneThenAssertionErrorNamingTheAddress() {
    notifier.send(changed("jane@example.com"));

    assertThatThrownBy(() -> notifier.lastLinkSentTo("jane@example.com"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("jane@example.com");
    assertThatThrownBy(() -> notifier.lastTokenSentTo("nobody@example.com"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void lastCodeSentToSkipsOtherNotificationsAndAddressesAndIgnoresCase() {
    notifier.send(code("Jane@Example.com", "11112222"));
    notifier.send(code("jane@example.com", "33334444"));
    notifier.send(link("jane@example.com", NotificationType.RESET_LINK, "t"));
    notifier.send(changed("jane@example.com"));
    notifier.send(code("john@example.com", "55556666"));

    assertThat(notifier.lastCodeSentTo("JANE@example.com")).isEqualTo("33334444");
    assertThat(notifier.lastCodeSentTo("john@example.com")).isEqualTo("55556666");
  }

  @Test
  void lastCodeSentToWhenNoneThenAssertionErrorNamingTheAddressWithoutAnyCode() {
    notifier.send(code("john@example.com", "55556666"));
    notifier.send(link("jane@example.com", NotificationType.RESET_LINK, "secrettoken"));

    assertThatThrownBy(() -> notifier.lastCodeSentTo("jane@example.com"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("jane@example.com")
        .hasMessageNotContaining("55556666")
        .hasMessageNotContaining("secrettoken");
  }

  @Test
  void awaitCodeToReturnsTheCodeOnceAnotherThreadSendsIt() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<String> awaited =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.countDown();
              return notifier.awaitCodeTo("JANE@example.com", Duration.ofSeconds(30));
            });
    waiting.await();

    notifier.send(link("jane@example.com", NotificationType.RESET_LINK, "other"));
    notifier.send(code("john@example.com", "55556666"));
    notifier.send(code("jane@example.com", "70412839"));

    assertThat(awaited.get()).isEqualTo("70412839");
  }

  @Test
  void awaitCodeToWhenNoCodeArrivesThenAssertionErrorWithoutTheOtherCodes() {
    notifier.send(code("john@example.com", "55556666"));

    assertThatThrownBy(() -> notifier.awaitCodeTo("jane@example.com", Duration.ofMillis(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no matching notification")
        .hasMessageNotContaining("55556666");
  }

  @Test
  void tokenOfDecodesTheTokenParameter() {
    assertThat(RecordingNotifier.tokenOf("https://s.example/r?token=a%2Db_c")).isEqualTo("a-b_c");
    assertThatThrownBy(() -> RecordingNotifier.tokenOf("https://s.example/r?tokens=x"))
        .isInstanceOf(AssertionError.class);
  }

  @Test
  void awaitNotificationToReturnsOnceAnotherThreadSendsIt() throws Exception {
    CountDownLatch waiting = new CountDownLatch(1);
    CompletableFuture<Notification> awaited =
        CompletableFuture.supplyAsync(
            () -> {
              waiting.countDown();
              return notifier.awaitNotificationTo(
                  "jane@example.com", NotificationType.ACCOUNT_SETUP, Duration.ofSeconds(30));
            });
    waiting.await();
    Notification sent = link("jane@example.com", NotificationType.ACCOUNT_SETUP, "t");

    notifier.send(link("jane@example.com", NotificationType.RESET_LINK, "other"));
    notifier.send(sent);

    assertThat(awaited.get()).isEqualTo(sent);
  }

  @Test
  void awaitWhenNothingArrivesThenAssertionError() {
    assertThatThrownBy(() -> notifier.awaitNotification(n -> true, Duration.ofMillis(20)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no matching notification");
  }

  @Test
  void awaitCountReturnsEverythingOnceEnoughArrived() {
    notifier.send(changed("a@example.com"));
    notifier.send(changed("b@example.com"));

    assertThat(notifier.awaitCount(2, Duration.ofSeconds(5))).hasSize(2);
  }

  @Test
  void awaitNotificationsWaitsForOneMoreThanBefore() throws Exception {
    notifier.send(link("jane@example.com", NotificationType.RESET_LINK, "first"));
    CompletableFuture<List<Notification>> awaited =
        CompletableFuture.supplyAsync(
            () ->
                notifier.awaitNotifications(
                    n -> n.type() == NotificationType.RESET_LINK, 2, Duration.ofSeconds(30)));

    notifier.send(changed("jane@example.com"));
    notifier.send(link("jane@example.com", NotificationType.RESET_LINK, "second"));

    assertThat(awaited.get())
        .extracting(n -> RecordingNotifier.tokenOf(n.link()))
        .containsExactly("first", "second");
  }

  @Test
  void failNextWithThrowsOnceThenRecordsAgain() {
    NotificationException refused = new NotificationException("refused", true, null);
    notifier.failNextWith(refused);

    assertThatThrownBy(() -> notifier.send(changed("a@example.com"))).isSameAs(refused);
    notifier.send(changed("b@example.com"));

    assertThat(notifier.notifications())
        .extracting(Notification::email)
        .containsExactly("b@example.com");
  }

  @Test
  void concurrentSendsAreAllRecorded() throws InterruptedException {
    Concurrently.run(
        32,
        () -> {
          notifier.send(changed("a@example.com"));
          return true;
        });

    assertThat(notifier.notificationsTo("a@example.com")).hasSize(32);
  }

  @Test
  void clearForgetsEverything() {
    notifier.send(changed("a@example.com"));
    notifier.clear();

    assertThat(notifier.notifications()).isEmpty();
  }
}
