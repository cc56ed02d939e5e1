package org.optionstream.journal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code journal summary [--gap-ms N] <file>} prints what a journal holds ({@link JournalSummary});
 * {@code journal cut --from T --to T <in> <out>} copies the records received between two times (both
 * included), with the records kept whatever their time ({@link RecordKind#timed()}), into a new journal (never over an existing file).
 * Times as {@link JournalTimes#parseMicros}; a time of day is on the day of the input's first record.
 * Exit status 0, 1 when a file cannot be read or written, 2 for a usage error.
 */
public final class JournalCli {

  static final String USAGE = """
      usage: journal summary [--gap-ms N] <journal>
             journal cut --from <time> --to <time> <in> <out>
      times: epoch ms, 2025-11-20T10:42:00+05:30, 2025-11-20T10:42:00 (IST) or 10:42[:30] (IST, the journal's day)""";

  private JournalCli() {
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs one command ({@code args} may start with the word {@code journal}); returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    List<String> a = new ArrayList<>(List.of(args));
    if (!a.isEmpty() && a.get(0).equals("journal")) {
      a.remove(0);
    }
    try {
      if (a.isEmpty()) {
        throw new IllegalArgumentException("no command");
      }
      String command = a.remove(0);
      String gap = option(a, "--gap-ms");
      String from = option(a, "--from");
      String to = option(a, "--to");
      switch (command) {
        case "summary" -> {
          if (a.size() != 1) {
            throw new IllegalArgumentException("summary takes one journal");
          }
          JournalSummary.of(Path.of(a.get(0)), gap == null ? 5_000 : Long.parseLong(gap)).lines().forEach(out::println);
        }
        case "cut" -> {
          if (a.size() != 2 || from == null || to == null) {
            throw new IllegalArgumentException("cut takes --from, --to, an input and an output");
          }
          JournalCut.Result r = JournalCut.cut(Path.of(a.get(0)), Path.of(a.get(1)), from, to);
          out.println("cut " + r.written() + " records (" + r.setup() + " kept whatever their time) from " + a.get(0) + " into " + a.get(1)
              + "; " + r.damaged() + " damaged stretch(es) skipped");
        }
        default -> throw new IllegalArgumentException("unknown command '" + command + "'");
      }
      return 0;
    } catch (IllegalArgumentException e) {
      err.println("journal: " + e.getMessage());
      err.println(USAGE);
      return 2;
    } catch (IOException e) {
      err.println("journal: " + e.getMessage());
      return 1;
    }
  }

  /** Removes {@code name} and its value from {@code args}; null when absent. */
  private static String option(List<String> args, String name) {
    int i = args.indexOf(name);
    if (i < 0) {
      return null;
    }
    if (i + 1 >= args.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    String value = args.remove(i + 1);
    args.remove(i);
    return value;
  }

  /** Fails when {@code out} exists: a journal is never written over. */
  static void refuseExisting(Path out) throws IOException {
    if (Files.exists(out)) {
      throw new IOException(out + " exists; a journal is never written over");
    }
  }
}
