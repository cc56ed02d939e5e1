package org.optionstream.history.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool keeps batches in order on disk, survives a restart, and past its bound drops the oldest, counted. */
class SpoolTest {

  @TempDir
  Path dir;

  private static byte[] batch(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void batchesComeBackOldestFirstAlsoAfterARestart() throws Exception {
    Spool spool = new Spool(dir, 1_000);
    spool.append(batch("a 1\n"), 1);
    spool.append(batch("b 2\nb 3\n"), 2);
    assertThat(spool.rows()).isEqualTo(3);

    Spool reopened = new Spool(dir, 1_000);
    assertThat(reopened.rows()).isEqualTo(3);
    assertThat(new String(reopened.read(reopened.oldest()), StandardCharsets.UTF_8)).isEqualTo("a 1\n");
    reopened.remove(reopened.oldest());
    reopened.append(batch("c 4\n"), 1);
    assertThat(new String(reopened.read(reopened.oldest()), StandardCharsets.UTF_8)).isEqualTo("b 2\nb 3\n");
    reopened.remove(reopened.oldest());
    assertThat(new String(reopened.read(reopened.oldest()), StandardCharsets.UTF_8)).isEqualTo("c 4\n");
    reopened.remove(reopened.oldest());
    assertThat(reopened.isEmpty()).isTrue();
    assertThat(reopened.bytes()).isZero();
    assertThat(dir.toFile().list()).isEmpty();
  }

  @Test
  void pastTheBoundTheOldestRowsAreDroppedAndCounted() throws Exception {
    Spool spool = new Spool(dir, 25);
    spool.append(batch("0123456789"), 3);
    spool.append(batch("0123456789"), 4);
    assertThat(spool.droppedRows()).isZero();
    spool.append(batch("0123456789"), 5);
    assertThat(spool.droppedRows()).isEqualTo(3);
    assertThat(spool.rows()).isEqualTo(9);
    assertThat(spool.bytes()).isEqualTo(20);
    assertThat(spool.oldest().rows()).isEqualTo(4);
  }
}
