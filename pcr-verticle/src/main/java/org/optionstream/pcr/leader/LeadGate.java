package org.optionstream.pcr.leader;

import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.optionstream.pcr.aggregate.ExpiryKey;

/**
 * Where a key's publications go: out when this instance leads the key; held while its first attempt to lead is
 * undecided, and released in order if that attempt wins; dropped otherwise. Every instance computes the same
 * publication sequence from the same input, leader or not; the hold means a lone instance (and the first leader of a
 * key) sends that sequence whole from the key's first tick, however long the lock took, so replaying a recording
 * twice gives the same messages. A key taken over later (the leader died or stepped down) starts from its current
 * figures instead. At most {@code maxHeld} messages are held per key (the oldest go first). Event-loop confined.
 */
public final class LeadGate {

  private record Held(String address, JsonObject message) {
  }

  private final Predicate<ExpiryKey> leads;
  private final BiConsumer<String, JsonObject> out;
  private final int maxHeld;
  private final Map<ExpiryKey, ArrayDeque<Held>> holding = new HashMap<>();
  private long droppedWhileHolding;

  /**
   * @param leads   whether this instance leads a key now
   * @param out     sends a message to an address
   * @param maxHeld most messages held per key while its first attempt is undecided
   */
  public LeadGate(Predicate<ExpiryKey> leads, BiConsumer<String, JsonObject> out, int maxHeld) {
    this.leads = leads;
    this.out = out;
    this.maxHeld = maxHeld;
  }

  /** The first attempt to lead {@code key} starts: hold its messages until it is decided. */
  public void firstAttempt(ExpiryKey key) {
    holding.putIfAbsent(key, new ArrayDeque<>());
  }

  /** A message of {@code key}: sent, held or dropped, as the class comment says. */
  public void publish(ExpiryKey key, String address, JsonObject message) {
    if (leads.test(key)) {
      out.accept(address, message);
      return;
    }
    ArrayDeque<Held> held = holding.get(key);
    if (held != null) {
      if (held.size() == maxHeld) {
        held.removeFirst();
        droppedWhileHolding++;
      }
      held.addLast(new Held(address, message));
    }
  }

  /**
   * This instance now leads {@code key}. Returns true when that was its first attempt (the held messages went out,
   * the sequence is whole); false for a takeover, whose caller publishes the current figures.
   */
  public boolean won(ExpiryKey key) {
    ArrayDeque<Held> held = holding.remove(key);
    if (held == null) {
      return false;
    }
    held.forEach(h -> out.accept(h.address(), h.message()));
    return true;
  }

  /** An attempt to lead {@code key} ended without the lead: nothing held for it is sent. */
  public void refused(ExpiryKey key) {
    holding.remove(key);
  }

  /** Messages dropped because a key's hold was full. */
  public long droppedWhileHolding() {
    return droppedWhileHolding;
  }
}
