package org.optionstream.bench.greeks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.optionstream.common.pricing.Black76;
import org.optionstream.common.pricing.GreeksResult;

/**
 * The greeks hot path: per option, implied volatility plus the five Greeks on the NIFTY-like chain
 * ({@link NiftyChain}), one thread. Each invocation walks the chain (cycled to {@value #OPTIONS} options)
 * and is timed on its own (SampleTime, normalised per option); bench/greeks.sh reports the median of
 * those samples, which stays put when other processes share the CPU (an invocation lasts ~0.1 ms, so
 * few of them are cut by a context switch) while the mean follows the machine's load.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class GreeksBenchmark {

  /** Options per invocation: the chain cycled to this length; every score is per option. */
  public static final int OPTIONS = 512;

  private NiftyChain chain;
  private final GreeksResult result = new GreeksResult();
  private final double[] out = new double[6];
  private double[] previousIv;

  @Setup(Level.Trial)
  public void setUp() {
    chain = new NiftyChain(NiftyChain.SEED).cycled(OPTIONS);
    previousIv = new double[chain.size];
    for (int i = 0; i < chain.size; i++) {
      Black76.solve(chain.forward[i], chain.strike[i], chain.years[i], NiftyChain.RATE, chain.price[i],
          chain.call[i], Double.NaN, result);
      previousIv[i] = result.iv;
    }
  }

  /** Ours, cold: no previous IV. */
  @Benchmark
  @OperationsPerInvocation(OPTIONS)
  public void ours(Blackhole bh) {
    NiftyChain c = chain;
    GreeksResult r = result;
    for (int i = 0; i < c.size; i++) {
      Black76.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], Double.NaN, r);
      bh.consume(r.iv + r.delta + r.gamma + r.theta + r.vega + r.rho);
    }
  }

  /** Ours, warm: the next tick (forward and vols moved) solved from the previous tick's IV. */
  @Benchmark
  @OperationsPerInvocation(OPTIONS)
  public void oursWarm(Blackhole bh) {
    NiftyChain c = chain;
    GreeksResult r = result;
    for (int i = 0; i < c.size; i++) {
      Black76.solve(c.nextForward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.nextPrice[i], c.call[i],
          previousIv[i], r);
      bh.consume(r.iv + r.delta + r.gamma + r.theta + r.vega + r.rho);
    }
  }

  /** OpenGamma Strata BlackFormulaRepository: implied volatility and Greeks. */
  @Benchmark
  @OperationsPerInvocation(OPTIONS)
  public void strata(Blackhole bh) {
    NiftyChain c = chain;
    for (int i = 0; i < c.size; i++) {
      StrataPeer.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], out);
      bh.consume(out[0] + out[1] + out[2] + out[3] + out[4] + out[5]);
    }
  }

  /** The textbook baseline: Newton-Raphson with commons-math3's NormalDistribution ({@link NewtonCm3}). */
  @Benchmark
  @OperationsPerInvocation(OPTIONS)
  public void newtonCm3(Blackhole bh) {
    NiftyChain c = chain;
    for (int i = 0; i < c.size; i++) {
      NewtonCm3.solve(c.forward[i], c.strike[i], c.years[i], NiftyChain.RATE, c.price[i], c.call[i], out);
      bh.consume(out[0] + out[1] + out[2] + out[3] + out[4] + out[5]);
    }
  }
}
