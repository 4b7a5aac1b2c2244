package dev.passwordreset.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClientKeysTest {

  private final ClientKeys slash64 = new ClientKeys(64);

  @Test
  void anIpv4AddressIsOneClientWhateverItsSpelling() {
    assertThat(slash64.of("192.0.2.1")).isEqualTo("4:192.0.2.1");
    assertThat(slash64.of(" 192.0.2.001 ")).isEqualTo("4:192.0.2.1");
    assertThat(slash64.of("192.0.2.2")).isNotEqualTo(slash64.of("192.0.2.1"));
  }

  @Test
  void anIpv4MappedIpv6AddressCountsAsItsIpv4Address() {
    assertThat(slash64.of("::ffff:192.0.2.1")).isEqualTo("4:192.0.2.1");
    assertThat(slash64.of("::FFFF:c000:0201")).isEqualTo("4:192.0.2.1");
    assertThat(slash64.of("[0:0:0:0:0:ffff:192.0.2.1]")).isEqualTo("4:192.0.2.1");
  }

  @Test
  void everyAddressOfOneSlash64IsOneClientInAnySpelling() {
    String key = slash64.of("2001:db8:1:2::1");
    assertThat(key).isEqualTo("6:20010db800010002/64");
    assertThat(slash64.of("2001:0DB8:0001:0002:ffff:ffff:ffff:ffff")).isEqualTo(key);
    assertThat(slash64.of("[2001:db8:1:2:abcd::9]")).isEqualTo(key);
    assertThat(slash64.of("fe80::1%eth0")).isEqualTo(slash64.of("fe80::2"));
    assertThat(slash64.of("2001:db8:1:2:3:4:192.0.2.1")).isEqualTo(key);
    assertThat(slash64.of("2001:db8:1:3::1")).isNotEqualTo(key);
  }

  @Test
  void thePrefixIsTheOneGivenAlsoWithinAByte() {
    ClientKeys slash60 = new ClientKeys(60);
    assertThat(slash60.of("2001:db8:1:2::1")).isEqualTo(slash60.of("2001:db8:1:f::1"));
    assertThat(slash60.of("2001:db8:1:12::1")).isNotEqualTo(slash60.of("2001:db8:1:2::1"));
    ClientKeys slash128 = new ClientKeys(128);
    assertThat(slash128.of("2001:db8::1")).isNotEqualTo(slash128.of("2001:db8::2"));
    assertThat(slash128.of("2001:db8::1")).isEqualTo(slash128.of("2001:db8:0:0:0:0:0:1"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "shop.example",
        "192.0.2.1:8080",
        "192.0.2.256",
        "192.0.2",
        "192.0.2.1.5",
        "1.2.3.4, 5.6.7.8",
        "2001:db8::1::2",
        "2001:db8:1:2:3:4:5:6:7",
        "2001:db8:1:2:3:4:5",
        "12345::1",
        "2001:db8::g",
        "::ffff:192.0.2.999",
        "\u0661.\u0662.\u0663.\u0664",
        "\uff11::1",
        ":",
        "fe80::1%",
        "unknown"
      })
  void everyUnparsableAddressIsOneAndTheSameClientWithoutALookup(String address) {
    assertThat(slash64.of(address)).isEqualTo(ClientKeys.UNPARSABLE);
  }

  @Test
  void aPrefixOutsideOneTo128IsRefused() {
    assertThatThrownBy(() -> new ClientKeys(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ClientKeys(129)).isInstanceOf(IllegalArgumentException.class);
  }
}
