#!/usr/bin/env bash
# Greeks hot path: per option, implied volatility + the five Greeks on a NIFTY-like chain
# (forward 23,700, strikes 21,000..26,500 step 50, CE+PE, a quarter 10-380 minutes to expiry and the rest
# 1-30 days, smile 10-40 %), one thread, for:
#   ours (cold), ours warm (next tick from the previous tick's IV), OpenGamma Strata 2.12.48
#   BlackFormulaRepository (IV + Greeks), and a textbook Newton-Raphson on Black-Scholes with
#   commons-math3's NormalDistribution.
# JMH (org.optionstream.bench.greeks.GreeksBenchmark, SampleTime: every invocation of 512 options timed,
# normalised per option); the figure reported is the median (p50) of those samples, robust to other
# processes sharing the CPU, with the mean next to it. Accuracy (max |σ_solved − σ_true|)
# comes from org.optionstream.bench.greeks.GreeksAccuracy on the same chain.
#   bench/greeks.sh                    default JMH settings of the class (5 x 1 s warm-up, 10 x 1 s measurement, 1 fork), ~70 s
#   bench/greeks.sh -wi 2 -i 3 -r 1    shorter; extra JMH options are passed through
# Env: BENCH_SKIP_BUILD=1 uses benchmarks/target/benchmarks.jar as built.
# Ends with: greeks-bench: ours <x> ns/op, warm <w> ns/op, strata <y> ns/op, newton-cm3 <z> ns/op, max-abs-iv-err <e>
set -euo pipefail
cd "$(dirname "$0")/.."

. bench/lib.sh
build_benchmarks

out=$(mktemp)
acc=$(mktemp)
trap 'rm -f "$out" "$acc"' EXIT

echo "== accuracy on the chain (GreeksAccuracy)"
java -cp "$jar" org.optionstream.bench.greeks.GreeksAccuracy | tee "$acc"

echo "== timing (JMH GreeksBenchmark)"
java -jar "$jar" 'org.optionstream.bench.greeks.GreeksBenchmark' -rf json -rff "$out" "$@"

err=$(awk -F= '$1 == "ours.max-abs-iv-err" { print $2 }' "$acc")
python3 - "$out" "$err" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))
med = {}
for r in runs:
    name = r["benchmark"].rsplit(".", 1)[1]
    pm = r["primaryMetric"]
    med[name] = pm["scorePercentiles"]["50.0"]
    print(f"{name:10s} median {med[name]:8.1f} ns/op  p90 {pm['scorePercentiles']['90.0']:8.1f}  "
          f"mean {pm['score']:8.1f} ± {pm['scoreError']:.1f} ns/op")
print(f"ours vs strata: {med['strata'] / med['ours']:.1f}x faster; vs newton-cm3: {med['newtonCm3'] / med['ours']:.1f}x")
print(f"greeks-bench: ours {med['ours']:.1f} ns/op, warm {med['oursWarm']:.1f} ns/op, "
      f"strata {med['strata']:.1f} ns/op, newton-cm3 {med['newtonCm3']:.1f} ns/op, max-abs-iv-err {sys.argv[2]}")
PY
