package dev.passwordreset.core.hash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Argon2PasswordHasherBuilderTest {

  static Stream<Arguments> outOfRange() {
    return Stream.of(
        bad("memoryKiB", Argon2PasswordHasher.Builder::memoryKiB, 7, "between 8 and 4194304"),
        bad(
            "memoryKiB",
            Argon2PasswordHasher.Builder::memoryKiB,
            4_194_305,
            "between 8 and 4194304"),
        bad("iterations", Argon2PasswordHasher.Builder::iterations, 0, "between 1 and 100"),
        bad("iterations", Argon2PasswordHasher.Builder::iterations, 101, "between 1 and 100"),
        bad("parallelism", Argon2PasswordHasher.Builder::parallelism, 0, "between 1 and 64"),
        bad("parallelism", Argon2PasswordHasher.Builder::parallelism, 65, "between 1 and 64"),
        bad("saltLength", Argon2PasswordHasher.Builder::saltLength, 15, "between 16 and 1024"),
        bad("saltLength", Argon2PasswordHasher.Builder::saltLength, 1025, "between 16 and 1024"),
        bad("hashLength", Argon2PasswordHasher.Builder::hashLength, 15, "between 16 and 1024"),
        bad("hashLength", Argon2PasswordHasher.Builder::hashLength, -1, "between 16 and 1024"),
        bad(
            "maxConcurrentHashes",
            Argon2PasswordHasher.Builder::maxConcurrentHashes,
            0,
            "between 1 and 65536"),
        bad(
            "maxConcurrentHashes",
            Argon2PasswordHasher.Builder::maxConcurrentHashes,
            65_537,
            "between 1 and 65536"));
  }

  private static Arguments bad(
      String name,
      BiConsumer<Argon2PasswordHasher.Builder, Integer> setter,
      int value,
      String range) {
    return Arguments.of(name, setter, value, range);
  }

  @ParameterizedTest(name = "{0}({2})")
  @MethodSource("outOfRange")
  void setterWhenValueOutOfRangeThenThrowsAtOnceNamingParameterValueAndRange(
      String name,
      BiConsumer<Argon2PasswordHasher.Builder, Integer> setter,
      int value,
      String range) {
    Argon2PasswordHasher.Builder builder = Argon2PasswordHasher.builder();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> setter.accept(builder, value))
        .withMessageStartingWith(name + " must be ")
        .withMessageContaining(range)
        .withMessageEndingWith("was " + value);
  }

  @Test
  void buildWhenMemoryBelowEightKibPerLaneThenThrowsNamingBoth() {
    Argon2PasswordHasher.Builder builder =
        Argon2PasswordHasher.builder().parallelism(4).memoryKiB(31);

    assertThatIllegalArgumentException()
        .isThrownBy(builder::build)
        .withMessageContaining("memoryKiB")
        .withMessageContaining("parallelism")
        .withMessageContaining("32")
        .withMessageContaining("31");
  }

  @Test
  void buildWhenBoundaryValuesThenAccepted() {
    Argon2PasswordHasher hasher =
        Argon2PasswordHasher.builder()
            .memoryKiB(8)
            .iterations(1)
            .parallelism(1)
            .saltLength(16)
            .hashLength(16)
            .maxConcurrentHashes(1)
            .build();

    assertThat(hasher.memoryKiB()).isEqualTo(8);
    assertThat(hasher.iterations()).isEqualTo(1);
    assertThat(hasher.parallelism()).isEqualTo(1);
    assertThat(hasher.saltLength()).isEqualTo(16);
    assertThat(hasher.hashLength()).isEqualTo(16);
    assertThat(hasher.maxConcurrentHashes()).isEqualTo(1);
    assertThat(hasher.verify("pw".toCharArray(), hasher.hash("pw".toCharArray()))).isTrue();
  }

  @Test
  void buildWhenEveryParameterAtItsUpperLimitThenAccepted() {
    // building allocates nothing: the memory cost is only spent while hashing
    Argon2PasswordHasher hasher =
        Argon2PasswordHasher.builder()
            .memoryKiB(Argon2PasswordHasher.MAX_MEMORY_KIB)
            .iterations(Argon2PasswordHasher.MAX_ITERATIONS)
            .parallelism(Argon2PasswordHasher.MAX_PARALLELISM)
            .saltLength(Argon2PasswordHasher.MAX_LENGTH)
            .hashLength(Argon2PasswordHasher.MAX_LENGTH)
            .maxConcurrentHashes(Argon2PasswordHasher.MAX_CONCURRENT_HASHES)
            .build();

    assertThat(hasher.memoryKiB()).isEqualTo(4_194_304);
    assertThat(hasher.iterations()).isEqualTo(100);
    assertThat(hasher.parallelism()).isEqualTo(64);
    assertThat(hasher.saltLength()).isEqualTo(1024);
    assertThat(hasher.hashLength()).isEqualTo(1024);
    assertThat(hasher.maxConcurrentHashes()).isEqualTo(65_536);
  }
}
