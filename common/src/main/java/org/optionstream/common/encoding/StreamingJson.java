package org.optionstream.common.encoding;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;

/**
 * The Jackson factory for streaming reads of the messages this project encodes (a stage reading
 * {@code greeks.update.frames} bytes without building a tree). Doubles are converted with Jackson's fast
 * parser: {@link ShortestDecimal} writes up to 17 significant digits, and the JDK's {@code Double.parseDouble}
 * takes its slow big-integer path on many of those; the fast parser gives the same, correctly rounded, value.
 * Thread-safe; parsers made from it are not.
 */
public final class StreamingJson {

  /** Shared by every reader in the process. */
  public static final JsonFactory FACTORY = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  private StreamingJson() {
  }
}
