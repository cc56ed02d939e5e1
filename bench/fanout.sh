#!/usr/bin/env bash
# Gateway fan-out: N plain WebSocket and M SockJS clients against one gateway while the
# publisher sends a fixed rate of greeks.update over C chains (42 options each; every client follows one
# chain). Gateway and clients run in two JVMs. Prints delivered updates/s, staleness p50/p99 (client
# receive time minus publish time, same machine clock) and the gateway's heap.
#   bench/fanout.sh                         1000 WS + 200 SockJS at 5000 updates/s (the README's figure)
#   bench/fanout.sh WS SOCKJS RATE [CHAINS] [WARMUP_S] [MEASURE_S]
# Env: BENCH_SKIP_BUILD=1 uses benchmarks/target/benchmarks.jar as built; FANOUT_PORT (default 18080);
#      GATEWAY_FLUSH_INTERVAL_MS (default 0, the gateway's own default); SERVER_HEAP (default 512m).
# Ends with: fanout: clients=... delivered=<n> updates/s ... staleness p50=<ms> p99=<ms> ... gateway heap ...
set -euo pipefail
cd "$(dirname "$0")/.."

ws=${1:-1000}; sockjs=${2:-200}; rate=${3:-5000}; chains=${4:-10}; warmup=${5:-10}; measure=${6:-30}
port=${FANOUT_PORT:-18080}; flush=${GATEWAY_FLUSH_INTERVAL_MS:-0}
. bench/lib.sh
build_benchmarks

log=$(mktemp)
java -Xmx"${SERVER_HEAP:-512m}" -XX:+ExitOnOutOfMemoryError -cp "$jar" org.optionstream.bench.fanout.FanoutServer "$port" "$rate" "$chains" "$flush" >"$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do
  grep -q "fanout server ready" "$log" && break
  kill -0 "$server" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.2
done
grep "fanout server ready" "$log"
ulimit -n 65536 2>/dev/null || true
java -Xmx1g -cp "$jar" org.optionstream.bench.fanout.FanoutClients "$port" "$ws" "$sockjs" "$chains" "$warmup" "$measure"
grep "fanout server heap" "$log" | tail -2
