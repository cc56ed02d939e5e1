#!/usr/bin/env bash
# The history stage's live heap over a long steady run (org.optionstream.bench.history.HistorySoak): the verticle
# on the embedded QuestDB stores a NIFTY chain at a steady rate; the heap in use after a full collection is sampled
# every 30 s. Flat = no leak.
#   bench/history-soak.sh                                 20,000 rows/s for 10 minutes
#   bench/history-soak.sh --rate 5000 --seconds 120 --sample-seconds 10
# Env: BENCH_SKIP_BUILD=1 uses benchmarks/target/benchmarks.jar as built.
# Ends with: history-soak: rate=<rows/s> seconds=<s> live-heap first=<MB> last=<MB> max=<MB> rows=<n> dropped=<n> lag-p99=<ms>
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
build_benchmarks

exec java -XX:+UseG1GC -Xms512m -Xmx512m -XX:+ExitOnOutOfMemoryError -cp "$jar" \
  org.optionstream.bench.history.HistorySoak "$@"
