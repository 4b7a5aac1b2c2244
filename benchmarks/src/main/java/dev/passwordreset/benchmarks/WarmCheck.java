package dev.passwordreset.benchmarks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Evidence that a benchmark was warm when measured: JMH's usual console output, plus, per
 * benchmark, the relative difference between the score of its last warm-up iteration and that of
 * its first measured one, recorded as {@code warm.<key>} (key as in {@link Report#key}). A JIT
 * still compiling, or a machine whose load changed, shows as a large difference; the report judges
 * it against {@link #TOLERANCE}.
 */
final class WarmCheck {

  /** The largest difference that counts as warm: 10 %. */
  static final double TOLERANCE = 0.10;

  private WarmCheck() {}

  static OutputFormat format(Map<String, Double> side) {
    OutputFormat out = OutputFormatFactory.createFormatInstance(System.out, VerboseMode.NORMAL);
    Map<String, Double> lastWarmup = new HashMap<>();
    return (OutputFormat)
        Proxy.newProxyInstance(
            OutputFormat.class.getClassLoader(),
            new Class<?>[] {OutputFormat.class},
            (proxy, method, args) -> {
              if (method.getName().equals("iterationResult") && args != null && args.length == 4) {
                BenchmarkParams benchmark = (BenchmarkParams) args[0];
                IterationParams iteration = (IterationParams) args[1];
                int index = (Integer) args[2];
                double score = ((IterationResult) args[3]).getPrimaryResult().getScore();
                String key = key(benchmark);
                if (iteration.getType() == IterationType.WARMUP) {
                  lastWarmup.put(key, score);
                } else if (index == 1 && lastWarmup.containsKey(key) && score != 0) {
                  side.put("warm." + key, Math.abs(score - lastWarmup.get(key)) / score);
                }
              }
              try {
                return method.invoke(out, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** As {@link Report#key}, from the parameters JMH reports while running. */
  static String key(BenchmarkParams p) {
    String[] parts = p.getBenchmark().split("\\.");
    StringBuilder k =
        new StringBuilder(parts[parts.length - 2]).append('.').append(parts[parts.length - 1]);
    for (String name : new TreeSet<>(p.getParamsKeys())) {
      k.append(' ').append(name).append('=').append(p.getParam(name));
    }
    return k.append(" t=").append(p.getThreads()).toString();
  }
}
