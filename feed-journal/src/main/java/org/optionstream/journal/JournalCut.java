package org.optionstream.journal;

import java.io.IOException;
import java.nio.file.Path;

/** A time range of one journal copied into a new one, with the records a replay needs whatever their time (setup,
 * index prices, tracking). */
public final class JournalCut {

  /** Records written, those among them kept whatever their time (setup, index prices, tracking), damaged stretches skipped in the input. */
  public record Result(long written, long setup, long damaged) {
  }

  private JournalCut() {
  }

  /** Copies the records of {@code in} received between {@code from} and {@code to} (see {@link JournalTimes}) into {@code out}. */
  public static Result cut(Path in, Path out, String from, String to) throws IOException {
    JournalCli.refuseExisting(out);
    long written = 0;
    long setup = 0;
    try (JournalReader reader = JournalReader.open(in)) {
      JournalRecord r = reader.next();
      java.time.LocalDate day = r == null ? null : JournalFormat.day(r.receivedAtMicros());
      long fromMicros = JournalTimes.parseMicros(from, day);
      long toMicros = JournalTimes.parseMicros(to, day);
      if (toMicros < fromMicros) {
        throw new IllegalArgumentException("--to is before --from");
      }
      try (JournalWriter writer = JournalWriter.open(out, r == null ? 0 : r.receivedAtMicros())) {
        for (; r != null; r = reader.next()) {
          boolean inRange = r.receivedAtMicros() >= fromMicros && r.receivedAtMicros() <= toMicros;
          if (!r.kind().timed() || inRange) {
            writer.append(r);
            written++;
            setup += r.kind().timed() ? 0 : 1;
          }
        }
        writer.flush();
      }
      return new Result(written, setup, reader.damaged());
    }
  }
}
