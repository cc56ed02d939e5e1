package org.optionstream.common.launch;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per cluster membership change of this process's Hazelcast member (who joined or
 * left, and the member count after it), and a warning when Hazelcast merges this member into
 * another cluster after a split: the lines an operator reads first when a stage "sees nothing".
 */
final class MembershipLog implements MembershipListener {

  private static final Logger LOG = LoggerFactory.getLogger(MembershipLog.class);

  private MembershipLog() {
  }

  static void install(HazelcastInstance hazelcast) {
    var cluster = hazelcast.getCluster();
    LOG.info("joined cluster {} as {}; {} member(s): {}", hazelcast.getConfig().getClusterName(),
        cluster.getLocalMember().getAddress(), cluster.getMembers().size(), addresses(cluster.getMembers()));
    cluster.addMembershipListener(new MembershipLog());
    hazelcast.getLifecycleService().addLifecycleListener(MembershipLog::lifecycleChanged);
  }

  @Override
  public void memberAdded(MembershipEvent event) {
    LOG.info("cluster member joined: {}; {} member(s): {}", event.getMember().getAddress(),
        event.getMembers().size(), addresses(event.getMembers()));
  }

  @Override
  public void memberRemoved(MembershipEvent event) {
    LOG.warn("cluster member left: {}; {} member(s): {}", event.getMember().getAddress(),
        event.getMembers().size(), addresses(event.getMembers()));
  }

  private static void lifecycleChanged(LifecycleEvent event) {
    switch (event.getState()) {
      case MERGING, MERGED, MERGE_FAILED -> LOG.warn("cluster split healed: this member {}", event.getState());
      default -> { }
    }
  }

  private static String addresses(Set<Member> members) {
    return members.stream().map(member -> member.getAddress().toString()).sorted()
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
