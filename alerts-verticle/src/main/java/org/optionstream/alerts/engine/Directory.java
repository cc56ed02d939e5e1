package org.optionstream.alerts.engine;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;

/**
 * What the ticks say about the instruments: each option's contract (symbol, expiry, strike, type), each
 * chain's current ATM strike and each underlying's listed expiries; so a rule given by contract, by
 * {@code nearest} expiry or by the {@code atm} strike finds its instrument key, and finds the new one when
 * the feed re-centres. Symbols whose answers may have changed are collected until {@link #drainChanged()}.
 */
public final class Directory {

  private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

  /** One option as the ticks describe it. */
  private record Contract(String symbol, String expiry, String chainKey) {
  }

  private final Map<String, Contract> contracts = new HashMap<>();
  private final Map<String, String> keysByContract = new HashMap<>();
  private final Map<String, Double> atmByChain = new HashMap<>();
  private final Map<String, TreeSet<String>> expiries = new HashMap<>();
  private final Set<String> changed = new HashSet<>();

  /** Learns from one tick (options only; cheap for an instrument already known and an unmoved ATM). */
  public void onTick(Tick tick) {
    InstrumentKind kind = tick.getKind();
    if (kind != InstrumentKind.CALL && kind != InstrumentKind.PUT) {
      return;
    }
    Contract contract = contracts.get(tick.getInstrumentKey());
    if (contract == null) {
      String expiry = LocalDate.ofEpochDay(tick.getExpiryEpochDay()).toString();
      contract = new Contract(tick.getSymbol(), expiry, tick.getSymbol() + "|" + expiry);
      contracts.put(tick.getInstrumentKey(), contract);
      keysByContract.put(contractId(tick.getSymbol(), expiry, tick.getStrike(), kind == InstrumentKind.CALL ? "CE" : "PE"),
          tick.getInstrumentKey());
      noteExpiry(tick.getSymbol(), expiry);
      changed.add(tick.getSymbol());
    }
    double atm = tick.getAtmStrike();
    if (atm > 0) {
      Double known = atmByChain.get(contract.chainKey);
      if (known == null || known != atm) {
        atmByChain.put(contract.chainKey, atm);
        changed.add(contract.symbol);
      }
    }
  }

  /** Learns that {@code symbol} lists {@code expiry} (ISO date), e.g. from a chain message. */
  public void noteExpiry(String symbol, String expiry) {
    if (symbol != null && expiry != null && expiries.computeIfAbsent(symbol, s -> new TreeSet<>()).add(expiry)) {
      changed.add(symbol);
    }
  }

  /** The nearest expiry of {@code symbol} not before today (IST), or null. */
  public String nearest(String symbol) {
    TreeSet<String> listed = expiries.get(symbol);
    return listed == null ? null : listed.ceiling(LocalDate.now(IST).toString());
  }

  /** The ATM strike of a chain, NaN when unknown. */
  public double atm(String symbol, String expiry) {
    Double atm = atmByChain.get(symbol + "|" + expiry);
    return atm == null ? Double.NaN : atm;
  }

  /** The instrument key of a contract, or null. */
  public String key(String symbol, String expiry, double strike, String type) {
    return keysByContract.get(contractId(symbol, expiry, strike, type));
  }

  /** The symbols whose contracts, ATM strikes or expiries changed since the last call. */
  public Set<String> drainChanged() {
    if (changed.isEmpty()) {
      return Set.of();
    }
    Set<String> drained = Set.copyOf(changed);
    changed.clear();
    return drained;
  }

  private static String contractId(String symbol, String expiry, double strike, String type) {
    return symbol + "|" + expiry + "|" + strike + "|" + type;
  }
}
