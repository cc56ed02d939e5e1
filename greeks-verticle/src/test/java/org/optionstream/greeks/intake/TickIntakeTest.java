package org.optionstream.greeks.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;

class TickIntakeTest {

  private static Tick tick(String key, long exchangeTimeMs, long sequence) {
    return Tick.newBuilder().setInstrumentKey(key).setKind(InstrumentKind.CALL).setExchangeTimeMs(exchangeTimeMs)
        .setSequence(sequence).build();
  }

  private static List<Tick> drain(TickIntake intake) {
    List<Tick> out = new ArrayList<>();
    Tick t;
    while ((t = intake.poll()) != null) {
      out.add(t);
    }
    return out;
  }

  @Test
  void ticksOfDifferentInstrumentsLeaveInArrivalOrder() {
    TickIntake intake = new TickIntake();
    assertThat(intake.offer(tick("A", 1, 1))).isFalse();
    assertThat(intake.offer(tick("B", 1, 1))).isFalse();
    assertThat(intake.offer(tick("C", 1, 1))).isFalse();

    assertThat(drain(intake)).extracting(Tick::getInstrumentKey).containsExactly("A", "B", "C");
    assertThat(intake.shed()).isZero();
    assertThat(intake.waiting()).isZero();
  }

  /** A batch resent after a lost acknowledgement: its ticks were priced already and are dropped, not priced again. */
  @Test
  void aResentTickAlreadyPricedIsDroppedAsARepeat() {
    TickIntake intake = new TickIntake();
    intake.offer(tick("A", 10, 1));
    intake.offer(tick("B", 10, 1));
    assertThat(drain(intake)).hasSize(2);
    intake.offer(tick("A", 12, 2));
    drain(intake);

    assertThat(intake.offer(tick("A", 10, 1))).as("older than the one priced").isFalse();
    assertThat(intake.offer(tick("B", 10, 1))).as("the same as the one priced").isFalse();
    assertThat(intake.waiting()).isZero();
    assertThat(intake.repeats()).isEqualTo(2);
    assertThat(intake.shed()).isZero();

    intake.offer(tick("B", 10, 2));
    assertThat(drain(intake)).extracting(Tick::getSequence).containsExactly(2L);
    assertThat(intake.repeats()).isEqualTo(2);
  }

  @Test
  void aNewerTickReplacesTheWaitingOneInItsPlaceInLine() {
    TickIntake intake = new TickIntake();
    intake.offer(tick("A", 1_000, 1));
    intake.offer(tick("B", 1_000, 1));
    assertThat(intake.offer(tick("A", 1_000, 2))).as("replaced").isTrue();
    assertThat(intake.offer(tick("A", 1_001, 0))).as("replaced").isTrue();

    List<Tick> out = drain(intake);
    assertThat(out).extracting(Tick::getInstrumentKey).containsExactly("A", "B");
    assertThat(out.get(0).getExchangeTimeMs()).isEqualTo(1_001);
    assertThat(intake.shed()).isEqualTo(2);
  }

  @Test
  void anOlderTickNeverReplacesANewerOneAndIsShed() {
    TickIntake intake = new TickIntake();
    intake.offer(tick("A", 2_000, 5));
    assertThat(intake.offer(tick("A", 1_999, 9))).isTrue();
    assertThat(intake.offer(tick("A", 2_000, 4))).isTrue();

    assertThat(drain(intake)).extracting(Tick::getSequence).containsExactly(5L);
    assertThat(intake.shed()).isEqualTo(2);
  }

  @Test
  void anInstrumentPricedOnceQueuesAgainAsNew() {
    TickIntake intake = new TickIntake();
    intake.offer(tick("A", 1, 1));
    assertThat(intake.poll().getSequence()).isEqualTo(1);
    assertThat(intake.offer(tick("A", 1, 2))).isFalse();
    assertThat(intake.poll().getSequence()).isEqualTo(2);
    assertThat(intake.poll()).isNull();
  }

  @Test
  void theLineHoldsAtMostOneTickPerInstrumentWhateverArrives() {
    TickIntake intake = new TickIntake();
    int instruments = 1_000;
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < instruments; i++) {
        intake.offer(tick("K" + i, 1_000 + round, round));
      }
      assertThat(intake.waiting()).isEqualTo(instruments);
    }
    List<Tick> out = drain(intake);
    assertThat(out).hasSize(instruments);
    assertThat(out).allSatisfy(t -> assertThat(t.getSequence()).isEqualTo(49));
    assertThat(out.get(0).getInstrumentKey()).isEqualTo("K0");
    assertThat(out.get(instruments - 1).getInstrumentKey()).isEqualTo("K" + (instruments - 1));
    assertThat(intake.shed()).isEqualTo(49L * instruments);
  }

  @Test
  void theLineWrapsAndGrowsWithoutLosingOrder() {
    TickIntake intake = new TickIntake();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      intake.offer(tick("W" + i, 1, 1));
    }
    for (int i = 0; i < 150; i++) {
      intake.poll();
    }
    for (int i = 150; i < 200; i++) {
      expected.add("W" + i);
    }
    for (int i = 0; i < 700; i++) {
      intake.offer(tick("X" + i, 1, 1));
      expected.add("X" + i);
    }
    assertThat(drain(intake)).extracting(Tick::getInstrumentKey).containsExactlyElementsOf(expected);
  }
}
