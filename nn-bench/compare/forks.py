#!/usr/bin/env python3
"""Per-fork medians of a JMH JSON result, and the two-thread / one-thread ratio of each fork pair.

Whether the second virtual CPU of these machines helps varies from one JVM to the next, so a mean over
forks blurs two different situations; this prints each fork on its own.
Usage: forks.py RESULT.json   (e.g. OUT_DIR/threads.json from run.sh)
"""
import json
import statistics
import sys


def key(result):
    params = dict(result.get("params", {}))
    params.pop("kernels", None)
    name = result["benchmark"].rsplit(".", 1)[-1]
    return name + " " + " ".join(f"{k}={v}" for k, v in sorted(params.items()))


def main(path):
    with open(path) as f:
        results = json.load(f)
    forks = {}
    for r in results:
        medians = [statistics.median(fork) for fork in r["primaryMetric"]["rawData"]]
        forks.setdefault(key(r), {})[r["params"]["kernels"]] = medians
    for name, by_kernels in forks.items():
        one = by_kernels.get("simd-1")
        two = by_kernels.get("simd")
        line = f"{name}: simd-1 {[round(x) for x in one or []]}, simd {[round(x) for x in two or []]}"
        if one and two:
            base = statistics.median(one)
            line += ", ratio per two-thread fork " + ", ".join(f"{x / base:.2f}" for x in two)
        print(line)


if __name__ == "__main__":
    main(sys.argv[1])
