#!/usr/bin/env bash
# The performance step of CI: runs the quick benchmark selection and compares it with the committed
# baseline. Timing is reported only, because CI machines differ from the one the baseline was measured
# on and from each other; allocation per training step is gated, because bytes do not depend on the
# machine and a steady-state step must allocate nothing.
#
# Builds nothing: expects nn-bench/target/benchmarks.jar (mvn -pl nn-bench -am verify).
# Usage: nn-bench/ci-bench.sh [RESULTS_FILE]   (default nn-bench/target/bench/quick.json)
# Exit status: 0 on pass, 1 when the training step allocates more than the baseline or a benchmark
# fails to run, 2 on usage errors (missing jar or baseline).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/target/benchmarks.jar"
baseline="$here/baseline/quick.json"
results="${1:-$here/target/bench/quick.json}"
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"

for f in "$jar" "$baseline"; do
  if [[ ! -f "$f" ]]; then
    echo "ci-bench: $f is missing (build with: mvn -B -pl nn-bench -am verify)" >&2
    exit 2
  fi
done

"$java" --add-modules jdk.incubator.vector -cp "$jar" dev.nnj.bench.gate.BenchMain \
  run --quick --out "$results"
"$java" -cp "$jar" dev.nnj.bench.gate.BenchMain \
  compare --report-only --alloc-gate 'TrainingStepBenchmark' "$baseline" "$results"
