package org.optionstream.gateway;

/**
 * Event-bus addresses that exist only between a gateway and its browsers (never on the cluster):
 * the SockJS bridge serves them from the gateway's own caches.
 */
public final class GatewayAddresses {

  /**
   * Outbound only: cluster membership as this gateway sees it,
   * {@code {"clustered","members","nodeIds","self","changedAtMs"}}.
   */
  public static final String CLUSTER_STATUS = "gateway.cluster";

  private GatewayAddresses() {
  }
}
