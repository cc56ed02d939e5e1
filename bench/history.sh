#!/usr/bin/env bash
# History stage on the embedded QuestDB (org.optionstream.bench.history.HistoryBench): rows/s of the bare
# QuestDB table writer (the ceiling), rows/s the history verticle stores from greeks.update.frames and its
# write lag p99, then a stored trading day of a NIFTY chain (20 million greeks rows by default) queried:
# one instrument's day at 1-minute buckets and the chain at an instant, p99 of 50 each.
#   bench/history.sh                                  about 3 minutes, 4-5 GB of temporary disk
#   bench/history.sh --seconds 30 --day-rows 5000000 --queries 100
# Env: BENCH_SKIP_BUILD=1 uses benchmarks/target/benchmarks.jar as built.
# Ends with: history: ours=<rows/s> ceiling=<rows/s> ratio=<x> lag-p99=<ms> day-1m-p99=<ms> chain-at-p99=<ms> day-rows=<n>
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
build_benchmarks

exec java -XX:+UseG1GC -Xms1g -Xmx1g -XX:+ExitOnOutOfMemoryError -cp "$jar" \
  org.optionstream.bench.history.HistoryBench "$@"
