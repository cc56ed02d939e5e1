package org.optionstream.feed;

import java.nio.file.Path;
import org.optionstream.common.config.Env;

/**
 * Recording of the feed's raw input into a journal, read once from the environment.
 *
 * @param dir           {@code FEED_RECORD_DIR}: where the day files go; null (unset, or {@code FEED_RECORD=off}) records
 *                      nothing. {@code ./run.sh} sets {@code ./data/feed-journal}
 * @param retentionDays {@code FEED_RECORD_RETENTION_DAYS}: days of files kept before the newest one's day (default 7);
 *                      older ones are deleted by the feed
 */
public record RecordingConfig(Path dir, int retentionDays) {

  public static final RecordingConfig OFF = new RecordingConfig(null, 7);

  public RecordingConfig {
    if (retentionDays < 1) {
      throw new IllegalArgumentException("FEED_RECORD_RETENTION_DAYS must be at least 1, got " + retentionDays);
    }
  }

  public boolean on() {
    return dir != null;
  }

  static RecordingConfig from(Env env) {
    String record = env.string("FEED_RECORD", "on").trim();
    if (!record.equalsIgnoreCase("on") && !record.equalsIgnoreCase("off")) {
      throw new IllegalArgumentException("FEED_RECORD must be on or off, got '" + record + "'");
    }
    String dir = env.raw("FEED_RECORD_DIR");
    boolean on = record.equalsIgnoreCase("on") && dir != null && !dir.isBlank();
    return new RecordingConfig(on ? Path.of(dir.trim()) : null, env.integer("FEED_RECORD_RETENTION_DAYS", 7));
  }
}
