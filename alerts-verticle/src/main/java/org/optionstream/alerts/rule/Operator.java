package org.optionstream.alerts.rule;

import java.util.Arrays;
import java.util.List;

/** How a rule compares the watched value with its threshold(s). */
public enum Operator {
  /** fires when the value rises to {@code value} or above, from below it. */
  CROSSES_ABOVE("crossesAbove"),
  /** fires when the value falls to {@code value} or below, from above it. */
  CROSSES_BELOW("crossesBelow"),
  /** fires when the value comes inside {@code [low, high]} from outside it. */
  ENTERS_BAND("entersBand"),
  /** fires when the value goes outside {@code [low, high]} from inside it. */
  LEAVES_BAND("leavesBand"),
  /**
   * fires when the value moved by {@code value} (or {@code value} percent with {@code percent: true})
   * within the last {@code windowSeconds}: up from the window's lowest for a positive amount, down from
   * its highest for a negative one.
   */
  CHANGES_BY("changesBy");

  private final String wireName;

  Operator(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public boolean isBand() {
    return this == ENTERS_BAND || this == LEAVES_BAND;
  }

  /** The operator of a wire name, or null. */
  public static Operator of(String wireName) {
    for (Operator op : values()) {
      if (op.wireName.equals(wireName)) {
        return op;
      }
    }
    return null;
  }

  public static List<String> wireNames() {
    return Arrays.stream(values()).map(Operator::wireName).toList();
  }
}
