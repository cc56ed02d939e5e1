package org.optionstream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.json.FeedState;
import org.optionstream.common.json.FeedStatus;

/**
 * Token lifecycle against the simulator acting as an Upstox that stops accepting the old token in the
 * middle of a session: a new token written to UPSTOX_ACCESS_TOKEN_FILE resumes the feed without a
 * restart, AUTH_REJECTED carries Upstox's error code and message, and no token ever shows.
 */
@ExtendWith(VertxExtension.class)
class FeedTokenRotationTest {

  private static final String OLD = "old-token-7f3a9c";
  private static final String NEW = "new-token-b21e44";
  /** Far longer than any wait below: a resume inside it is the file change, not the retry timer. */
  private static final String AUTH_BACKOFF_MS = "60000";

  @TempDir
  Path dir;
  private Path tokenFile;
  private FeedTestSupport t;
  private LogCapture logs;

  @BeforeEach
  void setUp(Vertx vertx) throws IOException {
    Codecs.register(vertx);
    logs = new LogCapture();
    t = new FeedTestSupport(vertx);
    t.startSimulator(Map.of("SIM_TICKS_PER_SECOND", "300"));
    tokenFile = dir.resolve("UPSTOX_ACCESS_TOKEN");
    writeToken(OLD);
  }

  @AfterEach
  void tearDown() {
    logs.close();
  }

  /** As the kubelet updates a mounted Secret: the new content appears at once, never half written. */
  private void writeToken(String token) throws IOException {
    Path next = dir.resolve("next");
    Files.writeString(next, token + "\n", StandardCharsets.UTF_8);
    Files.move(next, tokenFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private void startFeed(String tokenCheckMs) {
    t.startFeed(t.liveConfig(Map.of("UPSTOX_ACCESS_TOKEN", "", "UPSTOX_ACCESS_TOKEN_FILE", tokenFile.toString(),
        "FEED_TOKEN_CHECK_MS", tokenCheckMs, "FEED_AUTH_REJECTED_BACKOFF_MS", AUTH_BACKOFF_MS)));
    t.until("live with ticks", 15_000, () -> t.sawState(FeedState.LIVE) && t.ticks.size() > 20);
  }

  private FeedStatus last() {
    return t.statuses.get(t.statuses.size() - 1);
  }

  private void assertNoTokenAnywhere() {
    assertThat(t.statuses).extracting(FeedStatus::reason).noneMatch(r -> r.contains(OLD) || r.contains(NEW));
    assertThat(t.statuses).extracting(s -> String.valueOf(s.authError())).noneMatch(r -> r.contains(OLD) || r.contains(NEW));
    assertThat(logs.lines()).noneMatch(l -> l.contains(OLD) || l.contains(NEW));
  }

  @Test
  void aNewTokenFileResumesARejectedFeedWithoutARestartOrAnotherRejectedAttempt() throws IOException {
    startFeed("100");
    t.control("POST", "/sim/control/token?accept=" + NEW); // the old token dies mid-session

    t.until("AUTH_REJECTED", 10_000, () -> last().state() == FeedState.AUTH_REJECTED);
    FeedStatus rejected = last();
    assertThat(rejected.authError()).isNotNull();
    assertThat(rejected.authError().httpStatus()).isEqualTo(401);
    assertThat(rejected.authError().code()).isEqualTo("UDAPI100050");
    assertThat(rejected.authError().message()).isEqualTo("Invalid token used to access API");
    assertThat(rejected.reason()).contains("UDAPI100050").contains("UPSTOX_ACCESS_TOKEN_FILE");
    assertThat(rejected.subscribed()).isZero();
    long rejections = t.stats().getLong("rejectedAuthorizations");
    int ticksBefore = t.ticks.size();

    writeToken(NEW);
    int atRotation = t.statuses.size();
    t.until("LIVE on the new token, long before the 60 s retry", 10_000,
        () -> t.statuses.stream().skip(atRotation).anyMatch(s -> s.state() == FeedState.LIVE));
    t.until("ticks again", 10_000, () -> t.ticks.size() > ticksBefore + 20);
    assertThat(t.stats().getLong("rejectedAuthorizations")).as("no attempt with the old token after the rotation")
        .isEqualTo(rejections);
    assertThat(t.stats().getLong("connections")).isEqualTo(2);
    assertThat(last().authError()).isNull();
    assertNoTokenAnywhere();
  }

  @Test
  void aTokenRotatedBeforeTheOldOneDiesIsReadAgainOnThe401() throws IOException {
    startFeed("3600000"); // the periodic check never comes within the test: only the 401 makes the feed look
    writeToken(NEW);
    t.control("POST", "/sim/control/token?accept=" + NEW);

    int atRotation = t.statuses.size();
    t.until("LIVE again", 10_000, () -> t.statuses.stream().skip(atRotation + 1).anyMatch(s -> s.state() == FeedState.LIVE)
        && t.stats().getLong("connections") == 2);
    assertThat(t.statuses).noneMatch(s -> s.state() == FeedState.AUTH_REJECTED);
    assertThat(t.stats().getLong("rejectedAuthorizations")).as("one rejected authorize, then the new token").isEqualTo(1);
    assertNoTokenAnywhere();
  }

  @Test
  void aTokenFileThatAppearsLaterStartsTheFeed() throws IOException {
    Files.delete(tokenFile);
    t.startFeed(t.liveConfig(Map.of("UPSTOX_ACCESS_TOKEN", "", "UPSTOX_ACCESS_TOKEN_FILE", tokenFile.toString(),
        "FEED_TOKEN_CHECK_MS", "100")));
    t.until("STOPPED for lack of a token", 5_000, () -> last().state() == FeedState.STOPPED);
    assertThat(last().reason()).contains(tokenFile.toString()).contains("does not exist");
    assertThat(t.stats().getLong("authorizations")).isZero();

    writeToken(NEW);
    t.until("LIVE with ticks", 15_000, () -> t.sawState(FeedState.LIVE) && t.ticks.size() > 20);
    assertNoTokenAnywhere();
  }
}
