package org.optionstream.history.store;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.optionstream.history.ingest.WriteFailures;

/**
 * A QuestDB server: rows go over HTTP (line protocol, spooled on disk while the server is away), reads
 * over the PostgreSQL wire protocol.
 */
public final class ServerStore implements HistoryStore {

  private final String url;
  private final Spool spool;
  private final ServerSink sink;
  private final PgReader reader;

  /**
   * @param url        the server's HTTP address ({@code http://host:9000}); its host also serves the
   *                   PostgreSQL wire protocol on {@code pgPort}
   * @param spoolDir   where batches wait while the server is away
   * @param spoolBytes the spool's bound
   */
  public ServerStore(Vertx vertx, String url, int pgPort, String user, String password, Path spoolDir,
      long spoolBytes, long retryMs, WriteFailures failures, Clock clock) throws Exception {
    this.url = url;
    this.spool = new Spool(spoolDir, spoolBytes);
    QuestDbHttp http = new QuestDbHttp(url, user, password, Duration.ofSeconds(10));
    this.sink = new ServerSink(http, spool, failures, clock, retryMs);
    sink.open();
    URI uri = URI.create(url);
    this.reader = new PgReader(vertx, new PgConnectOptions().setHost(uri.getHost()).setPort(pgPort)
        .setDatabase("qdb").setUser(user == null ? "admin" : user).setPassword(password == null ? "quest" : password), 4);
  }

  @Override
  public HistorySink sink() {
    return sink;
  }

  @Override
  public SqlReader reader() {
    return reader;
  }

  @Override
  public JsonObject describe() {
    return new JsonObject().put("mode", "server").put("url", url).put("serverUp", sink.serverUp())
        .put("spooledRows", spool.rows()).put("spooledBytes", spool.bytes()).put("spoolDroppedRows", spool.droppedRows());
  }

  @Override
  public void close() {
    reader.close();
  }
}
