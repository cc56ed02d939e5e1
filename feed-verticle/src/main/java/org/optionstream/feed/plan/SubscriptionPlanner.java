package org.optionstream.feed.plan;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.optionstream.common.pricing.ExpiryClock;
import org.optionstream.feed.forward.ForwardEstimator;
import org.optionstream.feed.instruments.ExpiryChain;
import org.optionstream.feed.instruments.InstrumentMaster;
import org.optionstream.feed.instruments.OptionContract;
import org.optionstream.feed.instruments.Underlying;

/**
 * Decides which keys the socket carries (centred on the at-the-money strike): the index key of every tracked
 * underlying in {@code ltpc} (its price), the ATM CE and PE of every tracked expiry in {@code full},
 * and every listed strike within the underlying's window of ATM ({@link StrikeWindows}: strikes or index
 * points each side) in {@code option_greeks} (it carries open interest; {@code ltpc} does not).
 *
 * <p>An expiry's ATM is the listed strike nearest its carry forward F = S·e^{rT} (S the index, r the
 * {@code carryRate}, T years to expiry by {@link ExpiryClock} at the index price's time): a far expiry's
 * smile is centred on F, not on S, and at 10 % a year a three-month forward lies more than ten BANKNIFTY
 * strikes above the index, outside a window centred on S. With {@code carryRate} 0 the ATM is the strike
 * nearest the index.
 *
 * <p>Re-centring has hysteresis: the ATM of an expiry moves only once its forward is at least
 * {@code recentreSteps} strike steps away from it (1.0 = past the next strike), and then to the
 * listed strike nearest the forward, so an index hovering around a mid-point does not flap.
 * Not thread-safe: used on the feed's event loop.
 */
public final class SubscriptionPlanner {

  /** An underlying's last index price (points) and when it held (epoch ms); updated in place on every index tick. */
  private static final class LastSpot {
    double price;
    long atMillis;
  }

  /** One tracked underlying + expiry. */
  public record Tracked(Underlying underlying, ExpiryChain chain) {
  }

  private final InstrumentMaster master;
  private final StrikeWindows windows;
  private final double recentreSteps;
  private final int maxConnections;
  private final double carryRate;
  private final Map<String, Set<Integer>> tracked = new LinkedHashMap<>();
  private final Map<String, LastSpot> spots = new HashMap<>();
  private final Map<String, Double> atms = new HashMap<>();
  private SubscriptionPlan current = SubscriptionPlan.EMPTY;

  /**
   * A planner whose keys must fit on one connection, with a window of {@code windowPoints} index points
   * centred on the strike nearest the index (no carry).
   *
   * @param windowPoints  half-width of the option_greeks window, index points
   * @param recentreSteps distance from ATM, in strike steps, that triggers a re-centre (at least 0.5)
   */
  public SubscriptionPlanner(InstrumentMaster master, double windowPoints, double recentreSteps) {
    this(master, StrikeWindows.all(StrikeWindow.points(windowPoints)), recentreSteps, 1, 0);
  }

  /**
   * @param windows        each underlying's option_greeks window
   * @param maxConnections how many connections the keys may be spread over ({@code UPSTOX_MAX_CONNECTIONS})
   * @param carryRate      rate of the carry forward each expiry is centred on, continuously compounded fraction
   *                       per year (0: centred on the index)
   */
  public SubscriptionPlanner(InstrumentMaster master, StrikeWindows windows, double recentreSteps, int maxConnections,
                             double carryRate) {
    this.master = master;
    this.windows = windows;
    this.recentreSteps = recentreSteps;
    this.maxConnections = maxConnections;
    this.carryRate = carryRate;
  }

  /**
   * Tracks {@code symbol} at the given expiry ({@code expiryIso} {@code yyyy-MM-dd}, or null for the
   * nearest listed one).
   *
   * @throws IllegalArgumentException with a sentence a caller can show: unknown symbol, unlisted
   *                                  expiry, or a plan that would exceed Upstox's key limits
   */
  public Tracked track(String symbol, String expiryIso) {
    Underlying u = master.underlying(symbol);
    if (u == null) {
      throw new IllegalArgumentException("unknown symbol '" + symbol + "'; symbols with listed options: "
          + abbreviated(master.symbols()));
    }
    if (u.chains().isEmpty()) {
      throw new IllegalArgumentException(u.symbol() + " has no unexpired option contracts in the master file");
    }
    ExpiryChain chain;
    if (expiryIso == null || expiryIso.isBlank()) {
      chain = u.chains().firstEntry().getValue();
    } else {
      int day;
      try {
        day = (int) LocalDate.parse(expiryIso.trim()).toEpochDay();
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("expiry must be an ISO date (yyyy-MM-dd), got '" + expiryIso + "'");
      }
      chain = u.chains().get(day);
      if (chain == null) {
        List<String> listed = u.chains().keySet().stream().map(d -> LocalDate.ofEpochDay(d).toString()).toList();
        throw new IllegalArgumentException(u.symbol() + " has no contracts expiring " + expiryIso.trim()
            + "; listed expiries: " + abbreviated(listed));
      }
    }
    Set<Integer> expiries = tracked.get(u.symbol());
    if (expiries != null && expiries.contains(chain.expiryEpochDay())) {
      return new Tracked(u, chain);
    }
    Map<Mode, Integer> worst = worstCaseCounts(u.symbol(), chain);
    int needed = KeyLimits.connectionsNeeded(worst);
    if (needed > maxConnections) {
      String perConnection = KeyLimits.violation(worst);
      throw new IllegalArgumentException("tracking " + u.symbol() + " " + LocalDate.ofEpochDay(chain.expiryEpochDay())
          + " with a " + windows.of(u.symbol()) + " window would need too many keys: " + describe(worst) + " need "
          + needed + " connections but"
          + " UPSTOX_MAX_CONNECTIONS allows " + maxConnections + (perConnection == null ? "" : " (" + perConnection + ")"));
    }
    tracked.computeIfAbsent(u.symbol(), s -> new TreeSet<>()).add(chain.expiryEpochDay());
    LastSpot spot = spots.get(u.symbol());
    if (spot != null) {
      atms.put(windowKey(u.symbol(), chain.expiryEpochDay()),
          chain.nearestStrike(forward(spot.price, spot.atMillis, chain.expiryEpochDay())));
    }
    rebuild();
    return new Tracked(u, chain);
  }

  /** Tracks the {@code count} nearest expiries of {@code symbol}. */
  public List<Tracked> trackNearest(String symbol, int count) {
    Underlying u = master.underlying(symbol);
    if (u == null) {
      return List.of(track(symbol, null));
    }
    List<Tracked> result = new ArrayList<>();
    for (int day : u.chains().keySet().stream().limit(count).toList()) {
      result.add(track(symbol, LocalDate.ofEpochDay(day).toString()));
    }
    return result;
  }

  /**
   * Records the index price of {@code symbol} and re-centres its expiries if their forwards moved far enough.
   *
   * @param atMillis when the price held (exchange or receipt time, epoch ms): the forward's time to expiry
   * @return true when the plan changed
   */
  public boolean onSpot(String symbol, double indexPrice, long atMillis) {
    if (!(indexPrice > 0) || Double.isInfinite(indexPrice)) {
      return false;
    }
    LastSpot last = spots.computeIfAbsent(symbol, s -> new LastSpot());
    last.price = indexPrice;
    last.atMillis = atMillis;
    Set<Integer> expiries = tracked.get(symbol);
    if (expiries == null) {
      return false;
    }
    Underlying u = master.underlying(symbol);
    boolean changed = false;
    for (int day : expiries) {
      ExpiryChain chain = u.chains().get(day);
      String wk = windowKey(symbol, day);
      Double atm = atms.get(wk);
      double step = Double.isNaN(chain.strikeStep()) ? 0 : chain.strikeStep();
      double forward = forward(indexPrice, atMillis, day);
      if (atm == null || Math.abs(forward - atm) >= recentreSteps * step) {
        double next = chain.nearestStrike(forward);
        if (atm == null || next != atm) {
          atms.put(wk, next);
          changed = true;
        }
      }
    }
    if (changed) {
      rebuild();
    }
    return changed;
  }

  /** The carry forward S·e^{rT} of an expiry, index points; S itself once expired or without carry. */
  private double forward(double indexPrice, long atMillis, int expiryEpochDay) {
    if (carryRate == 0) {
      return indexPrice;
    }
    return ForwardEstimator.spotCarry(indexPrice, carryRate,
        ExpiryClock.yearsToExpiry(atMillis, ExpiryClock.expiryInstantMillis(expiryEpochDay)));
  }

  /** The plan for the current index prices and tracked expiries. */
  public SubscriptionPlan current() {
    return current;
  }

  /** The last index price seen for {@code symbol}, or NaN. */
  public double spot(String symbol) {
    LastSpot last = spots.get(symbol);
    return last == null ? Double.NaN : last.price;
  }

  /** Everything tracked, in the order it was added. */
  public List<Tracked> tracked() {
    List<Tracked> all = new ArrayList<>();
    tracked.forEach((symbol, days) -> {
      Underlying u = master.underlying(symbol);
      days.forEach(d -> all.add(new Tracked(u, u.chains().get(d))));
    });
    return all;
  }

  private void rebuild() {
    Map<String, Mode> keys = new LinkedHashMap<>();
    List<ExpiryWindow> windows = new ArrayList<>();
    tracked.forEach((symbol, days) -> {
      Underlying u = master.underlying(symbol);
      keys.put(u.indexKey(), Mode.LTPC);
      for (int day : days) {
        ExpiryChain chain = u.chains().get(day);
        Double atm = atms.get(windowKey(symbol, day));
        if (atm == null || Double.isNaN(atm)) {
          windows.add(new ExpiryWindow(symbol, day, Double.NaN, Double.NaN, Double.NaN, chain.strikeStep(), chain.lotSize()));
          continue;
        }
        double half = halfWidth(symbol, chain);
        List<Double> strikes = chain.strikesBetween(atm - half, atm + half);
        for (double k : strikes) {
          Mode mode = k == atm ? Mode.FULL : Mode.OPTION_GREEKS;
          for (boolean call : new boolean[] {true, false}) {
            OptionContract c = chain.contract(k, call);
            if (c != null) {
              keys.put(c.instrumentKey(), mode);
            }
          }
        }
        windows.add(new ExpiryWindow(symbol, day, atm, strikes.isEmpty() ? atm : strikes.get(0),
            strikes.isEmpty() ? atm : strikes.get(strikes.size() - 1), chain.strikeStep(), chain.lotSize()));
      }
    });
    current = new SubscriptionPlan(keys, windows);
  }

  /** Key counts of the current plan plus the widest window {@code chain} could ever need. */
  private Map<Mode, Integer> worstCaseCounts(String symbol, ExpiryChain chain) {
    Map<Mode, Integer> counts = new EnumMap<>(Mode.class);
    counts.putAll(current.countsByMode());
    if (!tracked.containsKey(symbol)) {
      counts.merge(Mode.LTPC, 1, Integer::sum);
    }
    int widest = 0;
    double half = halfWidth(symbol, chain);
    for (double k : chain.strikesBetween(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)) {
      widest = Math.max(widest, chain.strikesBetween(k - half, k + half).size());
    }
    counts.merge(Mode.FULL, 2, Integer::sum);
    counts.merge(Mode.OPTION_GREEKS, Math.max(0, 2 * widest - 2), Integer::sum);
    // tracked expiries whose window is not centred yet count at their widest too
    for (ExpiryWindow w : current.windows()) {
      if (!w.centred()) {
        ExpiryChain other = master.underlying(w.symbol()).chains().get(w.expiryEpochDay());
        int n = Math.min(other.strikeCount(),
            (int) Math.floor(2 * halfWidth(w.symbol(), other) / Math.max(other.strikeStep(), 1e-9) + 1e-6) + 1);
        counts.merge(Mode.FULL, 2, Integer::sum);
        counts.merge(Mode.OPTION_GREEKS, Math.max(0, 2 * n - 2), Integer::sum);
      }
    }
    return counts;
  }

  /** The window's half-width for {@code chain}, index points, a hair wider so a whole number of strikes is inclusive. */
  private double halfWidth(String symbol, ExpiryChain chain) {
    double half = windows.of(symbol).halfWidthPoints(chain.strikeStep());
    return half + 1e-6 * Math.max(1, half);
  }

  private static String describe(Map<Mode, Integer> counts) {
    StringBuilder sb = new StringBuilder();
    counts.forEach((mode, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(mode.wire()).append(' ').append(n));
    return sb.toString();
  }

  private static String windowKey(String symbol, int expiryDay) {
    return symbol + '|' + expiryDay;
  }

  private static String abbreviated(List<String> items) {
    return items.size() <= 20 ? String.join(", ", items)
        : String.join(", ", items.subList(0, 20)) + " … (" + items.size() + " in all)";
  }
}
