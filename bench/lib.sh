# Sourced by bench/*.sh: builds the benchmarks jar (and what it needs) unless BENCH_SKIP_BUILD=1.
# Sets $jar to benchmarks/target/benchmarks.jar.
jar=benchmarks/target/benchmarks.jar
build_benchmarks() {
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    echo "building (mvn -B -q -pl benchmarks -am package -DskipTests)..."
    mvn -B -q -pl benchmarks -am package -DskipTests
  fi
}
