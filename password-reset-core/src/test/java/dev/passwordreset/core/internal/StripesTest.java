package dev.passwordreset.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class StripesTest {

  @Test
  void sipHash24MatchesTheReferenceVectors() {
    // Aumasson and Bernstein's vectors: key 00..0f, messages 00..(n-1).
    Stripes reference = new Stripes(1, 0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
    assertThat(reference.sipHash24(new byte[0])).isEqualTo(0x726fdb47dd0e0e31L);
    byte[] fifteen = new byte[15];
    for (int i = 0; i < fifteen.length; i++) {
      fifteen[i] = (byte) i;
    }
    assertThat(reference.sipHash24(fifteen)).isEqualTo(0xa129ca6149be45e5L);
    byte[] eight = new byte[8];
    for (int i = 0; i < eight.length; i++) {
      eight[i] = (byte) i;
    }
    assertThat(reference.sipHash24(eight)).isEqualTo(0x93f5f5799a932462L);
  }

  @Test
  void emailsThatCollideUnderStringHashCodeDoNotShareAStripe() {
    // "Aa" and "BB" have one String.hashCode, so every pair below shared a stripe before.
    Stripes stripes = new Stripes(256, new SecureRandom());
    int shared = 0;
    int pairs = 2000;
    for (int i = 0; i < pairs; i++) {
      String a = "Aa" + i + "@example.com";
      String b = "BB" + i + "@example.com";
      assertThat(a.hashCode()).isEqualTo(b.hashCode());
      if (stripes.index(a) == stripes.index(b)) {
        shared++;
      }
    }
    // By chance 1 in 256 (about 8 of 2000); predictable collisions would be all 2000.
    assertThat(shared).isLessThan(60);
  }

  @Test
  void twoInstancesStripeTheSameEmailsDifferently() {
    Stripes one = new Stripes(256, new SecureRandom());
    Stripes other = new Stripes(256, new SecureRandom());
    int same = 0;
    for (int i = 0; i < 1000; i++) {
      String email = "customer" + i + "@example.com";
      assertThat(one.index(email)).isEqualTo(one.index(email)).isBetween(0, 255);
      if (one.index(email) == other.index(email)) {
        same++;
      }
    }
    assertThat(same).isLessThan(40); // about 4 by chance
  }
}
