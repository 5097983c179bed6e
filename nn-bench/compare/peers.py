#!/usr/bin/env python3
"""nnj against its peers and the machine's peak, from output directories of run.sh: Markdown tables
of GFLOP/s and samples/s beside the peers' (those of results/performance-history.md).

Every figure is a median over the measured iterations (JMH) or repeats (peers) of one run; given several
runs, each side gets its best run, so that a run disturbed by the shared machine counts against neither.
Usage: peers.py RUN_DIR [RUN_DIR...]
"""
import json
import os
import statistics
import sys


def median_of(metric):
    return statistics.median(x for fork in metric["rawData"] for x in fork)


def shape_mnk(shape):
    if "x" in shape:
        m, k, n = map(int, shape.split("x"))
        return m, n, k
    s = int(shape)
    return s, s, s


def grouped(value):
    """Thousands separated by a space, as in the README: 126 220."""
    return f"{value:,.0f}".replace(",", " ")


def best(table, key, value):
    if value is not None and value > table.get(key, float("-inf")):
        table[key] = value


def load(dirs):
    nnj, blas, train, torch, infer, peak = {}, {}, {}, {}, {}, {}
    for d in dirs:
        for threads in (1, 2):  # runs made before run.sh measured the peak have none
            if os.path.exists(f"{d}/peak_t{threads}.json"):
                for r in json.load(open(f"{d}/peak_t{threads}.json")):
                    best(peak, threads, median_of(r["secondaryMetrics"]["gflop"]))
        if os.path.exists(f"{d}/torch_unset_t2.json"):
            for r in json.load(open(f"{d}/torch_unset_t2.json"))["results"]:
                best(torch, ("unset-t2", r["mode"], r["batch"], r["optimizer"]), r["median"])
        for name in ("gemm_nn", "gemm_nt", "gemm_tn", "gemm_scalar"):
            for r in json.load(open(f"{d}/{name}.json")):
                p = r["params"]
                best(nnj, (p["transpose"], p["shape"], p["kernels"]), median_of(r["secondaryMetrics"]["gflop"]))
        for label in ("unset", "default"):
            for r in json.load(open(f"{d}/openblas_{label}.json"))["results"]:
                if r["threads"] == 1:
                    best(blas, (label, r["kind"], r["m"], r["n"], r["k"]), r["gflops_median"])
            for r in json.load(open(f"{d}/torch_{label}.json"))["results"]:
                best(torch, (label, r["mode"], r["batch"], r["optimizer"]), r["median"])
        for r in json.load(open(f"{d}/train.json")):
            p = r["params"]
            best(train, (int(p["batch"]), p["optimizer"], p["kernels"]), median_of(r["secondaryMetrics"]["samples"]))
        for r in json.load(open(f"{d}/infer.json")):
            p = r["params"]
            best(infer, (int(p["batch"]), p["kernels"]), median_of(r["secondaryMetrics"]["samples"]))
    return nnj, blas, train, torch, infer, peak


def main(dirs):
    nnj, blas, train, torch, infer, peak = load(dirs)
    if peak:
        print(f"multiply-add peak (PeakFlopsBenchmark): {peak.get(1, 0):.0f} GFLOP/s on one thread,"
              f" {peak.get(2, 0):.0f} on two ({peak.get(2, 0) / peak[1]:.2f}x)\n")
    print("| product | nnj SIMD | nnj, 2 threads | OpenBLAS AVX-512 | OpenBLAS as set | nnj ÷ AVX-512 | nnj ÷ as set |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (transpose, shape, kernels), one in sorted(nnj.items()):
        if kernels != "simd-1":
            continue
        m, n, k = shape_mnk(shape)
        two = nnj.get((transpose, shape, "simd"))
        avx512 = blas.get(("unset", transpose, m, n, k))
        as_set = blas.get(("default", transpose, m, n, k))
        cells = [f"{transpose} m={m} n={n} k={k}", f"{one:.0f}", f"{two:.0f}" if two else "",
                 f"{avx512:.0f}" if avx512 else "", f"{as_set:.0f}" if as_set else "",
                 f"{one / avx512:.2f}" if avx512 else "", f"{one / as_set:.2f}" if as_set else ""]
        print("| " + " | ".join(cells) + " |")
    if 1 in peak:
        ones = [v / peak[1] for (t, s_, kern), v in nnj.items() if kern == "simd-1"]
        print(f"\nnnj on one thread: {min(ones):.0%}-{max(ones):.0%} of the peak")
    scalar = {s: v for (t, s, kern), v in nnj.items() if kern == "scalar"}
    print("\nscalar GFLOP/s:", {s: round(v, 2) for s, v in scalar.items()},
          "SIMD ÷ scalar:", {s: round(nnj[("NN", s, "simd-1")] / v) for s, v in scalar.items()})
    print("\n| batch, optimizer | nnj SIMD | nnj SIMD, 2 threads | PyTorch, OpenBLAS AVX-512 | PyTorch, as set"
          " | nnj ÷ AVX-512 | nnj ÷ as set |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for batch in (32, 128, 512):
        for optimizer, torch_name in (("sgd", "SGD"), ("adam", "Adam")):
            one = train[(batch, optimizer, "simd-1")]
            two = train[(batch, optimizer, "simd")]
            avx512 = torch[("unset", "train", batch, torch_name)]
            as_set = torch[("default", "train", batch, torch_name)]
            print(f"| {batch}, {torch_name} | {grouped(one)} | {grouped(two)} | {grouped(avx512)} | {grouped(as_set)}"
                  f" | {one / avx512:.2f} | {one / as_set:.2f} |")
    if any(key[0] == "unset-t2" for key in torch):
        print("\ntwo threads each (samples/s): nnj ÷ PyTorch AVX-512")
        for batch in (32, 128, 512):
            for optimizer, torch_name in (("sgd", "SGD"), ("adam", "Adam")):
                two = train[(batch, optimizer, "simd")]
                theirs = torch[("unset-t2", "train", batch, torch_name)]
                print(f"  {batch}, {torch_name}: nnj {grouped(two)}, PyTorch {grouped(theirs)}, {two / theirs:.2f}")
    print("\ninference (samples/s; nnj on one thread and on two, PyTorch on one, and on two where measured):")
    for batch in sorted({b for b, _ in infer}):
        one = infer.get((batch, "simd-1"))
        two = infer.get((batch, "simd"))
        avx512 = torch.get(("unset", "infer", batch, None))
        as_set = torch.get(("default", "infer", batch, None))
        avx512_t2 = torch.get(("unset-t2", "infer", batch, None))
        line = f"  batch {batch}:"
        if one:
            line += f" nnj {grouped(one)} ({one / avx512:.2f}x PyTorch AVX-512),"
        line += (f" nnj 2 threads {grouped(two)} ({two / avx512:.2f}x), PyTorch AVX-512 {grouped(avx512)},"
                 f" as set {grouped(as_set)} (nnj 2 threads {two / as_set:.2f}x)")
        if avx512_t2:
            line += f", AVX-512 on 2 threads {grouped(avx512_t2)} (nnj 2 threads {two / avx512_t2:.2f}x)"
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
