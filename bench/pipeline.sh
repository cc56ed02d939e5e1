#!/usr/bin/env bash
# End-to-end pipeline benchmark: tick-to-client latency and throughput of the whole
# system on its simulator, single JVM or clustered, against a bare relay baseline.
#   bench/pipeline.sh [--cluster] [--rate N] [--seconds S] [--clients C] [--find-max] [--help for more]
# Ends with: pipeline: mode=<single|cluster> offered=<n>/s delivered=<n>/s p50=<ms> p99=<ms> p999=<ms>
#            relay-p99=<ms> lost=<n> [max-sustained=<n>/s relay-max=<n>/s]
# or, exiting 1, with: pipeline: FAILED <why>  (a stage died, e.g. out of heap, or stopped delivering)
# Env: BENCH_JVM_OPTS (system JVMs' options), BENCH_LOG_DIR (their logs, default
# benchmarks/target/pipeline-logs), BENCH_SKIP_BUILD=1 (use the jar as built).
# Also: bench/pipeline.sh --footprint [instruments]  measures the greeks caches' heap (default 5000).
set -euo pipefail
cd "$(dirname "$0")/.."

jar=benchmarks/target/benchmarks.jar
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  if [ ! -f "$jar" ] || [ -n "$(find common/src upstox-protocol/src upstox-simulator/src feed-verticle/src greeks-verticle/src pcr-verticle/src \
        ws-gateway-verticle/src benchmarks/src cluster.xml pom.xml ./*/pom.xml -newer "$jar" -type f -print -quit)" ]; then
    echo "building (mvn -B -q -pl benchmarks -am package -DskipTests)..."
    mvn -B -q -pl benchmarks -am package -DskipTests
  fi
fi

mkdir -p "${BENCH_LOG_DIR:-benchmarks/target/pipeline-logs}"
if [ "${1:-}" = "--footprint" ]; then
  shift
  exec java -XX:+UseSerialGC -Xmx1g -cp "$jar" org.optionstream.bench.pipeline.GreeksCacheFootprint "$@"
fi
exec java -XX:+UseSerialGC -Xms256m -Xmx256m -cp "$jar" org.optionstream.bench.pipeline.PipelineBench "$@"
