package org.optionstream.alerts.engine;

import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import org.optionstream.alerts.rule.MessageNumbers;
import org.optionstream.alerts.rule.Operator;
import org.optionstream.alerts.rule.Rule;
import org.optionstream.alerts.rule.SourceKind;
import org.optionstream.alerts.rule.Subject;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;

/**
 * Every rule of the cluster, indexed by the source it watches (an instrument key, a chain of one address,
 * an index), so a message touches only the rules that watch its source. Every member knows every rule and
 * keeps each watched source's latest data, but evaluates only the rules of the partitions it owns
 * ({@link #takeOver}); a member taking a partition over evaluates its rules at once against that latest
 * data, starting from the state the previous owner saved.
 *
 * <p>Not thread-safe: one event loop calls it.
 */
public final class RuleEngine {

  /** What the engine tells its owner. */
  public interface Listener {
    /** A rule's state changed in a way a member taking over must know (it armed or disarmed). */
    void stateChanged(Active rule);

    /** A rule fired on {@code value}, the message's exchange time {@code exchangeTimeMs}. */
    void fired(Active rule, double value, long exchangeTimeMs);
  }

  /** One rule as the engine runs it. */
  public static final class Active {
    private final Rule rule;
    private final int partition;
    private RuleState state = new RuleState();
    private ChangeWindow window;
    private String source;
    private boolean owned;

    Active(Rule rule, int partition) {
      this.rule = rule;
      this.partition = partition;
      this.window = rule.op() == Operator.CHANGES_BY ? new ChangeWindow(rule.windowSeconds()) : null;
    }

    public Rule rule() {
      return rule;
    }

    public RuleState state() {
      return state;
    }

    /** The source it watches now; null while its instrument or chain is not known yet. */
    public String source() {
      return source;
    }

    public int partition() {
      return partition;
    }

    public boolean owned() {
      return owned;
    }
  }

  private final int partitions;
  private final Evaluator evaluator;
  private final LongSupplier clockMs;
  private final Listener listener;
  private final Directory directory = new Directory();
  private final Map<String, Active> rules = new HashMap<>();
  private final Map<String, List<Active>> bySource = new HashMap<>();
  private final Map<String, List<Active>> followingBySymbol = new HashMap<>();
  private final Map<String, MessageNumbers> latest = new HashMap<>();
  private final Map<String, Long> latestTimeMs = new HashMap<>();
  private final Map<String, String> indexSources = new HashMap<>();
  private final Set<Integer> owned = new HashSet<>();
  /** How many rules read each field of greeks updates; its key set, copied, is what a scan converts. */
  private final Map<String, Integer> updateFieldUse = new HashMap<>();
  private Set<String> updateFields = Set.of();
  private long evaluations;
  private long malformed;

  /**
   * @param partitions  how many partitions rules are spread over (every member must agree)
   * @param clockMs     wall clock, epoch ms (cooldowns and change windows)
   */
  public RuleEngine(int partitions, Evaluator evaluator, LongSupplier clockMs, Listener listener) {
    this.partitions = partitions;
    this.evaluator = evaluator;
    this.clockMs = clockMs;
    this.listener = listener;
  }

  /** The partition of a rule id. */
  public int partitionOf(String ruleId) {
    return Math.floorMod(ruleId.hashCode(), partitions);
  }

  public int size() {
    return rules.size();
  }

  /** Greeks updates whose message could not be read, since start (each skipped). */
  public long malformedUpdates() {
    return malformed;
  }

  /** Values evaluated against owned rules since start. */
  public long evaluations() {
    return evaluations;
  }

  public Active get(String id) {
    return rules.get(id);
  }

  public Collection<Active> all() {
    return rules.values();
  }

  /** Adds (or replaces) a rule; evaluated at once when its partition is owned and its source has data. */
  public void add(Rule rule) {
    remove(rule.id());
    Active active = new Active(rule, partitionOf(rule.id()));
    rules.put(rule.id(), active);
    countUpdateField(rule, 1);
    if (rule.subject().follows() || rule.subject().kind() == SourceKind.INSTRUMENT && rule.subject().instrumentKey() == null) {
      followingBySymbol.computeIfAbsent(rule.subject().symbol(), s -> new ArrayList<>()).add(active);
    }
    resolve(active);
    if (owned.contains(active.partition)) {
      active.owned = true;
      evaluateLatest(active);
    }
  }

  public Active remove(String id) {
    Active active = rules.remove(id);
    if (active == null) {
      return null;
    }
    unindex(active);
    countUpdateField(active.rule, -1);
    List<Active> following = followingBySymbol.get(active.rule.subject().symbol());
    if (following != null) {
      following.remove(active);
    }
    return active;
  }

  private void countUpdateField(Rule rule, int change) {
    if (rule.metric().source() != SourceKind.INSTRUMENT) {
      return;
    }
    updateFieldUse.merge(rule.metric().field(), change, (a, b) -> a + b == 0 ? null : a + b);
    updateFields = Set.copyOf(updateFieldUse.keySet());
  }

  /** Whether any rule watches {@code source} (an instrument key, for instance): a cheap check before parsing. */
  public boolean watches(String source) {
    return bySource.containsKey(source);
  }

  /**
   * A batch of greeks updates: each one some rule watches is read (only the numbers rules read, straight from the
   * encoded message) and evaluated; the others are not even parsed. An update that cannot be read is skipped and counted
   * ({@link #malformedUpdates()}); the returned text says why for the first such update of the batch, else null.
   */
  public String onGreeks(GreeksUpdateFrames frames) {
    String problem = null;
    List<GreeksUpdateFrame> list = frames.frames();
    for (int i = 0; i < list.size(); i++) {
      GreeksUpdateFrame frame = list.get(i);
      if (watches(frame.instrumentKey())) {
        MessageNumbers numbers;
        try {
          numbers = ScannedNumbers.scan(frame.message(), frame.dataOffset(), frame.dataLength(), updateFields);
        } catch (IllegalArgumentException e) {
          malformed++;
          problem = problem == null ? frame.instrumentKey() + ": " + e.getMessage() : problem;
          continue;
        }
        onData(frame.instrumentKey(), numbers, frame.exchangeTimeMs());
      }
    }
    return problem;
  }

  /** New data for a source: kept as its latest, and evaluated by the owned rules watching it. */
  public void onData(String source, MessageNumbers data, long exchangeTimeMs) {
    List<Active> watching = bySource.get(source);
    if (watching == null) {
      return;
    }
    latest.put(source, data);
    latestTimeMs.put(source, exchangeTimeMs);
    long now = clockMs.getAsLong();
    for (int i = 0; i < watching.size(); i++) {
      Active active = watching.get(i);
      if (active.owned) {
        evaluate(active, data, exchangeTimeMs, now);
      }
    }
  }

  /** A chain message of {@code address}: learns its expiry, then evaluates the rules watching that chain. */
  public void onChain(String address, JsonObject data) {
    String symbol = data.getString("symbol");
    String expiry = data.getString("expiry");
    directory.noteExpiry(symbol, expiry);
    afterBatch();
    onData(chainSource(address, symbol, expiry), MessageNumbers.of(data), data.getLong("exchangeTimeMs", 0L));
  }

  /** A tick: learns contracts and ATM strikes; an index tick is the index level's data. */
  public void onTick(Tick tick) {
    if (tick.getKind() == InstrumentKind.INDEX) {
      String source = indexSources.computeIfAbsent(tick.getSymbol(), RuleEngine::indexSource);
      if (watches(source) && tick.getLastPrice() > 0) {
        onData(source, MessageNumbers.of(new JsonObject().put("level", tick.getLastPrice())), tick.getExchangeTimeMs());
      }
      return;
    }
    directory.onTick(tick);
  }

  /** Re-resolves the rules that follow a symbol whose ATM strike, expiries or contracts changed. */
  public void afterBatch() {
    for (String symbol : directory.drainChanged()) {
      List<Active> following = followingBySymbol.get(symbol);
      if (following != null) {
        for (Active active : List.copyOf(following)) {
          String before = active.source;
          resolve(active);
          if (active.owned && active.source != null && !active.source.equals(before)) {
            evaluateLatest(active);
          }
        }
      }
    }
  }

  /**
   * This member now owns {@code partition}: its rules start from {@code saved} (rule id → state saved by the
   * previous owner; a missing one starts afresh) and are evaluated at once against the latest data.
   */
  public void takeOver(int partition, Map<String, RuleState> saved) {
    owned.add(partition);
    for (Active active : rules.values()) {
      if (active.partition == partition) {
        RuleState state = saved.get(active.rule.id());
        active.state = state == null ? new RuleState() : state;
        active.owned = true;
        evaluateLatest(active);
      }
    }
  }

  /** This member no longer owns {@code partition}. */
  public void release(int partition) {
    owned.remove(partition);
    for (Active active : rules.values()) {
      if (active.partition == partition) {
        active.owned = false;
      }
    }
  }

  public Set<Integer> ownedPartitions() {
    return Set.copyOf(owned);
  }

  /** The ids of the rules of one partition. */
  public List<String> idsOf(int partition) {
    List<String> ids = new ArrayList<>();
    rules.values().forEach(a -> {
      if (a.partition == partition) {
        ids.add(a.rule.id());
      }
    });
    return ids;
  }

  private void evaluateLatest(Active active) {
    MessageNumbers data = active.source == null ? null : latest.get(active.source);
    if (data != null) {
      evaluate(active, data, latestTimeMs.getOrDefault(active.source, 0L), clockMs.getAsLong());
    }
  }

  private void evaluate(Active active, MessageNumbers data, long exchangeTimeMs, long now) {
    if (active.state.source != null && !active.state.source.equals(active.source)) {
      // the rule follows a new instrument or chain: its old side of the threshold means nothing here
      active.state.armed = null;
      if (active.window != null) {
        active.window.reset();
      }
    }
    active.state.source = active.source;
    double value = active.rule.metric().read(data);
    evaluations++;
    switch (evaluator.evaluate(active.rule, active.state, active.window, value, now)) {
      case FIRED -> listener.fired(active, value, exchangeTimeMs);
      case STATE_CHANGED -> listener.stateChanged(active);
      default -> {
      }
    }
  }

  private void resolve(Active active) {
    String source = sourceOf(active.rule);
    if (source != null && source.equals(active.source)) {
      return;
    }
    unindex(active);
    active.source = source;
    if (source != null) {
      bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(active);
    }
  }

  private void unindex(Active active) {
    if (active.source == null) {
      return;
    }
    List<Active> list = bySource.get(active.source);
    if (list != null) {
      list.remove(active);
      if (list.isEmpty()) {
        bySource.remove(active.source);
        latest.remove(active.source);
        latestTimeMs.remove(active.source);
      }
    }
  }

  /** The source a rule watches now, or null while the directory cannot tell. */
  private String sourceOf(Rule rule) {
    Subject s = rule.subject();
    switch (s.kind()) {
      case INDEX -> {
        return indexSource(s.symbol());
      }
      case CHAIN -> {
        String expiry = expiryOf(s);
        return expiry == null ? null : chainSource(rule.metric().address(), s.symbol(), expiry);
      }
      default -> {
        if (s.instrumentKey() != null) {
          return s.instrumentKey();
        }
        String expiry = expiryOf(s);
        if (expiry == null) {
          return null;
        }
        double strike = s.atm() ? directory.atm(s.symbol(), expiry) : s.strike();
        return Double.isNaN(strike) ? null : directory.key(s.symbol(), expiry, strike, s.type());
      }
    }
  }

  private String expiryOf(Subject s) {
    return Subject.NEAREST.equals(s.expiry()) ? directory.nearest(s.symbol()) : s.expiry();
  }

  static String chainSource(String address, String symbol, String expiry) {
    return address + "|" + symbol + "|" + expiry;
  }

  static String indexSource(String symbol) {
    return "index|" + symbol;
  }
}
