#!/usr/bin/env bash
# Alert rules' cost on the thread that receives greeks updates: the alerts stage's handling of
# greeks.update.frames messages (50 updates each) paced at a tick rate, first with no rules, then with
# RULES rules on the stream's 600 options, in one run (org.optionstream.bench.alerts.AlertsBench).
#   bench/alerts.sh                      10000 rules at 20000 ticks/s, 20 s per phase
#   bench/alerts.sh RULES TICKS_PER_S SECONDS
# Env: BENCH_SKIP_BUILD=1 uses benchmarks/target/benchmarks.jar as built.
# Ends with: alerts: rules=... without rules p50/p99/max; with rules p50/p99/max; added p99=<ms> ...
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
build_benchmarks

java -Xmx512m -XX:+ExitOnOutOfMemoryError -cp "$jar" org.optionstream.bench.alerts.AlertsBench "${1:-10000}" "${2:-20000}" "${3:-20}"
