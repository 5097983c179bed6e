#!/usr/bin/env bash
# The quick selection's Adam training step (batch 128, two threads, -prof gc, 10 warm-up and 5 measured
# iterations of 0.5 s), in RUNS new JVMs with BUSY busy loops running beside each, and the allocation of
# every measured iteration. Usage: busy-host.sh RUNS BUSY NAME [JVM_OPTION...] (after building
# nn-bench/target/benchmarks.jar); the options go to the benchmark's JVM. Writes NAME_RUN.json here (and
# JMH's output to NAME_RUN.log when LOG=1) and prints one line per run.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
jar="$here/../../target/benchmarks.jar"
runs="$1" busy="$2" name="$3"
shift 3
for run in $(seq 1 "$runs"); do
  loops=()
  output=/dev/null
  [[ "${LOG:-0}" == 1 ]] && output="$here/${name}_$run.log"
  for _ in $(seq 1 "$busy"); do
    timeout 60 sh -c 'while :; do :; done' & loops+=($!)
  done
  java -jar "$jar" TrainingStepBenchmark -p batch=128 -p kernels=simd -p optimizer=adam \
    -f 1 -wi 10 -w 500ms -i 5 -r 500ms -prof gc -rf json -rff "$here/${name}_$run.json" \
    -jvmArgsAppend "--add-modules jdk.incubator.vector $*" > "$output" 2>&1
  [[ ${#loops[@]} -eq 0 ]] || kill "${loops[@]}" 2> /dev/null || true
  python3 - "$here/${name}_$run.json" "$name" "$run" <<'PY'
import json, sys
entry = json.load(open(sys.argv[1]))[0]
alloc = entry["secondaryMetrics"]["gc.alloc.rate.norm"]["rawData"][0]
print(f"{sys.argv[2]}, run {sys.argv[3]}: {entry['primaryMetric']['score']:.0f} steps/s, "
      f"B/step per measured iteration: {', '.join(f'{b:.1f}' for b in alloc)}")
PY
done
