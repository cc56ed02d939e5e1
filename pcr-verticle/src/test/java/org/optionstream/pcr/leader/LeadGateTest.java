package org.optionstream.pcr.leader;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.optionstream.pcr.aggregate.ExpiryKey;

class LeadGateTest {

  private static final ExpiryKey KEY = new ExpiryKey("NIFTY", 20_419);

  private final Set<ExpiryKey> leading = new HashSet<>();
  private final List<String> sent = new ArrayList<>();
  private final LeadGate gate = new LeadGate(leading::contains, (address, m) -> sent.add(address + " " + m.getInteger("n")), 3);

  @Test
  void whatComesBeforeTheFirstAttemptIsWonGoesOutInOrderWhenItIs() {
    gate.firstAttempt(KEY);
    gate.publish(KEY, "pcr.update", n(1));
    gate.publish(KEY, "pcr.oi-by-strike", n(2));
    assertThat(sent).isEmpty();

    leading.add(KEY);
    assertThat(gate.won(KEY)).as("the first attempt").isTrue();
    assertThat(sent).containsExactly("pcr.update 1", "pcr.oi-by-strike 2");
    gate.publish(KEY, "pcr.update", n(3));
    assertThat(sent).last().isEqualTo("pcr.update 3");
  }

  @Test
  void aRefusedFirstAttemptSendsNothingAndALaterLeadIsATakeover() {
    gate.firstAttempt(KEY);
    gate.publish(KEY, "pcr.update", n(1));
    gate.refused(KEY);
    gate.publish(KEY, "pcr.update", n(2));
    leading.add(KEY);
    assertThat(gate.won(KEY)).as("a takeover: the caller publishes the current figures").isFalse();
    assertThat(sent).isEmpty();
  }

  @Test
  void aFullHoldDropsTheOldestAndCountsThem() {
    gate.firstAttempt(KEY);
    for (int i = 1; i <= 5; i++) {
      gate.publish(KEY, "pcr.update", n(i));
    }
    leading.add(KEY);
    gate.won(KEY);
    assertThat(sent).containsExactly("pcr.update 3", "pcr.update 4", "pcr.update 5");
    assertThat(gate.droppedWhileHolding()).isEqualTo(2);
  }

  @Test
  void aKeyNeitherLedNorBeingDecidedIsNotPublished() {
    gate.publish(KEY, "pcr.update", n(1));
    assertThat(sent).isEmpty();
  }

  private static JsonObject n(int n) {
    return new JsonObject().put("n", n);
  }
}
