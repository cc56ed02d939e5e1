package org.optionstream.feed.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.instruments.MasterFixture;

class SubscriptionPlannerTest {

  private static final LocalDate E1 = LocalDate.of(2025, 11, 25);
  private static final LocalDate E2 = LocalDate.of(2025, 12, 2);
  private final InstrumentMaster master =
      MasterFixture.parse(MasterFixture.nifty(22_000, 25_000, 50, E1, E2), LocalDate.of(2025, 11, 20));

  @Test
  void indexAtmFullAndWindowInOptionGreeks() {
    SubscriptionPlanner p = new SubscriptionPlanner(master, 500, 1.0);
    p.track("NIFTY", null);
    assertThat(p.current().keys()).containsOnlyKeys("NSE_INDEX|Nifty 50");
    assertThat(p.onSpot("NIFTY", 23_712, 0L)).isTrue();
    SubscriptionPlan plan = p.current();
    assertThat(plan.keys()).hasSize(1 + 21 * 2);
    assertThat(plan.keys().get("NSE_INDEX|Nifty 50")).isEqualTo(Mode.LTPC);
    assertThat(plan.keys().get(MasterFixture.key(23_700, "CE", 0))).isEqualTo(Mode.FULL);
    assertThat(plan.keys().get(MasterFixture.key(23_700, "PE", 0))).isEqualTo(Mode.FULL);
    assertThat(plan.keys().get(MasterFixture.key(23_200, "PE", 0))).isEqualTo(Mode.OPTION_GREEKS);
    assertThat(plan.keys().get(MasterFixture.key(24_200, "CE", 0))).isEqualTo(Mode.OPTION_GREEKS);
    assertThat(plan.keys()).doesNotContainKey(MasterFixture.key(24_250, "CE", 0));
    assertThat(plan.windows()).singleElement().satisfies(w -> {
      assertThat(w.atmStrike()).isEqualTo(23_700);
      assertThat(w.lowStrike()).isEqualTo(23_200);
      assertThat(w.highStrike()).isEqualTo(24_200);
    });
  }

  /**
   * A three-month expiry's smile sits around its forward: at 10 % a year, NIFTY 23 712 on 2025-11-20 15:30 IST
   * has a 24 February forward of 23 712 · e^{0.10 · 96/365} = 24 343.9, so that expiry's ATM is 24 350 and its
   * ten-strike window reaches 24 850, while the next-week expiry (forward 23 744.5) stays at 23 750.
   */
  @Test
  void aFarExpiryIsCentredOnItsCarryForward() {
    LocalDate far = LocalDate.of(2026, 2, 24);
    InstrumentMaster two = MasterFixture.parse(MasterFixture.nifty(22_000, 26_000, 50, E1, far), LocalDate.of(2025, 11, 20));
    SubscriptionPlanner p = new SubscriptionPlanner(two, StrikeWindows.all(StrikeWindow.strikes(10)), 1.0, 1, 0.10);
    p.track("NIFTY", E1.toString());
    p.track("NIFTY", far.toString());
    long at = java.time.OffsetDateTime.parse("2025-11-20T15:30:00+05:30").toInstant().toEpochMilli();
    assertThat(p.onSpot("NIFTY", 23_712, at)).isTrue();
    assertThat(p.current().windows()).extracting(ExpiryWindow::atmStrike, ExpiryWindow::highStrike)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(23_750.0, 24_250.0),
            org.assertj.core.groups.Tuple.tuple(24_350.0, 24_850.0));
    // without carry both are centred on the index
    SubscriptionPlanner flat = new SubscriptionPlanner(two, StrikeWindows.all(StrikeWindow.strikes(10)), 1.0, 1, 0);
    flat.track("NIFTY", E1.toString());
    flat.track("NIFTY", far.toString());
    flat.onSpot("NIFTY", 23_712, at);
    assertThat(flat.current().windows()).extracting(ExpiryWindow::atmStrike).containsExactly(23_700.0, 23_700.0);
    // an expiry tracked after the index is known is centred on its forward at once
    SubscriptionPlanner late = new SubscriptionPlanner(two, StrikeWindows.all(StrikeWindow.strikes(10)), 1.0, 1, 0.10);
    late.track("NIFTY", E1.toString());
    late.onSpot("NIFTY", 23_712, at);
    late.track("NIFTY", far.toString());
    assertThat(late.current().windows()).extracting(ExpiryWindow::atmStrike).containsExactly(23_750.0, 24_350.0);
  }

  @Test
  void aWindowInStrikesGivesEveryIndexTheSameChainWhateverItsStep() {
    InstrumentMaster wide = MasterFixture.parse(MasterFixture.nifty(20_000, 27_000, 100, E1), LocalDate.of(2025, 11, 20));
    StrikeWindows windows = StrikeWindows.parse(StrikeWindow.strikes(10), "niftyx=3");
    SubscriptionPlanner fifty = new SubscriptionPlanner(master, windows, 1.0, 1, 0);
    SubscriptionPlanner hundred = new SubscriptionPlanner(wide, windows, 1.0, 1, 0);
    for (SubscriptionPlanner p : new SubscriptionPlanner[] {fifty, hundred}) {
      p.track("NIFTY", null);
      p.onSpot("NIFTY", 23_712, 0L);
      assertThat(p.current().keys()).as("index + 21 strikes x 2").hasSize(1 + 21 * 2);
    }
    assertThat(fifty.current().windows().get(0).highStrike()).isEqualTo(24_200);
    assertThat(hundred.current().windows().get(0).highStrike()).isEqualTo(24_700);
    // a window set apart for one underlying, in points
    SubscriptionPlanner points = new SubscriptionPlanner(master, StrikeWindows.parse(StrikeWindow.strikes(10), "NIFTY=150pt"), 1.0, 1, 0);
    points.track("NIFTY", null);
    points.onSpot("NIFTY", 23_712, 0L);
    assertThat(points.current().keys()).hasSize(1 + 7 * 2);
    assertThat(windows.of("NIFTYX")).isEqualTo(StrikeWindow.strikes(3));
    assertThatThrownBy(() -> StrikeWindows.parse(StrikeWindow.strikes(10), "NIFTY"))
        .hasMessageContaining("SYMBOL=window");
    assertThatThrownBy(() -> StrikeWindow.parse("ten")).hasMessageContaining("500pt");
  }

  @Test
  void recentresPastTheNextStrikeWithHysteresisAndDiffsTheSocket() {
    SubscriptionPlanner p = new SubscriptionPlanner(master, 500, 1.0);
    p.track("NIFTY", null);
    p.onSpot("NIFTY", 23_700, 0L);
    SubscriptionPlan before = p.current();
    // hovering around the 23 725 mid-point never re-centres
    for (double s : new double[] {23_726, 23_724, 23_740, 23_710, 23_749.9}) {
      assertThat(p.onSpot("NIFTY", s, 0L)).as("spot %s", s).isFalse();
    }
    assertThat(p.onSpot("NIFTY", 23_751, 0L)).isTrue();
    SubscriptionPlan after = p.current();
    assertThat(after.windows().get(0).atmStrike()).isEqualTo(23_750);
    PlanDiff diff = before.diffTo(after);
    assertThat(diff.unsubscribe()).containsExactlyInAnyOrder(MasterFixture.key(23_200, "CE", 0), MasterFixture.key(23_200, "PE", 0));
    assertThat(diff.subscribe().get(Mode.OPTION_GREEKS))
        .containsExactlyInAnyOrder(MasterFixture.key(24_250, "CE", 0), MasterFixture.key(24_250, "PE", 0));
    assertThat(diff.changeMode().get(Mode.FULL))
        .containsExactlyInAnyOrder(MasterFixture.key(23_750, "CE", 0), MasterFixture.key(23_750, "PE", 0));
    assertThat(diff.changeMode().get(Mode.OPTION_GREEKS))
        .containsExactlyInAnyOrder(MasterFixture.key(23_700, "CE", 0), MasterFixture.key(23_700, "PE", 0));
    // back down needs a full step again
    assertThat(p.onSpot("NIFTY", 23_710, 0L)).isFalse();
    assertThat(p.onSpot("NIFTY", 23_700, 0L)).isTrue();
  }

  @Test
  void validatesSymbolsExpiriesAndKeyLimits() {
    SubscriptionPlanner p = new SubscriptionPlanner(master, 500, 1.0);
    assertThatThrownBy(() -> p.track("NIFTYX", null)).hasMessageContaining("unknown symbol 'NIFTYX'").hasMessageContaining("NIFTY");
    assertThatThrownBy(() -> p.track("NIFTY", "2025-11-26")).hasMessageContaining("listed expiries: 2025-11-25, 2025-12-02");
    assertThatThrownBy(() -> p.track("NIFTY", "next week")).hasMessageContaining("ISO date");
    assertThat(p.track("NIFTY", "2025-12-02").chain().expiryEpochDay()).isEqualTo((int) E2.toEpochDay());

    SubscriptionPlanner wide = new SubscriptionPlanner(master, 100_000, 1.0);
    wide.track("NIFTY", "2025-11-25");
    // 61 strikes x 2 per expiry fit; the limit check counts the widest possible window
    InstrumentMaster big = MasterFixture.parse(MasterFixture.nifty(10_000, 40_000, 10, E1), LocalDate.of(2025, 11, 20));
    SubscriptionPlanner tooWide = new SubscriptionPlanner(big, 20_000, 1.0);
    assertThatThrownBy(() -> tooWide.track("NIFTY", null))
        .hasMessageContaining("option_greeks").hasMessageContaining("exceed Upstox's limit of 2000");
  }

  @Test
  void keysAreSpreadWithinEachConnectionsLimitsAndStayWhereTheyAre() {
    java.util.Map<String, Mode> keys = new java.util.LinkedHashMap<>();
    keys.put("NSE_INDEX|Nifty 50", Mode.LTPC);
    for (int i = 0; i < 2_400; i++) {
      keys.put("NSE_FO|" + i, i < 20 ? Mode.FULL : Mode.OPTION_GREEKS);
    }
    var spread = KeyLimits.spread(keys, java.util.List.of());
    assertThat(spread).hasSize(2);
    assertThat(spread).allSatisfy(s -> assertThat(KeyLimits.violation(new SubscriptionPlan(s, java.util.List.of())
        .countsByMode())).isNull());
    assertThat(spread.stream().mapToInt(java.util.Map::size).sum()).isEqualTo(keys.size());
    assertThat(KeyLimits.connectionsNeeded(new SubscriptionPlan(keys, java.util.List.of()).countsByMode())).isEqualTo(2);

    // a re-centre: 40 keys leave, 40 come; the rest stay on their connection
    java.util.Map<String, Mode> next = new java.util.LinkedHashMap<>(keys);
    for (int i = 20; i < 60; i++) {
      next.remove("NSE_FO|" + i);
      next.put("NSE_FO|new" + i, Mode.OPTION_GREEKS);
    }
    var after = KeyLimits.spread(next, spread);
    assertThat(after).hasSize(2);
    for (int socket = 0; socket < 2; socket++) {
      for (String key : spread.get(socket).keySet()) {
        if (next.containsKey(key)) {
          assertThat(after.get(socket)).as("%s stays on connection %d", key, socket).containsKey(key);
        }
      }
    }
    assertThat(KeyLimits.connectionsNeeded(java.util.Map.of(Mode.OPTION_GREEKS, 3_000))).isEqualTo(1);
    assertThat(KeyLimits.connectionsNeeded(java.util.Map.of(Mode.OPTION_GREEKS, 3_000, Mode.LTPC, 1))).isEqualTo(2);
  }

  @Test
  void keyLimitsAloneAndCombined() {
    assertThat(KeyLimits.violation(java.util.Map.of(Mode.OPTION_GREEKS, 3000))).isNull();
    assertThat(KeyLimits.violation(java.util.Map.of(Mode.OPTION_GREEKS, 2001, Mode.LTPC, 1))).contains("combined");
    assertThat(KeyLimits.violation(java.util.Map.of(Mode.FULL, 1501, Mode.LTPC, 1))).contains("1500");
    assertThat(KeyLimits.violation(java.util.Map.of(Mode.LTPC, 5001))).contains("5000");
  }
}
