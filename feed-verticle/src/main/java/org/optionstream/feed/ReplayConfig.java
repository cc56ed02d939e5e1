package org.optionstream.feed;

import java.nio.file.Path;
import org.optionstream.common.config.Env;

/**
 * What {@code FEED_SOURCE=replay} plays, read once from the environment.
 *
 * @param path  {@code FEED_REPLAY_PATH}: a journal file, or a directory of them (its newest day is played); required
 * @param from  {@code FEED_REPLAY_FROM}: first receive time played (null: the start); epoch ms, ISO-8601 with or
 *              without an offset (IST), or a time of day on the journal's day ({@code 10:42})
 * @param to    {@code FEED_REPLAY_TO}: last receive time played (null: the end), same forms
 * @param speed {@code FEED_REPLAY_SPEED}: 1 plays in real time, 10 ten times faster, {@code max} (infinity here) as
 *              fast as the pipeline takes it (default 1)
 */
public record ReplayConfig(Path path, String from, String to, double speed) {

  public ReplayConfig {
    if (!(speed > 0)) {
      throw new IllegalArgumentException("FEED_REPLAY_SPEED must be a positive number or max, got " + speed);
    }
  }

  /** True for {@code FEED_REPLAY_SPEED=max}. */
  public boolean max() {
    return Double.isInfinite(speed);
  }

  /** The speed as configured: a number or {@code max}. */
  public String speedName() {
    return max() ? "max" : (speed == Math.rint(speed) ? String.valueOf((long) speed) : String.valueOf(speed));
  }

  /** The replay's settings, or null when {@code FEED_REPLAY_PATH} is unset. */
  static ReplayConfig from(Env env) {
    String path = env.raw("FEED_REPLAY_PATH");
    if (path == null || path.isBlank()) {
      return null;
    }
    String speed = env.string("FEED_REPLAY_SPEED", "1").trim();
    double parsed;
    try {
      parsed = speed.equalsIgnoreCase("max") ? Double.POSITIVE_INFINITY : Double.parseDouble(speed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("FEED_REPLAY_SPEED must be a positive number or max, got '" + speed + "'");
    }
    return new ReplayConfig(Path.of(path.trim()), env.raw("FEED_REPLAY_FROM"), env.raw("FEED_REPLAY_TO"), parsed);
  }
}
