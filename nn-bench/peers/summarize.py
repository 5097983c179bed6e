#!/usr/bin/python3
"""summarize.py - merge the per-round JSON files in results/ into summary.json
and print Markdown tables (the peers' tables of nn-bench/results/performance-history.md).

For each point, "best" is the best run over all rounds (the figure least
disturbed by other load on the shared machine) and "median" is the median of
all runs of all rounds pooled.

Run: /usr/bin/python3 summarize.py > summary.md
"""
import glob
import json
import os
import statistics
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
RES = os.path.join(HERE, "results")


def load(pattern):
    out = []
    for p in sorted(glob.glob(os.path.join(RES, pattern))):
        with open(p) as f:
            d = json.load(f)
        d["file"] = os.path.relpath(p, HERE)
        out.append(d)
    return out


def sgemm():
    pts = defaultdict(list)
    order = []
    kernels = {}
    files = defaultdict(list)
    for d in load("sgemm_*_r*.json"):
        label = d["meta"]["label"]
        kernels[label] = d["meta"]["openblas"][0]["architecture"]
        files[label].append(d["file"])
        for r in d["results"]:
            key = (label, r["threads"], r["shape"])
            if (r["threads"], r["shape"], r["kind"], r["m"], r["n"], r["k"]) not in order:
                order.append((r["threads"], r["shape"], r["kind"], r["m"], r["n"], r["k"]))
            flop = 2.0 * r["m"] * r["n"] * r["k"]
            pts[key] += [flop / t / 1e9 for t in r["times_s"]]
    summary = {}
    labels = sorted(kernels)  # default, unset
    print("### OpenBLAS sgemm (numpy float32), GFLOP/s, best (median)\n")
    hdr = " | ".join(f"{lb} [{kernels[lb]}] {t}T" for t in (1, 2) for lb in labels)
    print(f"| shape | kind | m | n | k | {hdr} |")
    print("|---|---|---:|---:|---:|" + "---:|" * (2 * len(labels)))
    shapes = [o for o in order if o[0] == 1]
    for _, shape, kind, m, n, k in shapes:
        cells = []
        for t in (1, 2):
            for lb in labels:
                v = pts.get((lb, t, shape))
                if not v:
                    cells.append("-")
                    continue
                best, med = max(v), statistics.median(v)
                summary[f"{lb}/{t}T/{shape}"] = dict(best=best, median=med, runs=len(v))
                cells.append(f"{best:.0f} ({med:.0f})")
        print(f"| {shape} | {kind} | {m} | {n} | {k} | " + " | ".join(cells) + " |")
    print("\nfiles: " + ", ".join(f for lb in labels for f in files[lb]) + "\n")
    return dict(kernels=kernels, points=summary)


def torch_train():
    pts = defaultdict(list)
    kernels = {}
    files = []
    order = []
    for d in load("torch_t*_r*.json"):
        m = d["meta"]
        label, t = m["label"], m["threads"]
        kernels[label] = m["openblas"][0]["architecture"] if m.get("openblas") else "?"
        files.append(d["file"])
        for r in d["results"]:
            key = (r["mode"], r["optimizer"] or "-", r["batch"])
            if key not in order:
                order.append(key)
            pts[(label, t) + key] += r["samples_per_s"]
    cols = [(lb, t) for t in (1, 2) for lb in sorted(kernels)]
    summary = {}
    print("### PyTorch 784-256-128-10 MLP, samples/s, best (median)\n")
    print("| mode | optimizer | batch | " +
          " | ".join(f"{lb} [{kernels[lb]}] {t}T" for lb, t in cols) + " |")
    print("|---|---|---:|" + "---:|" * len(cols))
    for mode, opt, bs in order:
        cells = []
        for lb, t in cols:
            v = pts.get((lb, t, mode, opt, bs))
            if not v:
                cells.append("-")
                continue
            best, med = max(v), statistics.median(v)
            summary[f"{lb}/{t}T/{mode}/{opt}/{bs}"] = dict(best=best, median=med, runs=len(v))
            cells.append(f"{best:,.0f} ({med:,.0f})")
        print(f"| {mode} | {opt} | {bs} | " + " | ".join(cells) + " |")
    print("\nfiles: " + ", ".join(files) + "\n")
    return dict(kernels=kernels, points=summary)


def main():
    out = {"sgemm": sgemm(), "torch_train": torch_train()}
    with open(os.path.join(HERE, "summary.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
