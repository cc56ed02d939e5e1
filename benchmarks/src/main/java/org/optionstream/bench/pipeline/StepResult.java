package org.optionstream.bench.pipeline;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * What one measured window showed.
 *
 * @param askedRate       ticks per second asked of the simulator
 * @param offeredPerSecond ticks the feed put into the pipeline per second (its tick counter; without
 *                        one, {@code sequenceAdvancePerSecond})
 * @param deliveredPerSecond greeks updates one client received per second during the window (mean over clients)
 * @param latencyMicros   tick-to-client latency of every update received in the window, µs
 * @param gaps            sequence numbers the clients skipped (summed over clients): conflated or lost
 * @param conflated       updates the gateway replaced in a slow client's backlog (its
 *                        {@code optionstream.gateway.conflated} counter over the window, summed over clients);
 *                        NaN when the gateway does not expose it
 * @param tailLost        per client and instrument, updates after the newest one the client holds once
 *                        everything drained, though a newer one exists: the final value never arrived
 * @param lost            {@code tailLost} + the gaps the gateway's conflation does not explain
 * @param stale           updates not newer than what the client already held (ordering violations)
 * @param sequenceAdvancePerSecond per instrument, how far its sequence number advanced from the window's
 *                        start until drained (the feed numbers each instrument's ticks 1, 2, 3...), per second
 *                        of window and drain: the clients' view of what was offered
 * @param bytesPerFrame   mean size of the frames the clients received, bytes
 * @param cpuPercent      per process, CPU used during the window as percent of one core
 * @param maxP99Millis    the ramp's p99 limit, milliseconds
 * @param shed            option ticks the greeks stage replaced by a newer tick of the same instrument before
 *                        pricing them (its {@code optionstream.greeks.shed} counter over the window); NaN when
 *                        unreadable
 * @param longestSilence  over every client and instrument, the longest time without an update during the window
 */
record StepResult(
    int askedRate,
    double offeredPerSecond,
    double deliveredPerSecond,
    Histogram latencyMicros,
    long gaps,
    double conflated,
    long tailLost,
    long lost,
    long stale,
    double sequenceAdvancePerSecond,
    double bytesPerFrame,
    Map<String, Double> cpuPercent,
    double maxP99Millis,
    double shed,
    UpdateClient.Silence longestSilence) {

  double p50Millis() {
    return percentileMillis(50);
  }

  double p99Millis() {
    return percentileMillis(99);
  }

  double p999Millis() {
    return percentileMillis(99.9);
  }

  double percentileMillis(double percentile) {
    return latencyMicros.getTotalCount() == 0 ? Double.NaN
        : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
  }

  /** Share of the offered updates a client must receive for the rate to count as sustained. */
  static final double MIN_DELIVERED_SHARE = 0.98;

  /**
   * The ramp's pass rule: p99 within the limit, nothing lost, nothing out of order, and the clients
   * received (nearly) every update: a rate survived only by conflating is not sustained throughput.
   */
  boolean sustained() {
    return latencyMicros.getTotalCount() > 0 && p99Millis() <= maxP99Millis && lost == 0 && stale == 0
        && deliveredPerSecond >= MIN_DELIVERED_SHARE * offeredPerSecond;
  }

  /** The simulator and feed reached (nearly) the asked rate; if not, raising it further is pointless. */
  boolean reachedAskedRate() {
    return offeredPerSecond >= 0.9 * askedRate;
  }

  String describe(String label) {
    String cpu = cpuPercent.entrySet().stream()
        .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.0f%%", e.getValue()))
        .collect(Collectors.joining(" "));
    return String.format(Locale.ROOT,
        "%s: asked=%d/s offered=%.0f/s delivered=%.0f/s/client p50=%.3f p90=%.3f p99=%.3f p999=%.3f max=%.3f ms "
            + "n=%d gaps=%d conflated=%s lost=%d (tail %d) stale=%d seq-advance=%.0f/s frame=%.0fB shed=%s "
            + "longest-silence=%.0fms cpu[%s] %s",
        label, askedRate, offeredPerSecond, deliveredPerSecond, p50Millis(), percentileMillis(90), p99Millis(),
        p999Millis(), latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0,
        latencyMicros.getTotalCount(), gaps, count(conflated),
        lost, tailLost, stale,
        sequenceAdvancePerSecond,
        bytesPerFrame, count(shed), longestSilence.millis(), cpu, sustained() ? "SUSTAINED" : "NOT-SUSTAINED");
  }

  /** A counter's increase for display: "n/a" when it could not be read. */
  static String count(double counted) {
    return Double.isNaN(counted) ? "n/a" : String.format(Locale.ROOT, "%.0f", counted);
  }
}
