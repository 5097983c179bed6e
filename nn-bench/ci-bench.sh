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

# The comparison gates on each JVM's settled allocation, its least-allocating measured iteration (see
# nn-bench/README), because a JVM still compiling allocates in its first iterations. On a busy host that
# can last through all of them: with a busy loop on each core, forks of the quick selection's Adam step
# allocated 33 KB to 2 MB per step in their first two or three measured iterations of five. So a failing
# selection is run once more, in new JVMs, and the gate fails only if that run allocates too.
quick_gate() {
  "$java" --add-modules jdk.incubator.vector -cp "$jar" dev.nnj.bench.gate.BenchMain \
    run --quick --out "$results"
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
# measured iteration (110 KB that iteration, 5 B the next). Three measured ones, of which the gate reads
# the least-allocating.
#
# A failure is run once more in a new JVM, and the gate fails only if that one allocates too. A vector
# that escapes through a code change allocates in every JVM; what one JVM's compilations leave behind
# does not: on 2026-12-07 one CI run of 8fa8974 allocated 8.28 MB per step in both measured iterations
# (1100 steps/s against 1361), where the same jar allocated 2.8-8 B per step in fourteen JVMs here, loaded or
# not. Most likely C2 had not yet compiled a kernel when the warm-up ended, as happens when the host is busy:
# with a busy loop on one core, GemmBenchmark NT 128x784x256 on one thread allocated 11 KB to 1.4 MB per call
# after the quick selection's 1.5 s of warm-up, in three JVMs of three.
noinline="$(dirname "$results")/noinline.json"
noinline_gate() {
  "$java" -jar "$jar" TrainingStepBenchmark -p batch=128 -p kernels=simd -p optimizer=sgd \
    -f 1 -wi 8 -w 1 -i 3 -r 1 -prof gc -rf json -rff "$noinline" \
    -jvmArgsAppend "--add-modules jdk.incubator.vector -XX:CompileCommand=quiet -XX:CompileCommand=dontinline,dev.nnj.simd.*::*"
  "$java" -cp "$jar" dev.nnj.bench.gate.BenchMain \
    compare --report-only --alloc-gate 'TrainingStepBenchmark' "$here/baseline/noinline.json" "$noinline"
}
if ! noinline_gate; then
  echo "ci-bench: the step without inlining allocated in this JVM; timing it again in a new one" >&2
  noinline_gate
fi
