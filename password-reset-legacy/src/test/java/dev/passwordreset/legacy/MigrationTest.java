package dev.passwordreset.legacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passwordreset.api.CustomerAccount;
import dev.passwordreset.api.CustomerId;
import dev.passwordreset.api.LoginCheck;
import dev.passwordreset.api.RequestContext;
import dev.passwordreset.api.StoredPassword;
import dev.passwordreset.core.PasswordResetEngine;
import dev.passwordreset.core.hash.Argon2PasswordHasher;
import dev.passwordreset.core.hash.Pbkdf2LegacyVerifier;
import dev.passwordreset.core.notify.LoggingNotifier;
import dev.passwordreset.core.store.InMemoryCustomerStore;
import dev.passwordreset.core.store.InMemoryTicketStore;
import dev.passwordreset.testkit.SecretWatchExtension;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine with every verifier of this module registered, as the README's migration guide shows,
 * and the default Argon2id parameters (m=19456, t=2, p=1): for every fixture made by the real
 * tools, the first successful login with the password as typed leaves an Argon2id hash at the
 * configured parameters, or keeps a stronger hash (unwrapped when the platform wrapped it), and the
 * next login still works.
 */
class MigrationTest {

  private static final String CONFIGURED = "$argon2id$v=19$m=19456,t=2,p=1$";

  /** Foreign Argon2 hashes stronger than configured in some parameter: kept as they are. */
  private static final Set<String> KEPT =
      Set.of(
          "php-argon2i", // m=65536, t=4
          "php-argon2id", // m=65536, t=4
          "argon2cli-id-strong", // m=32768, t=3, p=2
          "argon2cli-i-64m", // m=65536, t=3
          "passlib-argon2"); // m=102400, p=8

  /** Wrapped Argon2 hashes stronger than configured in some parameter: stored unwrapped. */
  private static final Set<String> UNWRAPPED =
      Set.of(
          "django-argon2", // m=102400, p=8
          "magento-3", // m=65536 (libsodium's interactive limits)
          "spring-argon2"); // m=4096 but t=3: a new hash would lower the passes

  private static final Argon2PasswordHasher HASHER = new Argon2PasswordHasher();
  private static final InMemoryCustomerStore CUSTOMERS = new InMemoryCustomerStore();
  private static final AtomicInteger IDS = new AtomicInteger();
  private PasswordResetEngine engine;

  /**
   * One engine per fixture: the engine holds every login to the slowest verifier's learned cost
   * (issue 14 item 2), so a shared engine would make each of these checks as slow as Django's
   * bcrypt at cost 12.
   */
  @BeforeEach
  void engine() {
    engine =
        PasswordResetEngine.builder()
            .customerStore(CUSTOMERS)
            .ticketStore(new InMemoryTicketStore())
            .notifier(new LoggingNotifier())
            .hasher(HASHER)
            .linkTemplate("https://shop.example/reset?token={token}")
            .legacyVerifier(new WordPressVerifier())
            .legacyVerifier(new DjangoVerifier())
            .legacyVerifier(new MagentoVerifier())
            .legacyVerifier(new SpringSecurityVerifier())
            .legacyVerifier(new Pbkdf2LegacyVerifier())
            .legacyVerifier(SpringPbkdf2Verifier.springSecurityV5_8())
            .build();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  static Stream<Fixtures.Line> lines() {
    return Fixtures.all().stream()
        .filter(l -> !l.format().equals("spring-noop") && !l.label().equals("long"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lines")
  void theFirstLoginMigratesToArgon2idOrKeepsAStrongerHash(Fixtures.Line line) {
    SecretWatchExtension.secret(line.password());
    String email = "c" + IDS.incrementAndGet() + "@example.com";
    CustomerAccount account =
        new CustomerAccount(CustomerId.of(email), email, "Customer", Locale.ENGLISH, true);
    CUSTOMERS.add(account, StoredPassword.of(line.hash()));
    RequestContext context = RequestContext.of("198.51.100." + IDS.get() % 250);

    if (line.label().equals("nfkc")) {
      assertThat(engine.checkLogin(email, line.wrong(), context))
          .isEqualTo(new LoginCheck.Invalid());
      assertThat(stored(account)).isEqualTo(line.hash());
    }
    assertThat(engine.checkLogin(email, line.typed(), context))
        .isEqualTo(new LoginCheck.Valid(account.id()));

    String after = stored(account);
    if (KEPT.contains(line.format())) {
      assertThat(after).isEqualTo(line.hash());
    } else if (UNWRAPPED.contains(line.format())) {
      String phc = KnownAnswerTest.verifierFor(line.format()).nativeForm(line.hash()).orElseThrow();
      assertThat(after).isEqualTo(phc).startsWith("$argon2");
    } else {
      assertThat(after).startsWith(CONFIGURED);
    }
    assertThat(HASHER.needsRehash(after)).isFalse();
    assertThat(engine.checkLogin(email, line.typed(), context))
        .isEqualTo(new LoginCheck.Valid(account.id()));
    assertThat(stored(account)).isEqualTo(after);
  }

  private static String stored(CustomerAccount account) {
    return CUSTOMERS.findPassword(account.id()).orElseThrow().hash();
  }
}
