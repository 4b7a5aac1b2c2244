/**
 * JMH benchmarks of password-reset against named peers (Spring Security's Argon2 encoder and
 * one-time tokens, the bare argon2-jvm call), and the probes for memory. Run {@code
 * benchmarks/run.sh}; {@link dev.passwordreset.benchmarks.BenchmarkMain} writes {@code RESULTS.md}.
 * Not published.
 */
@NullMarked
package dev.passwordreset.benchmarks;

import org.jspecify.annotations.NullMarked;
