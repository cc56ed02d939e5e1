package org.optionstream.feed;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.optionstream.journal.JournalFormat;
import org.optionstream.journal.JournalReader;
import org.optionstream.journal.JournalRecord;
import org.optionstream.journal.RecordKind;

/**
 * The journal a replay plays and the session it recorded: its settings ({@code SESSION}) and its instruments
 * master ({@code INSTRUMENTS}), read from the top of the file.
 *
 * @param file            the journal file
 * @param session         the recorded settings ({@link Tracking#toJson()}, {@code source}, {@code todayEpochDay})
 * @param instrumentsGzip the master as the recording feed downloaded it
 */
record ReplaySession(Path file, JsonObject session, byte[] instrumentsGzip) {

  /** The trading day the recording feed ran on (its instruments master's "today"). */
  LocalDate day() {
    return LocalDate.ofEpochDay(session.getLong("todayEpochDay"));
  }

  /** Where the recording came from: {@code upstox} or {@code simulator}. */
  String recordedSource() {
    return session.getString("source", "unknown");
  }

  /**
   * Opens {@code path}: a journal file, or a directory whose newest day file is taken. Blocking.
   *
   * @throws IllegalArgumentException when there is no journal there, or it lacks its session or master
   */
  static ReplaySession open(Path path) throws IOException {
    Path file = Files.isDirectory(path) ? newest(path) : path;
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("FEED_REPLAY_PATH: no journal at " + path);
    }
    JsonObject session = null;
    byte[] master = null;
    try (JournalReader reader = JournalReader.open(file)) {
      for (JournalRecord r = reader.next(); r != null && (session == null || master == null); r = reader.next()) {
        if (r.kind() == RecordKind.SESSION && session == null) {
          session = new JsonObject(r.payloadText());
        } else if (r.kind() == RecordKind.INSTRUMENTS && master == null) {
          master = r.payload();
        }
      }
    }
    if (session == null || master == null || session.getLong("todayEpochDay") == null) {
      throw new IllegalArgumentException("FEED_REPLAY_PATH: " + file + " holds no " + (session == null ? "session" : "instruments master")
          + " record, so the feed cannot know what it tracked (was it cut without them?)");
    }
    return new ReplaySession(file, session, master);
  }

  private static Path newest(Path dir) throws IOException {
    Path newest = null;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "feed-*.journal")) {
      for (Path f : files) {
        LocalDate d = JournalFormat.dayOf(f);
        if (d != null && (newest == null || d.isAfter(JournalFormat.dayOf(newest)))) {
          newest = f;
        }
      }
    }
    if (newest == null) {
      throw new IllegalArgumentException("FEED_REPLAY_PATH: no feed-YYYY-MM-DD.journal in " + dir);
    }
    return newest;
  }
}
