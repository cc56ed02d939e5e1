package org.optionstream.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm-up's JIT probe: only compiler threads count, in /proc's clock ticks of 10 ms. */
class BenchProcessTest {

  @TempDir
  Path tasks;

  @Test
  void sumsTheCompilerThreadsOnly() throws IOException {
    thread("101", "C2 CompilerThre", 250, 50);
    thread("102", "C1 CompilerThre", 30, 0);
    thread("103", "vert.x-eventloo", 9_000, 1_000);
    thread("104", "java", 400, 20);
    assertThat(BenchProcess.jitCpuNanos(tasks)).isEqualTo((250 + 50 + 30) * 10_000_000L);
  }

  @Test
  void aThreadNameWithSpacesAndParenthesesDoesNotShiftTheFields() throws IOException {
    thread("201", "C2 CompilerThre", 7, 3);
    Files.writeString(tasks.resolve("201").resolve("stat"),
        "201 (C2 (Compiler) x) S 1 1 1 0 -1 4194368 100 0 0 0 7 3 0 0 20 0 30 0 0 0 0");
    assertThat(BenchProcess.jitCpuNanos(tasks)).isEqualTo(10 * 10_000_000L);
  }

  @Test
  void noProcFileSystemMeansUnknown() {
    assertThat(BenchProcess.jitCpuNanos(tasks.resolve("absent"))).isEqualTo(-1);
  }

  private void thread(String tid, String name, long utime, long stime) throws IOException {
    Path dir = Files.createDirectories(tasks.resolve(tid));
    Files.writeString(dir.resolve("comm"), name + "\n");
    Files.writeString(dir.resolve("stat"), tid + " (" + name + ") S 1 1 1 0 -1 4194368 100 0 0 0 " + utime + " "
        + stime + " 0 0 20 0 30 0 0 0 0");
  }
}
