#!/usr/bin/env bash
# Feed hot path on one core: V3 protobuf frames decoded per second, without and with recording (each frame
# also handed to the journal, FEED_RECORD_DIR, as the live feed does; the journal's writer thread shares the
# core), and ticks emitted per second (decode + assemble into the internal Tick: index price, forward, window,
# sequence), with frames of 40 feeds as the simulator batches them (JMH,
# org.optionstream.bench.feed.FeedDecodeBenchmark, -XX:ActiveProcessorCount=1).
#   bench/feed.sh                  about 40 s
#   bench/feed.sh -wi 1 -i 2 -r 1  shorter; extra JMH options are passed through
# Env: BENCH_SKIP_BUILD=1 uses benchmarks/target/benchmarks.jar as built.
# Ends with: feed: frames decoded=<n>/s recording=<n>/s (<ratio>) ticks emitted=<n>/s
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
build_benchmarks

out=$(mktemp)
trap 'rm -f "$out"' EXIT
java -jar "$jar" 'org.optionstream.bench.feed.FeedDecodeBenchmark.(decode|decodeRecording|decodeAndAssemble)$' \
  -rf csv -rff "$out" "$@"
awk -F, 'NR > 1 { gsub(/"/, "", $1); n = split($1, p, "."); v[p[n]] = $5; e[p[n]] = $6 }
  END { printf "feed: frames decoded=%.0f/s (±%.0f) recording=%.0f/s (±%.0f, %.2f of it) ticks emitted=%.0f/s (±%.0f)\n",
        v["decode"], e["decode"], v["decodeRecording"], e["decodeRecording"], v["decodeRecording"] / v["decode"],
        v["decodeAndAssemble"], e["decodeAndAssemble"] }' "$out"
