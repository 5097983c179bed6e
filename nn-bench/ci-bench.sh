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

for f in "$jar" "$baseline" "$here/baseline/noinline.json"; do
  if [[ ! -f "$f" ]]; then
    echo "ci-bench: $f is missing (build with: mvn -B -pl nn-bench -am verify)" >&2
    exit 2
  fi
done

# A JVM still compiling allocates: code run by the interpreter or C1 boxes every vector it makes. The quick
# selection compiles in the foreground (-XX:-BackgroundCompilation), so that its warm-up ends with C2's
# code however busy the host, and the comparison gates on each JVM's settled allocation, its
# least-allocating measured iteration (see nn-bench/README). Should a JVM still allocate in every measured
# iteration, the selection is run once more, in new JVMs, and the gate fails only if that run allocates too.
#
# Called as the condition of an if, a function runs without set -e: a failed run must return by itself,
# or the comparison would read the results of an earlier run and pass. Deleting them first makes sure no
# comparison ever reads them.
quick_gate() {
  rm -f "$results"
  "$java" --add-modules jdk.incubator.vector -cp "$jar" dev.nnj.bench.gate.BenchMain \
    run --quick --out "$results" || return 1
  "$java" -cp "$jar" dev.nnj.bench.gate.BenchMain \
    compare --report-only --alloc-gate 'TrainingStepBenchmark' "$baseline" "$results"
}
if ! quick_gate; then
  echo "ci-bench: the quick selection failed; running it again in new JVMs" >&2
  quick_gate
fi

# The same gate on a step whose JIT may inline nothing of nn-simd's own methods. A kernel that passes a
# FloatVector to a helper allocates a box per call only when the JIT leaves that helper as a call, which
# happens in some JVMs and not in others (a vector e^x did so in two forks of 2026-12-06); forbidding the
# inlining makes it happen every time. SGD without momentum, because Adam's flush-to-zero helper is small
# enough that the JIT always inlines it and would box here. Eight warm-up iterations: with nothing inlined
# the step runs interpreted for longer, and with three, one CI run still saw C2 compiling in the first
# measured iteration (110 KB that iteration, 5 B the next). Compiled in the foreground, as the quick
# selection is, and three measured iterations, of which the gate reads the least-allocating.
#
# A failure is run once more in a new JVM, and the gate fails only if that one allocates too. A vector
# that escapes through a code change allocates in every JVM; a JVM that compiles late does not: one CI run
# of 8fa8974 allocated 8.28 MB per step in both measured iterations (1100 steps/s against 1361), where the
# same jar allocated 2.8-8 B per step in fourteen JVMs here. With a busy loop on each core, one JVM in six
# did the same to the quick selection's Adam step in the background-compiling JVMs of before (8.7 MB per
# step, its step methods still being compiled by C1 twelve seconds in, -XX:+PrintCompilation).
noinline="$(dirname "$results")/noinline.json"
noinline_jvm="--add-modules jdk.incubator.vector -XX:-BackgroundCompilation"
noinline_jvm+=" -XX:CompileCommand=quiet -XX:CompileCommand=dontinline,dev.nnj.simd.*::*"
# Its run, like the quick selection's, deletes the old results and returns when it fails.
noinline_gate() {
  rm -f "$noinline"
  "$java" -jar "$jar" TrainingStepBenchmark -p batch=128 -p kernels=simd -p optimizer=sgd \
    -f 1 -wi 8 -w 1 -i 3 -r 1 -prof gc -rf json -rff "$noinline" -jvmArgsAppend "$noinline_jvm" || return 1
  "$java" -cp "$jar" dev.nnj.bench.gate.BenchMain \
    compare --report-only --alloc-gate 'TrainingStepBenchmark' "$here/baseline/noinline.json" "$noinline"
}
if ! noinline_gate; then
  echo "ci-bench: the step without inlining allocated in this JVM; timing it again in a new one" >&2
  noinline_gate
fi
