package org.optionstream.history.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps the embedded engine's own log to errors. QuestDB logs through its own writers, not SLF4J, and by
 * default prints every statement it runs (two INFO lines per query) to standard output; it reads its log
 * settings from the file named by the system property {@code out} when it first logs. Unless the process
 * already names one, this writes a configuration with errors only and names it, once per JVM, before the
 * engine starts.
 */
final class QuestDbLog {

  /** QuestDB's system property naming its log configuration file. */
  static final String PROPERTY = "out";
  static final String ERRORS_ONLY = String.join("\n",
      "writers=stdout",
      "w.stdout.class=io.questdb.log.LogConsoleWriter",
      "w.stdout.level=ERROR,CRITICAL",
      "");

  private QuestDbLog() {
  }

  static synchronized void errorsOnly() {
    if (System.getProperty(PROPERTY) != null) {
      return;
    }
    try {
      Path conf = Files.createTempFile("optionstream-questdb-log", ".conf");
      conf.toFile().deleteOnExit();
      Files.writeString(conf, ERRORS_ONLY);
      System.setProperty(PROPERTY, conf.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
