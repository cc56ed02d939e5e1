package org.optionstream.allinone.replay;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.optionstream.allinone.FeedStages;
import org.optionstream.allinone.support.Await;
import org.optionstream.common.Addresses;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.config.Env;
import org.optionstream.common.json.GreeksUpdateFrame;
import org.optionstream.common.json.GreeksUpdateFrames;
import org.optionstream.common.launch.ProcessServices;
import org.optionstream.common.launch.StageLauncher;
import org.optionstream.common.tick.InstrumentKind;
import org.optionstream.common.tick.Tick;
import org.optionstream.common.tick.TickBatch;
import org.optionstream.greeks.GreeksMain;
import org.optionstream.pcr.PcrMain;

/**
 * The feed, one greeks instance and pcr in one Vertx, as {@code ./run.sh} runs them, with every
 * {@code greeks_update} kept per instrument in the order it was published, and every {@code pcr_update}.
 * {@link #drain()} stops the feed and waits until greeks has priced all it was sent (a marker tick sent after
 * the feed's last batch comes out of the same, in-order instance last), then asks pcr for its figures and waits
 * until each key's last {@code pcr_update} says them.
 */
final class PipelineRun implements AutoCloseable {

  static final String MARKER = "MARKER|drained";

  final Map<String, List<String>> greeks = new ConcurrentHashMap<>();
  final List<String> pcrUpdates = new java.util.concurrent.CopyOnWriteArrayList<>();
  final AtomicLong greeksCount = new AtomicLong();
  final List<JsonObject> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final AtomicBoolean drained = new AtomicBoolean();
  private final Vertx vertx;
  private final List<String> deployments;

  private PipelineRun(Vertx vertx, List<String> deployments) {
    this.vertx = vertx;
    this.deployments = deployments;
  }

  /** Greeks and pcr deployed, consumers registered, then the feed (and, with the simulator source, a simulator). */
  static PipelineRun start(Map<String, String> settings) {
    Env env = new Env(Map.of("CLUSTERED", "false", "MGMT_PORT", "-1", "GREEKS_INSTANCES", "1")).with(settings);
    Vertx vertx = Vertx.vertx();
    Codecs.register(vertx);
    ProcessServices process = ProcessServices.local(vertx);
    List<String> ids = new ArrayList<>(await(StageLauncher.deployAll(process, concat(GreeksMain.stages(env), PcrMain.stages(env)))));
    PipelineRun run = new PipelineRun(vertx, ids);
    vertx.eventBus().<GreeksUpdateFrames>consumer(Addresses.GREEKS_UPDATE_FRAMES, m -> {
      for (GreeksUpdateFrame f : m.body().frames()) {
        if (MARKER.equals(f.instrumentKey())) {
          run.drained.set(true);
        } else {
          run.greeks.computeIfAbsent(f.instrumentKey(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
              .add(new String(f.message(), StandardCharsets.UTF_8));
          run.greeksCount.incrementAndGet();
        }
      }
    });
    vertx.eventBus().<JsonObject>consumer(Addresses.PCR_UPDATE, m -> run.pcrUpdates.add(m.body().encode()));
    vertx.eventBus().<JsonObject>consumer(Addresses.FEED_STATUS, m -> run.statuses.add(m.body()));
    ids.addAll(await(StageLauncher.deployAll(process, FeedStages.of(env))));
    return run;
  }

  /** True once the feed said its replay reached the end. */
  boolean replayDone() {
    return statuses.stream().anyMatch(s -> s.getJsonObject("replay") != null && s.getJsonObject("replay").getBoolean("done"));
  }

  /** Stops the feed (the last deployment), waits until greeks priced all it was sent; pcr's figures then. */
  String drain() {
    await(vertx.undeploy(deployments.get(deployments.size() - 1)));
    Tick marker = Tick.newBuilder().setInstrumentKey(MARKER).setSymbol("NIFTY").setKind(InstrumentKind.CALL)
        .setStrike(1).setExpiryEpochDay(1).build();
    vertx.eventBus().send(Addresses.GREEKS_COMPUTE_BATCH, TickBatch.newBuilder().addTicks(marker).build());
    Await.until("greeks priced everything the feed sent", Duration.ofSeconds(60), drained::get);
    JsonObject snapshot = await(vertx.eventBus().<JsonObject>request(Addresses.PCR_SNAPSHOT, new JsonObject())).body();
    JsonArray figures = snapshot.getJsonArray("pcr");
    Await.until("every key's last pcr_update is its final figures", Duration.ofSeconds(30), () -> {
      Map<String, List<String>> byKey = pcrByKey();
      for (int i = 0; i < figures.size(); i++) {
        JsonObject last = figures.getJsonObject(i);
        List<String> stream = byKey.get(last.getString("symbol") + "|" + last.getString("expiry"));
        if (stream == null || !stream.get(stream.size() - 1).equals(last.encode())) {
          return false;
        }
      }
      return true;
    });
    return figures.encode();
  }

  /** Each underlying+expiry's pcr_update messages in the order they were published, by {@code SYMBOL|expiry}. */
  Map<String, List<String>> pcrByKey() {
    Map<String, List<String>> byKey = new TreeMap<>();
    for (String update : pcrUpdates) {
      JsonObject data = new JsonObject(update);
      byKey.computeIfAbsent(data.getString("symbol") + "|" + data.getString("expiry"), k -> new ArrayList<>()).add(update);
    }
    return byKey;
  }

  /** Each instrument's greeks_update messages, by instrument key. */
  Map<String, List<String>> greeksByInstrument() {
    return new TreeMap<>(greeks);
  }

  @Override
  public void close() {
    await(vertx.close());
  }

  private static List<StageLauncher.Stage> concat(List<StageLauncher.Stage> a, List<StageLauncher.Stage> b) {
    List<StageLauncher.Stage> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
