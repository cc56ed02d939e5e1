package org.optionstream.common.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MergeProgressTest {

  private static final long T0 = 1_796_000_000_000L;

  @Test
  void aMergeCountsUntilHazelcastSaysItIsDone() {
    MergeProgress merge = new MergeProgress();
    assertThat(merge.merging(T0)).isFalse();
    merge.started();
    assertThat(merge.merging(T0)).isTrue();
    merge.finished();
    assertThat(merge.merging(T0)).isFalse();
  }

  @Test
  void aMergeWhoseDataPartHangsCountsOnlyForTheGraceAfterTheMemberRejoined() {
    MergeProgress merge = new MergeProgress();
    merge.started();
    assertThat(merge.members(1, T0)).as("alone: not rejoined yet").isFalse();
    assertThat(merge.merging(T0 + 60_000)).as("still alone a minute later").isTrue();

    assertThat(merge.members(2, T0 + 60_000)).as("another member seen: rejoined").isTrue();
    assertThat(merge.members(6, T0 + 60_500)).as("only the first counts").isFalse();
    assertThat(merge.merging(T0 + 60_000 + MergeProgress.REJOINED_GRACE_MS - 1)).isTrue();
    assertThat(merge.merging(T0 + 60_000 + MergeProgress.REJOINED_GRACE_MS)).isFalse();
  }

  @Test
  void aNewMergeStartsTheGraceAfresh() {
    MergeProgress merge = new MergeProgress();
    merge.started();
    merge.members(6, T0);
    assertThat(merge.merging(T0 + MergeProgress.REJOINED_GRACE_MS)).isFalse();

    merge.started();
    assertThat(merge.merging(T0 + MergeProgress.REJOINED_GRACE_MS)).as("merging again, not rejoined").isTrue();
    assertThat(merge.members(6, T0 + 20_000)).isTrue();
    assertThat(merge.merging(T0 + 20_000 + MergeProgress.REJOINED_GRACE_MS - 1)).isTrue();
  }

  @Test
  void membersSeenOutsideAMergeChangeNothing() {
    MergeProgress merge = new MergeProgress();
    assertThat(merge.members(6, T0)).isFalse();
    merge.started();
    assertThat(merge.merging(T0 + 3_600_000)).isTrue();
  }
}
