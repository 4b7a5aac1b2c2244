package dev.passwordreset.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.NotificationException;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** How a mail failure is classified: permanent (not retried) or transient, and how it reads. */
class SmtpFailuresTest {

  private static final String WHAT = "RESET_LINK email";

  private static SMTPSendFailedException reply(int code) {
    return new SMTPSendFailedException("DATA", code, code + " reply text", null, null, null, null);
  }

  @Test
  void fiveHundredAndAboveIsPermanentAndFourHundredsTransientBelowIsAGenericFailure() {
    assertThat(SmtpFailures.classify(reply(500), WHAT).permanent()).isTrue();
    assertThat(SmtpFailures.classify(reply(500), WHAT))
        .hasMessageStartingWith(WHAT + ": refused by the SMTP server (500): ");

    NotificationException fourNineNine = SmtpFailures.classify(reply(499), WHAT);
    assertThat(fourNineNine.permanent()).isFalse();
    assertThat(fourNineNine)
        .hasMessageStartingWith(WHAT + ": temporarily refused by the SMTP server (499): ");
    assertThat(SmtpFailures.classify(reply(400), WHAT))
        .hasMessageStartingWith(WHAT + ": temporarily refused by the SMTP server (400): ");

    NotificationException threeNineNine = SmtpFailures.classify(reply(399), WHAT);
    assertThat(threeNineNine.permanent()).isFalse();
    assertThat(threeNineNine).hasMessageStartingWith(WHAT + ": SMTP failure: ");
  }

  @Test
  void theMostSevereCodeAnywhereInTheChainWins() {
    MessagingException transientFirst = new MessagingException("send failed", reply(451));
    transientFirst.setNextException(reply(550));
    assertThat(SmtpFailures.classify(transientFirst, WHAT))
        .hasMessageContaining("refused by the SMTP server (550)")
        .satisfies(e -> assertThat(e.permanent()).isTrue());

    MessagingException permanentFirst = new MessagingException("send failed", reply(550));
    permanentFirst.setNextException(reply(451));
    assertThat(SmtpFailures.classify(permanentFirst, WHAT))
        .hasMessageContaining("(550)")
        .satisfies(e -> assertThat(e.permanent()).isTrue());

    MessagingException exactly500First = new MessagingException("send failed", reply(500));
    exactly500First.setNextException(reply(451));
    assertThat(SmtpFailures.classify(exactly500First, WHAT)).hasMessageContaining("(500)");

    MessagingException twoTransient = new MessagingException("send failed", reply(421));
    twoTransient.setNextException(reply(452));
    assertThat(SmtpFailures.classify(twoTransient, WHAT)).hasMessageContaining("(452)");
  }

  @Test
  void aRelatedFailureCountsLikeACause() {
    NotificationException e =
        SmtpFailures.classify(new MessagingException("batch failed"), WHAT, reply(553));

    assertThat(e.permanent()).isTrue();
    assertThat(e).hasMessage(WHAT + ": refused by the SMTP server (553): batch failed");
  }

  @Test
  void theNextExceptionIsFollowedAndAnIoFailureIsTransient() {
    MessagingException outer = new MessagingException("could not connect");
    outer.setNextException(new IOException("connection refused"));

    NotificationException e = SmtpFailures.classify(outer, WHAT);

    assertThat(e.permanent()).isFalse();
    assertThat(e)
        .hasMessageStartingWith(WHAT + ": SMTP server unreachable or too slow: could not connect")
        .hasCause(outer);
  }

  @Test
  void aCodeDeeperThanTheSearchLimitIsNotFoundAndACycleEnds() {
    Exception deep = reply(550);
    for (int i = 0; i < 16; i++) {
      deep = new RuntimeException("wrapper " + i, deep);
    }
    assertThat(SmtpFailures.classify(deep, WHAT).permanent()).isFalse();

    Exception shallow = reply(550);
    for (int i = 0; i < 15; i++) {
      shallow = new RuntimeException("wrapper " + i, shallow);
    }
    assertThat(SmtpFailures.classify(shallow, WHAT).permanent()).isTrue();

    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertThat(SmtpFailures.classify(a, WHAT)).hasMessage(WHAT + ": SMTP failure: a");
  }

  @Test
  void theMessageIsOneLineCutAt300CharactersAndNamesTheClassWhenThereIsNone() {
    assertThat(SmtpFailures.classify(new IllegalStateException(), WHAT))
        .hasMessage(WHAT + ": SMTP failure: IllegalStateException");
    assertThat(SmtpFailures.classify(new IllegalStateException("  two\r\n  lines  "), WHAT))
        .hasMessage(WHAT + ": SMTP failure: two lines");

    String exactly300 = "x".repeat(300);
    assertThat(SmtpFailures.classify(new IllegalStateException(exactly300), WHAT))
        .hasMessage(WHAT + ": SMTP failure: " + exactly300);
    assertThat(SmtpFailures.classify(new IllegalStateException(exactly300 + "y"), WHAT))
        .hasMessage(WHAT + ": SMTP failure: " + exactly300 + "...");
  }

  @Test
  void invalidAddressesArePermanentButAnEmptyListOfThemIsNot() throws Exception {
    Address[] none = new Address[0];
    Address[] one = {new InternetAddress("ann@example.com")};

    NotificationException invalid =
        SmtpFailures.classify(new SendFailedException("invalid", null, none, none, one), WHAT);
    assertThat(invalid.permanent()).isTrue();
    assertThat(invalid).hasMessage(WHAT + ": invalid address: invalid");

    NotificationException emptyList =
        SmtpFailures.classify(new SendFailedException("failed", null, one, none, none), WHAT);
    assertThat(emptyList.permanent()).isFalse();
    assertThat(emptyList).hasMessage(WHAT + ": SMTP failure: failed");

    assertThat(SmtpFailures.classify(new AddressException("bad", "a b"), WHAT).permanent())
        .isTrue();
  }

  @Test
  void refusedCredentialsArePermanentWithOrWithoutAReplyCode() {
    NotificationException noCode =
        SmtpFailures.classify(new AuthenticationFailedException("bad credentials"), WHAT);
    assertThat(noCode.permanent()).isTrue();
    assertThat(noCode).hasMessage(WHAT + ": SMTP authentication failed: bad credentials");

    NotificationException coded =
        SmtpFailures.classify(new AuthenticationFailedException("535 5.7.8 rejected"), WHAT);
    assertThat(coded.permanent()).isTrue();
    assertThat(coded).hasMessageStartingWith(WHAT + ": refused by the SMTP server (535)");
  }

  @Test
  void aNotificationExceptionIsReturnedAsItIs() {
    NotificationException given = new NotificationException("already classified", true, null);

    assertThat(SmtpFailures.classify(given, WHAT)).isSameAs(given);
  }
}
