#!/usr/bin/env bash
# Builds what is missing and starts optionstream on the Upstox simulator (made-up prices, marked as such).
#   ./run.sh            the whole system in one JVM, the simulator inside it
#   ./run.sh --cluster  feed, greeks, pcr, history, alerts and ws-gateway as six JVMs clustered over Hazelcast on loopback,
#                       and the simulator as a seventh JVM on SIM_PORT (default 8090)
#   ./run.sh --replay <journal> [--speed N|max]
#                       the system on a recorded session instead (a journal file, or a directory: its newest day),
#                       at N times real time (default 1); history goes to ./data/questdb-replay
# The dashboard is at http://localhost:${HTTP_PORT:-8080}/ . Real Upstox data instead:
# FEED_SOURCE=upstox UPSTOX_ACCESS_TOKEN=... ./run.sh (or UPSTOX_ACCESS_TOKEN_FILE=...).
# Live runs record the feed's raw input to ./data/feed-journal (FEED_RECORD_DIR; FEED_RECORD=off: not).
# Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")"

mode=single
replay=
speed=1
while [ $# -gt 0 ]; do
  case "$1" in
    --cluster) mode=cluster ;;
    --replay) [ $# -ge 2 ] || { echo "--replay needs a journal" >&2; exit 2; }; replay=$2; shift ;;
    --speed) [ $# -ge 2 ] || { echo "--speed needs a number or max" >&2; exit 2; }; speed=$2; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (try --help)" >&2; exit 2 ;;
  esac
  shift
done
if [ -n "$replay" ] && [ ! -e "$replay" ]; then
  echo "--replay: no journal at $replay" >&2
  exit 2
fi

version=1.0.0-SNAPSHOT
modules=(upstox-simulator feed-verticle greeks-verticle pcr-verticle history-verticle alerts-verticle ws-gateway-verticle all-in-one)
jar() { echo "$1/target/$1-$version-fat.jar"; }

needs_build() {
  local m j
  for m in "${modules[@]}" common upstox-protocol feed-journal; do
    case "$m" in common|upstox-protocol|feed-journal) j=$m/target/$m-$version.jar ;; *) j=$(jar "$m") ;; esac
    [ -f "$j" ] || return 0
    # any source, resource or pom newer than the jar
    if [ -n "$(find "$m/src" "$m/pom.xml" pom.xml cluster.xml -newer "$j" -type f -print -quit 2>/dev/null)" ]; then
      return 0
    fi
  done
  return 1
}

if needs_build; then
  echo "building (mvn -B -q package -DskipTests)..."
  mvn -B -q package -DskipTests
fi

http_port=${HTTP_PORT:-8080}
feed_source=${FEED_SOURCE:-simulator}
if [ -n "$replay" ]; then
  feed_source=replay
  export FEED_REPLAY_PATH=$replay FEED_REPLAY_SPEED=$speed
  export HISTORY_DATA_DIR=${HISTORY_DATA_DIR:-./data/questdb-replay}
  echo "replaying $replay at speed $speed"
else
  export FEED_RECORD_DIR=${FEED_RECORD_DIR:-./data/feed-journal}
fi
java_opts=(${JAVA_OPTS:--XX:+UseG1GC -Xms256m} -XX:+ExitOnOutOfMemoryError -Djava.net.preferIPv4Stack=true)
pids=()

stop_all() {
  trap - INT TERM EXIT
  if [ ${#pids[@]} -gt 0 ]; then
    echo "stopping ${#pids[@]} process(es)..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

if [ "$mode" = single ]; then
  HTTP_PORT=$http_port FEED_SOURCE=$feed_source java "${java_opts[@]}" -jar "$(jar all-in-one)" &
  pids+=($!)
  echo "optionstream (one JVM) starting; dashboard: http://localhost:${http_port}/  (Ctrl-C stops)"
else
  export CLUSTERED=true
  export HZ_CLUSTER_NAME=${HZ_CLUSTER_NAME:-optionstream-local}
  mkdir -p target/logs
  start() { # name module env...
    local name=$1 module=$2; shift 2
    env "$@" java "${java_opts[@]}" -jar "$(jar "$module")" > "target/logs/$name.log" 2>&1 &
    pids+=($!)
    echo "  $name: pid $! (log target/logs/$name.log)"
  }
  echo "optionstream cluster '$HZ_CLUSTER_NAME' starting: six JVMs over Hazelcast on 127.0.0.1"
  feed_env=(FEED_SOURCE=$feed_source)
  if [ "$feed_source" = simulator ]; then
    sim=http://127.0.0.1:${SIM_PORT:-8090}
    start upstox-simulator upstox-simulator SIM_PORT=${SIM_PORT:-8090} MGMT_PORT=-1
    feed_env+=(UPSTOX_API_URL=$sim UPSTOX_INSTRUMENTS_URL=$sim/instruments/complete.json.gz)
  fi
  start greeks greeks-verticle MGMT_PORT=${GREEKS_MGMT_PORT:-9102}
  start pcr pcr-verticle MGMT_PORT=${PCR_MGMT_PORT:-9103}
  start history history-verticle MGMT_PORT=${HISTORY_MGMT_PORT:-9104}
  start alerts alerts-verticle MGMT_PORT=${ALERTS_MGMT_PORT:-9105}
  start ws-gateway ws-gateway-verticle HTTP_PORT=$http_port
  if [ "$feed_source" = simulator ]; then
    # the feed loads the instruments master from the simulator as it starts: wait until it answers
    for _ in $(seq 300); do
      (exec 3<>"/dev/tcp/127.0.0.1/${SIM_PORT:-8090}") 2>/dev/null && break
      sleep 0.1
    done
  fi
  start feed feed-verticle MGMT_PORT=${FEED_MGMT_PORT:-9101} "${feed_env[@]}"
  echo "dashboard: http://localhost:${http_port}/  (Ctrl-C stops them all)"
fi

# Exit (and stop the others) as soon as any process ends on its own.
set +e
wait -n "${pids[@]}"
status=$?
echo "a process exited with status $status"
exit $status
