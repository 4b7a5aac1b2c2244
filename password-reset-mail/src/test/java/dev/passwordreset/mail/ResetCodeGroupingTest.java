package dev.passwordreset.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the HTML part of the code email groups a code for reading. */
class ResetCodeGroupingTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "12345, 12345",
    "123456, 123 456",
    "1234567, 1234 567",
    "12345678, 1234 5678",
    "123456789, 12345 6789",
    "1234567890, 12345 67890",
    "12ab5678, 12ab5678",
    "１２３４５６７８, １２３４５６７８",
  })
  void digitsOverFiveAreShownInTwoGroupsAnythingElseAsItIs(String code, String shown) {
    assertThat(BuiltInMails.grouped(code)).isEqualTo(shown);
  }
}
