#!/usr/bin/python3
"""torch_train.py - PyTorch CPU training and inference throughput of the
784-256-128-10 ReLU MLP (nn.Sequential Linear/ReLU/Linear/ReLU/Linear).

Data: random float32 X (60000 x 784) and random labels (0..9), held in memory
and cut into contiguous mini-batches in order (no shuffling, no DataLoader).

Training: CrossEntropyLoss, one step = zero_grad(); forward; loss; backward;
optimizer.step(). Optimizers SGD(lr=0.01) and Adam(lr=1e-3), batch 32, 128,
512. Inference: model.eval() under torch.no_grad(), batch 1, 128, 10000.

Each point: warm-up (~0.3 s), then a loop sized to take >= 0.5 s, repeated
--repeats times (default 7); reported are the best and median samples/s.
The thread count is fixed before torch is imported: OMP_NUM_THREADS and
OPENBLAS_NUM_THREADS (nn.Linear on this build calls OpenBLAS sgemm) plus
torch.set_num_threads().

Run it with glibc's malloc told to keep freed memory (run.sh does): by default glibc returns the large
temporaries of each step to the kernel and faults them back in on the next one, which made the Adam
step at batch 32 and 128 four to five times slower here (6 900 against 25 000 samples/s at batch 32):
  GLIBC_TUNABLES=glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=536870912

Run:
  /usr/bin/python3 torch_train.py --threads 1 --label default --json torch_t1_default.json
  /usr/bin/python3 torch_train.py --threads 2 --label default --json torch_t2_default.json
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
      /usr/bin/python3 torch_train.py --threads 1 --label unset --json torch_t1_unset.json
"""
import argparse
import json
import os
import statistics
import sys
import time

ap = argparse.ArgumentParser()
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--label", default="default")
ap.add_argument("--repeats", type=int, default=7)
ap.add_argument("--blas-threads", type=int, default=None,
                help="OpenBLAS threads if different from --threads")
ap.add_argument("--json", default=None)
args = ap.parse_args()
if args.blas_threads is None:
    args.blas_threads = args.threads

os.environ["OMP_NUM_THREADS"] = str(args.threads)
os.environ["OPENBLAS_NUM_THREADS"] = str(args.blas_threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from blas_check import openblas_or_exit  # noqa: E402

torch.set_num_threads(args.threads)
torch.manual_seed(0)

N, D, C = 60000, 784, 10
TRAIN_BATCHES = [32, 128, 512]
INFER_BATCHES = [1, 128, 10000]


def make_model():
    return nn.Sequential(nn.Linear(D, 256), nn.ReLU(),
                         nn.Linear(256, 128), nn.ReLU(),
                         nn.Linear(128, C))


def timed(step, n_samples_per_call, repeats, warm=0.3, min_time=0.5):
    """Run step() repeatedly; return list of samples/s, one per repeat."""
    t0 = time.perf_counter()
    calls = 0
    while time.perf_counter() - t0 < warm:
        step()
        calls += 1
    per_call = (time.perf_counter() - t0) / calls
    iters = max(1, int(min_time / per_call))
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(iters):
            step()
        dt = time.perf_counter() - t0
        rates.append(iters * n_samples_per_call / dt)
    return rates, iters


def main():
    X = torch.randn(N, D, dtype=torch.float32)
    y = torch.randint(0, C, (N,))
    results = []
    blas = [{k: d.get(k) for k in ("filepath", "version", "architecture", "num_threads")}
            for d in openblas_or_exit("torch_train.py")]
    meta = {
        "label": args.label,
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "torch": torch.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "threads": args.threads,
        "torch_num_threads": torch.get_num_threads(),
        "blas_threads": args.blas_threads,
        "OMP_WAIT_POLICY": os.environ.get("OMP_WAIT_POLICY"),
        "GLIBC_TUNABLES": os.environ.get("GLIBC_TUNABLES"),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "OPENBLAS_L2_SIZE": os.environ.get("OPENBLAS_L2_SIZE"),
        "openblas": blas,
        "mkldnn_available": torch.backends.mkldnn.is_available(),
        "loadavg_start": os.getloadavg(),
        "repeats": args.repeats,
    }
    print(f"# {args.label}: torch {torch.__version__}, threads={args.threads} "
          f"(OpenBLAS {args.blas_threads}), "
          f"OpenBLAS kernel={blas[0]['architecture']}, "
          f"OPENBLAS_CORETYPE={meta['OPENBLAS_CORETYPE']}, load {meta['loadavg_start']}")
    print(f"{'mode':<10}{'opt':<6}{'batch':>7}{'best samples/s':>16}{'median':>12}{'iters':>7}")

    loss_fn = nn.CrossEntropyLoss()
    for opt_name in ["SGD", "Adam"]:
        for bs in TRAIN_BATCHES:
            torch.manual_seed(0)
            model = make_model()
            model.train()
            opt = (torch.optim.SGD(model.parameters(), lr=0.01) if opt_name == "SGD"
                   else torch.optim.Adam(model.parameters(), lr=1e-3))
            nb = N // bs
            batches = [(X[i * bs:(i + 1) * bs], y[i * bs:(i + 1) * bs]) for i in range(nb)]
            pos = [0]

            def step():
                xb, yb = batches[pos[0]]
                pos[0] = (pos[0] + 1) % nb
                opt.zero_grad()
                loss = loss_fn(model(xb), yb)
                loss.backward()
                opt.step()

            rates, iters = timed(step, bs, args.repeats)
            row = dict(mode="train", optimizer=opt_name, batch=bs, iters=iters,
                       samples_per_s=rates, best=max(rates), median=statistics.median(rates))
            results.append(row)
            print(f"{'train':<10}{opt_name:<6}{bs:>7}{row['best']:>16.0f}"
                  f"{row['median']:>12.0f}{iters:>7}", flush=True)

    torch.manual_seed(0)
    model = make_model()
    model.eval()
    for bs in INFER_BATCHES:
        xb = X[:bs].contiguous()

        def step():
            with torch.no_grad():
                model(xb)

        rates, iters = timed(step, bs, args.repeats)
        row = dict(mode="infer", optimizer=None, batch=bs, iters=iters,
                   samples_per_s=rates, best=max(rates), median=statistics.median(rates))
        results.append(row)
        print(f"{'infer':<10}{'-':<6}{bs:>7}{row['best']:>16.0f}"
              f"{row['median']:>12.0f}{iters:>7}", flush=True)

    meta["loadavg_end"] = os.getloadavg()
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"meta": meta, "results": results}, f, indent=1)
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
