#!/usr/bin/python3
"""torch_fashion.py - accuracy reference: PyTorch MLP on real Fashion-MNIST.

Model 784-256-128-10: Linear, ReLU, Dropout(0.2), Linear, ReLU, Dropout(0.2),
Linear; CrossEntropyLoss; Adam(lr=1e-3); batch 128; shuffled every epoch
(fixed seed); 1 thread. Inputs are the IDX files read with numpy (gzip as
shipped by Debian's dataset-fashion-mnist), scaled by 1/255, no other
normalisation. Prints test accuracy (10000 images) and times per epoch, the
total training wall time (evaluation excluded) and the whole-run wall time.

Run (peak RSS from GNU time):
  /usr/bin/time -v /usr/bin/python3 torch_fashion.py --epochs 20 --json fashion_torch.json
"""
import argparse
import gzip
import json
import os
import sys
import time

T_START = time.perf_counter()

ap = argparse.ArgumentParser()
ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
ap.add_argument("--epochs", type=int, default=20)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--seed", type=int, default=0)
ap.add_argument("--json", default=None)
args = ap.parse_args()

os.environ["OMP_NUM_THREADS"] = str(args.threads)
os.environ["OPENBLAS_NUM_THREADS"] = str(args.threads)

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from blas_check import openblas_or_exit  # noqa: E402

openblas_or_exit("torch_fashion.py")

torch.set_num_threads(args.threads)


def read_idx(path):
    """Read an IDX file (optionally .gz) into a numpy uint8 array."""
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    zero, dtype, ndim = raw[0] << 8 | raw[1], raw[2], raw[3]
    assert zero == 0 and dtype == 0x08, f"unexpected IDX header in {path}"
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    data = np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim)
    return data.reshape(dims)


def load(prefix):
    def find(name):
        for cand in (name, name + ".gz"):
            p = os.path.join(args.data, cand)
            if os.path.exists(p):
                return p
        raise FileNotFoundError(os.path.join(args.data, name))
    x = read_idx(find(f"{prefix}-images-idx3-ubyte"))
    y = read_idx(find(f"{prefix}-labels-idx1-ubyte"))
    x = torch.from_numpy(x.reshape(len(x), -1).astype(np.float32) / 255.0)
    y = torch.from_numpy(y.astype(np.int64))
    return x, y


def main():
    t0 = time.perf_counter()
    xtr, ytr = load("train")
    xte, yte = load("t10k")
    t_load = time.perf_counter() - t0
    print(f"train {tuple(xtr.shape)}, test {tuple(xte.shape)}, load {t_load:.2f} s, "
          f"torch {torch.__version__}, threads {torch.get_num_threads()}", flush=True)

    torch.manual_seed(args.seed)
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.2),
                          nn.Linear(256, 128), nn.ReLU(), nn.Dropout(0.2),
                          nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    bs = 128
    n = len(xtr)
    g = torch.Generator().manual_seed(args.seed)

    epochs = []
    train_time = 0.0
    for ep in range(1, args.epochs + 1):
        model.train()
        te0 = time.perf_counter()
        perm = torch.randperm(n, generator=g)
        tot_loss = 0.0
        for i in range(0, n, bs):
            idx = perm[i:i + bs]
            xb, yb = xtr[idx], ytr[idx]
            opt.zero_grad()
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            tot_loss += loss.item() * len(idx)
        t_ep = time.perf_counter() - te0
        train_time += t_ep
        model.eval()
        with torch.no_grad():
            acc = (model(xte).argmax(1) == yte).float().mean().item()
        epochs.append(dict(epoch=ep, train_loss=tot_loss / n, test_acc=acc, epoch_s=t_ep))
        print(f"epoch {ep:2d}  loss {tot_loss / n:.4f}  test acc {acc * 100:.2f}%  "
              f"{t_ep:.2f} s", flush=True)

    wall = time.perf_counter() - T_START
    best = max(epochs, key=lambda e: e["test_acc"])
    print(f"final test acc {epochs[-1]['test_acc'] * 100:.2f}% (best {best['test_acc'] * 100:.2f}% "
          f"at epoch {best['epoch']}); train time {train_time:.1f} s "
          f"({args.epochs * n / train_time:.0f} samples/s); whole run {wall:.1f} s")
    if args.json:
        res = dict(meta=dict(date=time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                             torch=torch.__version__, numpy=np.__version__,
                             python=sys.version.split()[0], threads=args.threads,
                             seed=args.seed, epochs=args.epochs, batch=bs,
                             OPENBLAS_CORETYPE=os.environ.get("OPENBLAS_CORETYPE"),
                             OPENBLAS_L2_SIZE=os.environ.get("OPENBLAS_L2_SIZE"),
                             loadavg_end=os.getloadavg()),
                   load_s=t_load, train_s=train_time, wall_s=wall,
                   final_test_acc=epochs[-1]["test_acc"], best_test_acc=best["test_acc"],
                   best_epoch=best["epoch"], epochs=epochs)
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
