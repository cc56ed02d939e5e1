package org.optionstream.alerts.rule;

/** What a metric is a figure of, and so which messages carry it. */
public enum SourceKind {
  /** one option: {@code greeks_update} data on {@code greeks.update.frames}. */
  INSTRUMENT,
  /** one underlying+expiry: a chain message such as {@code pcr_update}. */
  CHAIN,
  /** the underlying index's level: the index ticks of {@code market.ticks.batch}. */
  INDEX
}
