#!/usr/bin/python3
"""sgemm_openblas.py - float32 matrix-multiply throughput of numpy + OpenBLAS.

Measures GFLOP/s = 2*m*n*k / time for
  * square products A(n x n) @ B(n x n), n = 64, 128, 256, 512, 1024, 2048
  * the shapes of one training step of the 784-256-128-10 MLP at batch 128 and 32,
    with weights stored PyTorch-style as W(out x in):
      fwd   Y = X(B x in) @ W(out x in).T        (NT, m=B,   n=out, k=in)
      dW    G(B x out).T @ X(B x in)             (TN, m=out, n=in,  k=B)
      dX    G(B x out) @ W(out x in)             (NN, m=B,   n=in,  k=out)
    for layers 784->256, 256->128, 128->10;
  * the forward products of inference at batch 10000 (the test set in one pass).
at 1 and 2 OpenBLAS threads (switched with threadpoolctl).

Each point: warm-up, then an inner loop sized to take >= 0.2 s, repeated
--repeats times (default 7); reported are the best and the median run.
The output array is preallocated (np.matmul(..., out=C)), so the time is
the BLAS call plus numpy's dispatch.

Run (the OpenBLAS kernel is chosen from the environment at load time):
  /usr/bin/python3 sgemm_openblas.py --label default --json sgemm_default.json
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
      /usr/bin/python3 sgemm_openblas.py --label unset --json sgemm_unset.json
"""
import argparse
import json
import os
import platform
import statistics
import time

import numpy as np

from blas_check import openblas_or_exit

# Before anything else: stops with what to install when numpy runs on another BLAS or threadpoolctl is missing.
OPENBLAS = openblas_or_exit("sgemm_openblas.py")
from threadpoolctl import threadpool_limits  # noqa: E402

SQUARES = [64, 128, 256, 512, 1024, 2048]
BATCHES = [128, 32]
INFERENCE_BATCHES = [10000]
LAYERS = [(784, 256), (256, 128), (128, 10)]


def shapes():
    """(name, kind, m, n, k); kind in NN, NT, TN."""
    out = [(f"square {n}", "NN", n, n, n) for n in SQUARES]
    for batch in BATCHES:
        for fan_in, fan_out in LAYERS:
            tag = f"{fan_in}->{fan_out}" + ("" if batch == 128 else f" b{batch}")
            out.append((f"fwd {tag}", "NT", batch, fan_out, fan_in))
            out.append((f"dW  {tag}", "TN", fan_out, fan_in, batch))
            out.append((f"dX  {tag}", "NN", batch, fan_in, fan_out))
    for batch in INFERENCE_BATCHES:
        for fan_in, fan_out in LAYERS:
            out.append((f"fwd {fan_in}->{fan_out} b{batch}", "NT", batch, fan_out, fan_in))
    return out


def operands(kind, m, n, k, rng):
    """Return (A, B) such that A @ B is an m x n product with inner size k."""
    def r(*s):
        return rng.standard_normal(s, dtype=np.float32)
    if kind == "NN":
        return r(m, k), r(k, n)
    if kind == "NT":  # X(m x k) @ W(n x k).T
        return r(m, k), r(n, k).T
    if kind == "TN":  # G(k x m).T @ X(k x n)
        return r(k, m).T, r(k, n)
    raise ValueError(kind)


def time_one(a, b, c, repeats, min_time=0.2):
    for _ in range(3):
        np.matmul(a, b, out=c)
    # calibrate the inner loop so one run lasts >= min_time
    iters = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(iters):
            np.matmul(a, b, out=c)
        dt = time.perf_counter() - t0
        if dt >= min_time:
            break
        iters = max(iters * 2, int(iters * min_time / max(dt, 1e-9) * 1.1))
    runs = [dt / iters]
    for _ in range(repeats - 1):
        t0 = time.perf_counter()
        for _ in range(iters):
            np.matmul(a, b, out=c)
        runs.append((time.perf_counter() - t0) / iters)
    return runs, iters


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--label", default="default")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()

    rng = np.random.default_rng(0)
    blas = OPENBLAS
    meta = {
        "label": args.label,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "numpy": np.__version__,
        "python": platform.python_version(),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE"),
        "openblas": [{k: d.get(k) for k in ("filepath", "version", "architecture",
                                             "threading_layer")} for d in blas],
        "loadavg_start": os.getloadavg(),
        "repeats": args.repeats,
    }
    print(f"# {args.label}: numpy {np.__version__}, OpenBLAS "
          f"{blas[0]['version']} kernel={blas[0]['architecture']}, "
          f"OPENBLAS_CORETYPE={meta['OPENBLAS_CORETYPE']} "
          f"OPENBLAS_L2_SIZE={meta['OPENBLAS_L2_SIZE']}, load {meta['loadavg_start']}")

    results = []
    for nt in [int(t) for t in args.threads.split(",")]:
        with threadpool_limits(limits=nt, user_api="blas"):
            print(f"\n## threads={nt}")
            print(f"{'shape':<16}{'kind':>5}{'m':>6}{'n':>6}{'k':>6}"
                  f"{'best GF/s':>11}{'median GF/s':>13}{'best us':>11}")
            for name, kind, m, n, k in shapes():
                a, b = operands(kind, m, n, k, rng)
                c = np.empty((m, n), dtype=np.float32)
                runs, iters = time_one(a, b, c, args.repeats)
                flop = 2.0 * m * n * k
                best, med = min(runs), statistics.median(runs)
                row = dict(threads=nt, shape=name, kind=kind, m=m, n=n, k=k,
                           iters=iters, times_s=runs,
                           gflops_best=flop / best / 1e9,
                           gflops_median=flop / med / 1e9)
                results.append(row)
                print(f"{name:<16}{kind:>5}{m:>6}{n:>6}{k:>6}"
                      f"{row['gflops_best']:>11.1f}{row['gflops_median']:>13.1f}"
                      f"{best * 1e6:>11.1f}")
    meta["loadavg_end"] = os.getloadavg()
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1)
        print(f"\nwrote {args.json}")


if __name__ == "__main__":
    main()
