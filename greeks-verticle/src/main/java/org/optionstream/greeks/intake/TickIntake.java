package org.optionstream.greeks.intake;

import java.util.HashMap;
import java.util.Map;
import org.optionstream.common.UpdateOrder;
import org.optionstream.common.tick.Tick;

/**
 * The greeks stage's inbound queue, holding at most one waiting tick per instrument. When ticks
 * arrive faster than they are priced, a newer tick of an instrument that is still waiting replaces
 * the older one in its place in line (the older one is shed, and counted), so the queue never holds
 * more ticks than there are instruments, every instrument keeps its turn, and what is priced is the
 * freshest price. An older tick never replaces a newer one ({@link UpdateOrder}); it is shed instead.
 * A tick no newer than the last one of its instrument taken off the line is a repeat (the feed resends a
 * batch whose acknowledgement it missed, though this instance had taken it in): it is dropped and counted in
 * {@link #repeats()}, so a resend never publishes an update twice nor an older one after a newer.
 * First come, first served across instruments. Confined to its verticle's context (one thread at a
 * time); allocates only when an instrument is seen for the first time or the line grows past its
 * largest length so far.
 */
public final class TickIntake {

  private static final class Slot {
    Tick tick;
    boolean waiting;
    boolean taken;
    long takenTimeMs;
    long takenSequence;
  }

  private final Map<String, Slot> slots = new HashMap<>();
  private Slot[] line = new Slot[256];
  private int head;
  private int size;
  private long shed;
  private long repeats;

  /**
   * Queues {@code tick}; returns true when it replaced (or lost to) a tick of its instrument still waiting.
   * A repeat ({@link #repeats()}) is dropped and returns false.
   */
  public boolean offer(Tick tick) {
    Slot slot = slots.computeIfAbsent(tick.getInstrumentKey(), key -> new Slot());
    if (!slot.waiting && slot.taken && !UpdateOrder.isNewer(tick.getExchangeTimeMs(), tick.getSequence(),
        slot.takenTimeMs, slot.takenSequence)) {
      repeats++;
      return false;
    }
    if (slot.waiting) {
      shed++;
      Tick held = slot.tick;
      if (!UpdateOrder.isNewer(held.getExchangeTimeMs(), held.getSequence(), tick.getExchangeTimeMs(),
          tick.getSequence())) {
        slot.tick = tick;
      }
      return true;
    }
    slot.tick = tick;
    slot.waiting = true;
    if (size == line.length) {
      grow();
    }
    line[(head + size) % line.length] = slot;
    size++;
    return false;
  }

  /** The tick first in line, or null when none waits. */
  public Tick poll() {
    if (size == 0) {
      return null;
    }
    Slot slot = line[head];
    line[head] = null;
    head = (head + 1) % line.length;
    size--;
    Tick tick = slot.tick;
    slot.tick = null;
    slot.waiting = false;
    slot.taken = true;
    slot.takenTimeMs = tick.getExchangeTimeMs();
    slot.takenSequence = tick.getSequence();
    return tick;
  }

  /** Ticks dropped because one as new or newer of their instrument had already been taken off the line. */
  public long repeats() {
    return repeats;
  }

  /** Ticks waiting (at most one per instrument). */
  public int waiting() {
    return size;
  }

  /** Ticks replaced by a newer one of the same instrument before they were priced, since the start. */
  public long shed() {
    return shed;
  }

  private void grow() {
    Slot[] bigger = new Slot[line.length * 2];
    for (int i = 0; i < size; i++) {
      bigger[i] = line[(head + i) % line.length];
    }
    line = bigger;
    head = 0;
  }
}
