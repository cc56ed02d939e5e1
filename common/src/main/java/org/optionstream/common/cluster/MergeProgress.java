package org.optionstream.common.cluster;

/**
 * Whether this member still counts as merging back into the cluster after a split. Hazelcast reports
 * {@code MERGING} when the member starts to rejoin and {@code MERGED} when it has also merged its data into the
 * cluster. The data part can hang: seen when two members rejoined at once, one's merge operation aimed at the
 * other's old identity and was retried for two minutes, while the member itself had been back in the cluster,
 * seeing every other member, since the first second. So the merge counts only until {@code MERGED} (or
 * {@code MERGE_FAILED}), or until {@link #REJOINED_GRACE_MS} after the member first sees another member again,
 * whichever comes first. A merge that completes normally takes about a second.
 *
 * <p>Thread-safe: Hazelcast's event threads write it, readiness checks read it.
 */
final class MergeProgress {

  /** How long after rejoining a member may still count as merging, ms. */
  static final long REJOINED_GRACE_MS = 5_000;

  private boolean merging;
  private long rejoinedAtMs = -1;

  /** Hazelcast reported {@code MERGING}. */
  synchronized void started() {
    merging = true;
    rejoinedAtMs = -1;
  }

  /** Hazelcast reported {@code MERGED} or {@code MERGE_FAILED}. */
  synchronized void finished() {
    merging = false;
  }

  /**
   * The member sees {@code count} members (itself included) at {@code nowMs}; returns true when this is its
   * rejoining (the first time another member is seen since the merge started).
   */
  synchronized boolean members(int count, long nowMs) {
    if (merging && rejoinedAtMs < 0 && count > 1) {
      rejoinedAtMs = nowMs;
      return true;
    }
    return false;
  }

  /** Whether the member counts as merging at {@code nowMs}. */
  synchronized boolean merging(long nowMs) {
    return merging && (rejoinedAtMs < 0 || nowMs - rejoinedAtMs < REJOINED_GRACE_MS);
  }
}
