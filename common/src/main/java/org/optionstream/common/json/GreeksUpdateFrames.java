package org.optionstream.common.json;

import java.util.List;

/**
 * The greeks updates made from one batch of ticks, each encoded once: the body of
 * {@code greeks.update.frames}, one event-bus message per feed frame instead of one per instrument.
 * Immutable; travels with {@link org.optionstream.common.codec.GreeksUpdateFramesCodec}.
 */
public record GreeksUpdateFrames(List<GreeksUpdateFrame> frames) {

  public GreeksUpdateFrames {
    frames = List.copyOf(frames);
  }

  public static GreeksUpdateFrames of(GreeksUpdateFrame... frames) {
    return new GreeksUpdateFrames(List.of(frames));
  }

  public int size() {
    return frames.size();
  }
}
