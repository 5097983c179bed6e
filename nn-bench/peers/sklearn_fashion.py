#!/usr/bin/python3
"""sklearn_fashion.py - scikit-learn MLPClassifier on real Fashion-MNIST.

MLPClassifier(hidden_layer_sizes=(256, 128), max_iter=20) with scikit-learn's
defaults otherwise (ReLU, Adam lr 1e-3, batch_size=200, alpha=1e-4, shuffle,
no early stopping), random_state=0, OpenBLAS limited to 1 thread. Same data
as torch_fashion.py (IDX files, /255). Prints fit time and test accuracy.

Run (peak RSS from GNU time):
  /usr/bin/time -v /usr/bin/python3 sklearn_fashion.py --max-iter 20 --json fashion_sklearn.json
"""
import argparse
import json
import os
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier

from blas_check import openblas_or_exit

openblas_or_exit("sklearn_fashion.py")
from threadpoolctl import threadpool_limits  # noqa: E402


ap = argparse.ArgumentParser()
ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
ap.add_argument("--max-iter", type=int, default=20)
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--json", default=None)
args = ap.parse_args()


def read_idx(path):
    import gzip
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(prefix):
    def p(name):
        f = os.path.join(args.data, name)
        return f if os.path.exists(f) else f + ".gz"
    x = read_idx(p(f"{prefix}-images-idx3-ubyte"))
    y = read_idx(p(f"{prefix}-labels-idx1-ubyte"))
    return x.reshape(len(x), -1).astype(np.float32) / 255.0, y.astype(np.int64)


def main():
    xtr, ytr = load("train")
    xte, yte = load("t10k")
    clf = MLPClassifier(hidden_layer_sizes=(256, 128), max_iter=args.max_iter, random_state=0)
    with threadpool_limits(limits=args.threads, user_api="blas"), warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        t0 = time.perf_counter()
        clf.fit(xtr, ytr)
        fit_s = time.perf_counter() - t0
        acc = float((clf.predict(xte) == yte).mean())
    print(f"sklearn {sklearn.__version__}: {clf.n_iter_} epochs, fit {fit_s:.1f} s, "
          f"final loss {clf.loss_:.4f}, test acc {acc * 100:.2f}%")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(dict(meta=dict(date=time.strftime("%Y-%m-%d %H:%M:%S %Z"),
                                     sklearn=sklearn.__version__, numpy=np.__version__,
                                     threads=args.threads, max_iter=args.max_iter,
                                     OPENBLAS_CORETYPE=os.environ.get("OPENBLAS_CORETYPE")),
                           n_iter=clf.n_iter_, fit_s=fit_s, test_acc=acc,
                           loss_curve=clf.loss_curve_), f, indent=1)
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
