#!/usr/bin/env bash
# PCR aggregator throughput: ticks per second one thread absorbs with a 200-instrument
# window (JMH, org.optionstream.bench.pcr.PcrAggregatorBenchmark, -XX:ActiveProcessorCount=1).
#   bench/pcr.sh            run apply and decodeAndApply (about 1 minute)
#   bench/pcr.sh -f 2 ...   extra JMH options are passed through
# Env: BENCH_SKIP_BUILD=1 uses benchmarks/target/benchmarks.jar as built.
# Ends with: pcr: apply=<n> ticks/s decodeAndApply=<n> ticks/s
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
build_benchmarks

out=$(mktemp)
trap 'rm -f "$out"' EXIT
java -jar "$jar" 'org.optionstream.bench.pcr.PcrAggregatorBenchmark.(apply|decodeAndApply)$' \
  -rf csv -rff "$out" "$@"
awk -F, 'NR > 1 { gsub(/"/, "", $1); n = split($1, p, "."); name = p[n];
  printf "%s%s=%.0f ticks/s (±%.0f)", (NR > 2 ? " " : "pcr: "), name, $5, $6 } END { print "" }' "$out"
