package org.optionstream.allinone.support;

import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import org.optionstream.common.config.Env;
import org.optionstream.feed.sim.SimulatorConfig;
import org.optionstream.feed.sim.UpstoxSimulator;

/**
 * The Upstox simulator alone in a JVM ({@link StageProcess}), configured from the environment
 * ({@code SIM_PORT} and the other {@code SIM_*} variables); prints {@code simulator listening} when it
 * accepts connections and runs until the process is stopped.
 */
public final class SimulatorProcessMain {

  private SimulatorProcessMain() {
  }

  public static void main(String[] args) throws Exception {
    Vertx vertx = Vertx.vertx();
    UpstoxSimulator simulator = new UpstoxSimulator(SimulatorConfig.from(new Env(System.getenv())));
    vertx.deployVerticle(simulator).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    System.out.println("simulator listening at " + simulator.baseUrl());
  }
}
