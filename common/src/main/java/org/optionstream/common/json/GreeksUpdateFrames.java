package org.optionstream.common.json;

import java.util.List;
import java.util.function.Function;

/**
 * The greeks updates made from one batch of ticks, each encoded once: the body of
 * {@code greeks.update.frames}, one event-bus message per feed frame instead of one per instrument.
 * Immutable; travels with {@link org.optionstream.common.codec.GreeksUpdateFramesCodec}, which encodes it
 * once however many members it is published to ({@link #wire}).
 */
public final class GreeksUpdateFrames {

  private final List<GreeksUpdateFrame> frames;
  private volatile byte[] wire;

  public GreeksUpdateFrames(List<GreeksUpdateFrame> frames) {
    this.frames = List.copyOf(frames);
  }

  public static GreeksUpdateFrames of(GreeksUpdateFrame... frames) {
    return new GreeksUpdateFrames(List.of(frames));
  }

  public List<GreeksUpdateFrame> frames() {
    return frames;
  }

  public int size() {
    return frames.size();
  }

  /**
   * The batch's wire form: made by {@code encoder} the first time it is asked for, then the same bytes for every
   * further member the batch goes to (a clustered publish encodes the body once per receiving member, possibly on
   * several threads at once; both would make equal bytes). Shared: never modify.
   */
  public byte[] wire(Function<GreeksUpdateFrames, byte[]> encoder) {
    byte[] bytes = wire;
    if (bytes == null) {
      bytes = encoder.apply(this);
      wire = bytes;
    }
    return bytes;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GreeksUpdateFrames other && frames.equals(other.frames);
  }

  @Override
  public int hashCode() {
    return frames.hashCode();
  }

  @Override
  public String toString() {
    return "GreeksUpdateFrames[" + frames.size() + " frames]";
  }
}
