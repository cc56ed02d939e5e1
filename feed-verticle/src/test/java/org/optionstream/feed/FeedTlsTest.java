package org.optionstream.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SelfSignedCertificate;
import io.vertx.junit5.VertxExtension;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.optionstream.common.codec.Codecs;
import org.optionstream.common.json.FeedState;

/** Live mode verifies TLS: an API endpoint with an untrusted certificate never sees the token. */
@ExtendWith(VertxExtension.class)
class FeedTlsTest {

  private FeedTestSupport t;

  @BeforeEach
  void setUp(Vertx vertx) {
    Codecs.register(vertx);
    t = new FeedTestSupport(vertx);
    t.startSimulator(Map.of());
  }

  @Test
  void untrustedCertificateIsRefusedAndRetried() {
    SelfSignedCertificate cert = SelfSignedCertificate.create("127.0.0.1");
    AtomicInteger requests = new AtomicInteger();
    HttpServer tls = FeedTestSupport.await(t.vertx.createHttpServer(new HttpServerOptions()
            .setSsl(true).setKeyCertOptions(cert.keyCertOptions()).setHost("127.0.0.1").setPort(0))
        .requestHandler(r -> {
          requests.incrementAndGet();
          r.response().end("{}");
        })
        .listen());
    t.startFeed(t.liveConfig(Map.of("UPSTOX_API_URL", "https://127.0.0.1:" + tls.actualPort())));
    t.until("two failed attempts", 15_000, () -> t.statuses.stream()
        .filter(s -> s.state() == FeedState.RECONNECTING && s.reason().startsWith("connect failed")).count() >= 2);
    assertThat(requests).as("no request (and no token) got past the TLS handshake").hasValue(0);
    assertThat(t.sawState(FeedState.LIVE)).isFalse();
  }
}
