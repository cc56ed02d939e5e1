package org.optionstream.pcr.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.optionstream.pcr.aggregate.ExpiryKey;
import org.optionstream.pcr.publish.PublicationScheduler.Channel;

class PublicationSchedulerTest {

  private static final ExpiryKey NIFTY = new ExpiryKey("NIFTY", 20_419);
  private static final ExpiryKey BANKNIFTY = new ExpiryKey("BANKNIFTY", 20_419);

  /** A channel whose state is a counter; its message says the counter, and nothing when it has not moved. */
  private static final class Counted {
    long value;
    long lastSent = -1;

    JsonObject next() {
      if (value == lastSent) {
        return null;
      }
      lastSent = value;
      return new JsonObject().put("value", value);
    }
  }

  private final List<String> published = new ArrayList<>();
  private final AtomicLong wall = new AtomicLong();

  private PublicationScheduler scheduler(long quietMs) {
    return new PublicationScheduler(quietMs, wall::get,
        (channel, message) -> published.add(channel.key().symbol() + " " + channel.address() + " " + message.getLong("value")));
  }

  @Test
  void atMostOncePerIntervalOfDataTimeAndAWaitingValueGoesOutWithTheStateAtItsDueTime() {
    PublicationScheduler scheduler = scheduler(1_000);
    Counted pcr = new Counted();
    Channel channel = scheduler.channel(NIFTY, "pcr.update", 4, pcr::next); // 250 ms

    batch(scheduler, 0, () -> pcr.value = 1, channel);
    assertThat(published).as("the first change goes out at once").containsExactly("NIFTY pcr.update 1");
    batch(scheduler, 10, () -> pcr.value = 2, channel);
    batch(scheduler, 249, () -> pcr.value = 3, channel);
    assertThat(published).hasSize(1);
    assertThat(channel.isWaiting()).isTrue();

    // the batch at 260 changes the value again, but the publication due at 250 carries the state before it
    batch(scheduler, 260, () -> pcr.value = 4, channel);
    assertThat(published).containsExactly("NIFTY pcr.update 1", "NIFTY pcr.update 3");
    assertThat(channel.isWaiting()).as("4 came after the due time: it waits for 500").isTrue();
    batch(scheduler, 499, () -> { }, null);
    assertThat(published).hasSize(2);
    batch(scheduler, 500, () -> { }, null);
    assertThat(published).last().isEqualTo("NIFTY pcr.update 4");

    // a long gap: the next change goes out at once
    batch(scheduler, 5_000, () -> pcr.value = 5, channel);
    assertThat(published).last().isEqualTo("NIFTY pcr.update 5");
  }

  @Test
  void aChangeThatBringsNothingNewPublishesNothingAndDoesNotDelayTheNext() {
    PublicationScheduler scheduler = scheduler(1_000);
    Counted pcr = new Counted();
    Channel channel = scheduler.channel(NIFTY, "pcr.update", 4, pcr::next);
    batch(scheduler, 0, () -> pcr.value = 1, channel);
    batch(scheduler, 300, () -> { }, channel);
    batch(scheduler, 310, () -> pcr.value = 2, channel);
    assertThat(published).containsExactly("NIFTY pcr.update 1", "NIFTY pcr.update 2");
  }

  @Test
  void silenceLetsTheLastValueOutAtItsDueTimeAndNeverEarlier() {
    PublicationScheduler scheduler = scheduler(300);
    Counted oi = new Counted();
    Channel channel = scheduler.channel(NIFTY, "pcr.oi-by-strike", 1, oi::next); // 1 000 ms
    wall.set(50_000);
    batch(scheduler, 0, () -> oi.value = 1, channel);
    batch(scheduler, 50, () -> oi.value = 2, channel);

    wall.set(50_000 + 299);
    scheduler.flushQuiet(wall.get());
    wall.set(50_000 + 900);
    scheduler.flushQuiet(wall.get());
    assertThat(published).as("quiet long enough, but the interval is not over").containsExactly("NIFTY pcr.oi-by-strike 1");

    wall.set(50_000 + 950);
    scheduler.flushQuiet(wall.get());
    assertThat(published).containsExactly("NIFTY pcr.oi-by-strike 1", "NIFTY pcr.oi-by-strike 2");
    assertThat(channel.isWaiting()).isFalse();
  }

  /**
   * The property a replay relies on: the same batches give the same publications whether the wall clock moved with
   * the data (live, the quiet rule running every 100 ms) or stood still (a replay at max, the quiet rule suspended
   * until the end).
   */
  @Test
  void theSameBatchesGiveTheSamePublicationsLiveAndAsFastAsPossible() {
    SplittableRandom random = new SplittableRandom(42);
    List<long[]> batches = new ArrayList<>(); // {data time, channel touched or -1, new value}
    long t = 1_000_000;
    for (int i = 0; i < 5_000; i++) {
      t += random.nextInt(10) < 9 ? random.nextInt(60) : 300 + random.nextInt(3_000); // gaps, some longer than quiet
      batches.add(new long[] {t, random.nextInt(4) - 1, random.nextLong(1_000_000)});
    }

    List<String> live = run(batches, true);
    List<String> max = run(batches, false);
    assertThat(live).hasSizeGreaterThan(1_000);
    assertThat(max).isEqualTo(live);
  }

  private List<String> run(List<long[]> batches, boolean wallMovesWithData) {
    published.clear();
    wall.set(batches.get(0)[0]);
    PublicationScheduler scheduler = scheduler(700);
    Counted[] states = {new Counted(), new Counted(), new Counted()};
    Channel[] channels = {
        scheduler.channel(NIFTY, "pcr.update", 4, states[0]::next),
        scheduler.channel(NIFTY, "pcr.oi-by-strike", 1, states[1]::next),
        scheduler.channel(BANKNIFTY, "pcr.update", 4, states[2]::next)};
    for (long[] b : batches) {
      if (wallMovesWithData) {
        for (long w = wall.get() + 100; w < b[0]; w += 100) {
          wall.set(w);
          scheduler.flushQuiet(w);
        }
      }
      wall.set(wallMovesWithData ? b[0] : wall.get());
      int touched = (int) b[1];
      batch(scheduler, b[0], () -> {
        if (touched >= 0) {
          states[touched].value = b[2];
        }
      }, touched >= 0 ? channels[touched] : null);
    }
    wall.addAndGet(10_000);
    scheduler.flushQuiet(wall.get());
    for (Channel channel : channels) {
      assertThat(channel.isWaiting()).as("the last values went out").isFalse();
    }
    return new ArrayList<>(published);
  }

  @Test
  void channelsOfDifferentKeysKeepTheirOwnSchedule() {
    PublicationScheduler scheduler = scheduler(1_000);
    Map<ExpiryKey, Counted> states = new HashMap<>();
    Channel nifty = scheduler.channel(NIFTY, "pcr.update", 4, states.computeIfAbsent(NIFTY, k -> new Counted())::next);
    Channel bank = scheduler.channel(BANKNIFTY, "pcr.update", 4, states.computeIfAbsent(BANKNIFTY, k -> new Counted())::next);
    batch(scheduler, 0, () -> states.get(NIFTY).value = 1, nifty);
    batch(scheduler, 100, () -> states.get(BANKNIFTY).value = 1, bank);
    batch(scheduler, 200, () -> states.get(NIFTY).value = 2, nifty);
    assertThat(published).containsExactly("NIFTY pcr.update 1", "BANKNIFTY pcr.update 1");
    batch(scheduler, 250, () -> { }, null);
    assertThat(published).last().isEqualTo("NIFTY pcr.update 2");
  }

  @Test
  void aRateMustBePositive() {
    assertThatThrownBy(() -> scheduler(1_000).channel(NIFTY, "pcr.update", 0, () -> null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> scheduler(0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static void batch(PublicationScheduler scheduler, long dataTimeMs, Runnable apply, Channel touched) {
    scheduler.beginBatch(dataTimeMs);
    apply.run();
    if (touched != null) {
      scheduler.touch(touched);
    }
    scheduler.endBatch();
  }
}
