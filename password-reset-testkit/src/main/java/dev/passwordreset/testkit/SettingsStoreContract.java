package dev.passwordreset.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passwordreset.api.ResetSettings;
import dev.passwordreset.api.SettingsStore;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link SettingsStore}: nothing until the first save, then exactly the last
 * saved settings; and the named secrets of {@link SettingsStore#secret}: made once, by the
 * generator, then the same bytes on every call (a copy each time), one secret for concurrent first
 * calls, bad names and generated secrets of a bad length refused without storing anything. Extend
 * it in a test and implement {@link #createStore()}. A store that does not keep secrets overrides
 * {@link #keepsSecrets()}.
 */
public abstract class SettingsStoreContract {

  private @Nullable SettingsStore store;

  /** Subclasses only. */
  protected SettingsStoreContract() {}

  /**
   * Creates the store under test. Called before every test; nothing must have been saved in it.
   *
   * @return an empty store
   */
  protected abstract SettingsStore createStore();

  /**
   * Whether the store keeps secrets ({@link SettingsStore#secret}). Default {@code true}: an engine
   * keeps its reset codes' key there unless the host configures one. A store that does not (it then
   * keeps the SPI's default, which throws {@link UnsupportedOperationException}) returns {@code
   * false}: the secrets' tests are then skipped, and one checks that it throws.
   *
   * @return whether the store implements {@code secret}
   */
  protected boolean keepsSecrets() {
    return true;
  }

  /** Creates the store under test before each test. */
  @BeforeEach
  public final void createStoreUnderTest() {
    store = createStore();
  }

  /**
   * The store of the current test.
   *
   * @return the store
   */
  protected final SettingsStore store() {
    if (store == null) {
      throw new IllegalStateException("createStore() has not run");
    }
    return store;
  }

  private static ResetSettings custom() {
    return ResetSettings.defaults()
        .withAllowManualEntry(true)
        .withTicketExpirationDelay(Duration.ofMinutes(17))
        .withSelfServiceLinkLifetime(Duration.ofSeconds(90))
        .withAgentLinkLifetime(Duration.ofHours(7))
        .withAccountSetupLinkLifetime(Duration.ofDays(30))
        .withSignInAfterReset(false);
  }

  /** Before anything is saved, there are no settings. */
  @Test
  public void loadWhenNothingSavedThenEmpty() {
    assertThat(store().load()).isEmpty();
  }

  /** Saved settings are loaded back with every field. */
  @Test
  public void saveThenLoadReturnsEveryField() {
    store().save(custom());

    assertThat(store().load()).contains(custom());
  }

  /** Saving the defaults stores them (they are not the same as nothing saved). */
  @Test
  public void saveDefaultsThenLoadReturnsDefaults() {
    store().save(ResetSettings.defaults());

    assertThat(store().load()).contains(ResetSettings.defaults());
  }

  /** A second save replaces the first. */
  @Test
  public void saveTwiceThenLoadReturnsTheLatest() {
    store().save(custom());
    store().save(ResetSettings.defaults().withAllowManualEntry(true));

    assertThat(store().load()).contains(ResetSettings.defaults().withAllowManualEntry(true));
  }

  /** Loading is repeatable and does not change what is stored. */
  @Test
  public void loadIsRepeatable() {
    store().save(custom());
    store().load();

    assertThat(store().load()).contains(custom());
  }

  /**
   * Concurrent saves (several nodes saving at once) leave exactly one of the saved settings.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentSavesLeaveOneOfTheSavedSettings() throws InterruptedException {
    List<ResetSettings> candidates = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      candidates.add(custom().withTicketExpirationDelay(Duration.ofMinutes(10 + i)));
    }
    AtomicInteger next = new AtomicInteger();

    Concurrently.run(
        candidates.size(),
        () -> {
          store().save(candidates.get(next.getAndIncrement()));
          return true;
        });

    assertThat(store().load()).hasValueSatisfying(s -> assertThat(candidates).contains(s));
  }

  // ---------------------------------------------------------------- secrets

  private static final SecureRandom RANDOM = new SecureRandom();

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /** A generator of random 32-byte secrets that counts its calls. */
  private static Supplier<byte[]> counting(AtomicInteger calls) {
    return () -> {
      calls.incrementAndGet();
      return randomBytes(32);
    };
  }

  private static Supplier<byte[]> mustNotBeCalled() {
    return () -> {
      throw new AssertionError("the secret exists: the generator must not be called");
    };
  }

  private void assumeSecrets() {
    Assumptions.assumeTrue(keepsSecrets(), "the store keeps no secrets (keepsSecrets)");
  }

  /**
   * A store does what {@link #keepsSecrets()} declares: it keeps a secret, or says it cannot with
   * the SPI's exception. (One test for both, so that no store's run reports a skip.)
   */
  @Test
  public void secretIsKeptOrRefusedAsDeclared() {
    byte[] made = randomBytes(32);
    if (keepsSecrets()) {
      assertThat(store().secret("reset-code-hmac", () -> made.clone())).isEqualTo(made);
    } else {
      assertThatThrownBy(() -> store().secret("reset-code-hmac", () -> made.clone()))
          .isInstanceOf(UnsupportedOperationException.class);
    }
  }

  /**
   * The first call stores what the generator made and returns it; every later call returns the same
   * bytes without calling a generator.
   */
  @Test
  public void secretIsGeneratedOnceThenTheSameOnEveryCall() {
    assumeSecrets();
    byte[] made = randomBytes(32);
    AtomicInteger calls = new AtomicInteger();

    byte[] first =
        store()
            .secret(
                "reset-code-hmac",
                () -> {
                  calls.incrementAndGet();
                  return made.clone();
                });
    byte[] second = store().secret("reset-code-hmac", mustNotBeCalled());
    byte[] third = store().secret("reset-code-hmac", counting(calls));

    assertThat(first).isEqualTo(made);
    assertThat(second).isEqualTo(made);
    assertThat(third).isEqualTo(made);
    assertThat(calls).as("generator calls").hasValue(1);
  }

  /** Each name has its own secret. */
  @Test
  public void secretsOfDifferentNamesAreIndependent() {
    assumeSecrets();
    AtomicInteger calls = new AtomicInteger();

    byte[] a = store().secret("a", counting(calls));
    byte[] b = store().secret("b.2-x", counting(calls));

    assertThat(calls).hasValue(2);
    assertThat(a).isNotEqualTo(b);
    assertThat(store().secret("a", mustNotBeCalled())).isEqualTo(a);
    assertThat(store().secret("b.2-x", mustNotBeCalled())).isEqualTo(b);
  }

  /**
   * Every call returns a copy: clearing what a call returned, or the array the generator returned,
   * does not change the stored secret.
   */
  @Test
  public void secretReturnsACopy() {
    assumeSecrets();
    byte[] made = randomBytes(32);
    byte[] expected = made.clone();

    byte[] first = store().secret("copy", () -> made);
    Arrays.fill(first, (byte) 0);
    Arrays.fill(made, (byte) 0);

    assertThat(store().secret("copy", mustNotBeCalled())).isEqualTo(expected);
  }

  /** Secrets of the shortest and the longest allowed lengths are kept exactly. */
  @Test
  public void secretsOfTheShortestAndLongestLengthsAreKeptExactly() {
    assumeSecrets();
    byte[] shortest = randomBytes(SettingsStore.MIN_SECRET_BYTES);
    byte[] longest = randomBytes(SettingsStore.MAX_SECRET_BYTES);
    shortest[0] = 0;
    longest[longest.length - 1] = 0;

    assertThat(store().secret("shortest", () -> shortest.clone())).isEqualTo(shortest);
    assertThat(store().secret("longest", () -> longest.clone())).isEqualTo(longest);
    assertThat(store().secret("shortest", mustNotBeCalled())).isEqualTo(shortest);
    assertThat(store().secret("longest", mustNotBeCalled())).isEqualTo(longest);
  }

  /**
   * Concurrent first calls (as from several nodes starting at once) all get the same secret: one of
   * those generated.
   *
   * @throws InterruptedException if the test thread is interrupted while the threads run
   */
  @Test
  public void concurrentFirstCallsAllGetTheSameSecret() throws InterruptedException {
    assumeSecrets();
    Set<String> generated = ConcurrentHashMap.newKeySet();

    List<byte[]> secrets =
        Concurrently.run(
            16,
            () ->
                store()
                    .secret(
                        "raced",
                        () -> {
                          byte[] made = randomBytes(32);
                          generated.add(HexFormat.of().formatHex(made));
                          return made;
                        }));

    Set<String> returned = new HashSet<>();
    for (byte[] secret : secrets) {
      returned.add(HexFormat.of().formatHex(secret));
    }
    assertThat(returned).as("what the calls returned").hasSize(1);
    assertThat(generated).contains(returned.iterator().next());
    assertThat(HexFormat.of().formatHex(store().secret("raced", mustNotBeCalled())))
        .isEqualTo(returned.iterator().next());
  }

  /** A malformed name is refused, naming the argument, before the generator is called. */
  @Test
  public void secretWithAMalformedNameThrowsIllegalArgument() {
    assumeSecrets();
    for (String name :
        new String[] {"", "Upper", "with space", "under_score", "ümlaut", "x".repeat(65), "a/b"}) {
      assertThatThrownBy(() -> store().secret(name, mustNotBeCalled()))
          .as("name '%s'", name)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("name");
    }
    assertThat(store().secret("x".repeat(64), () -> randomBytes(16))).hasSize(16);
  }

  /** Null arguments are refused with a {@link NullPointerException}. */
  @Test
  public void secretWithANullArgumentThrowsNullPointer() {
    assumeSecrets();

    assertThatThrownBy(() -> store().secret(null, () -> randomBytes(32)))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().secret("n", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> store().secret("n", () -> null))
        .isInstanceOf(NullPointerException.class);
  }

  /**
   * A generated secret shorter than {@link SettingsStore#MIN_SECRET_BYTES} or longer than {@link
   * SettingsStore#MAX_SECRET_BYTES} is refused and not stored: the next call generates again.
   */
  @Test
  public void secretOfABadLengthThrowsIllegalArgumentAndStoresNothing() {
    assumeSecrets();
    int[] bad = {0, SettingsStore.MIN_SECRET_BYTES - 1, SettingsStore.MAX_SECRET_BYTES + 1};

    for (int length : bad) {
      assertThatThrownBy(() -> store().secret("sized", () -> new byte[length]))
          .as("%d bytes", length)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(Integer.toString(length));
    }
    AtomicInteger calls = new AtomicInteger();
    byte[] kept = store().secret("sized", counting(calls));
    assertThat(calls).as("nothing was stored before").hasValue(1);
    assertThat(store().secret("sized", mustNotBeCalled())).isEqualTo(kept);
  }

  /**
   * Secrets are not settings: keeping one leaves "nothing saved" as it was, and saving keeps it.
   */
  @Test
  public void secretsAndSettingsDoNotTouchEachOther() {
    assumeSecrets();
    byte[] secret = store().secret("reset-code-hmac", () -> randomBytes(32));

    assertThat(store().load()).isEmpty();
    store().save(custom());
    assertThat(store().load()).contains(custom());
    assertThat(store().secret("reset-code-hmac", mustNotBeCalled())).isEqualTo(secret);
  }
}
