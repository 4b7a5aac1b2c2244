package dev.passwordreset.examples.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.RequestContext;
import dev.passwordreset.captcha.CaptchaProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code demo.captcha} picks the demo's captcha: the offline fake by default, or a real provider
 * with its published test keys through the library's verifier.
 */
class DemoCaptchaTest {
  private static final RequestContext CONTEXT = RequestContext.of("127.0.0.1");

  @Test
  void theDefaultIsTheOfflineFake() {
    DemoSettings demo = new DemoSettings();
    assertThat(demo.captcha()).isEqualTo(DemoCaptcha.FAKE);
    assertThat(demo.verify("shop", CONTEXT)).isTrue();
    assertThat(demo.verify("robot", CONTEXT)).isFalse();
    assertThat(demo.verify(null, CONTEXT)).isFalse();
  }

  @Test
  void eachProviderUsesItsPublishedTestKeys() {
    assertThat(DemoCaptcha.of("turnstile").siteKey()).isEqualTo("1x00000000000000000000AA");
    assertThat(DemoCaptcha.of("hcaptcha").siteKey())
        .isEqualTo("10000000-ffff-ffff-ffff-000000000001");
    assertThat(DemoCaptcha.of("recaptcha").siteKey())
        .isEqualTo("6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI");
    assertThat(DemoCaptcha.TURNSTILE.verifier().provider()).isEqualTo(CaptchaProvider.TURNSTILE);
    assertThat(DemoCaptcha.HCAPTCHA.verifier().provider()).isEqualTo(CaptchaProvider.HCAPTCHA);
    assertThat(DemoCaptcha.RECAPTCHA.verifier().provider()).isEqualTo(CaptchaProvider.RECAPTCHA);
    assertThat(DemoCaptcha.FAKE.verifier()).isNull();
  }

  @Test
  void aRealProviderRefusesAMissingTokenWithoutAsking() {
    DemoSettings demo = new DemoSettings("turnstile");
    assertThat(demo.captcha().fake()).isFalse();
    assertThat(demo.verify(null, CONTEXT)).isFalse();
  }

  @Test
  void theBackOfficeSwitchStillTurnsItOff() {
    DemoSettings demo = new DemoSettings("hcaptcha");
    demo.update(DemoSettings.Variant.LINK_FIRST, false);
    assertThat(demo.verify(null, CONTEXT)).isTrue();
  }

  @Test
  void anUnknownValueNamesTheProperty() {
    assertThatThrownBy(() -> new DemoSettings("captchaland"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("demo.captcha");
  }
}
