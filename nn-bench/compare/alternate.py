#!/usr/bin/python3
"""alternate.py - nnj against its peers, timed in turns on the same CPU.

run.sh measures nnj (JMH) and then the peers, minutes apart; on this shared host a single core's speed
changes by 20-30% from one minute to the next, so a ratio of two such figures says as much about the
host as about the code. Here nnj runs in a server JVM (dev.nnj.bench.TimingServer) and the peer in this
process, and each round times a slice of about --slice seconds of one, then of the other, the order
alternating; both processes are pinned to one CPU (--cpu), so they never run at the same time or on
different cores. The ratio is taken round by round: its median and quartiles are printed. Before the
rounds, nnj's side runs until its JIT has compiled nothing for a second (NnjSide.settle).

Sections (--what, comma-separated; default all):
  sgemm    nnj on one thread against numpy's matmul on OpenBLAS's AVX-512 kernel, one thread, for the
           products the targets name: squares 256 and 512 and the MLP's products at batch 128 and 32,
           or the products given by --shapes OP:MxKxN,...
  train    a training step of 784-256-128-10 against PyTorch's (SGD and Adam, batch 32 and 128)
  infer    inference at batch 1 and 128 against PyTorch's
  threads  nnj on two threads against nnj on one (not pinned: both CPUs), a step and 512^3, after the
           machine's own multiply-add loop on two threads against one (what two threads can gain at that
           moment); and inference at batch 1 with nnj on two threads, its default, against PyTorch on one

Usage (about 8 minutes with the defaults; needs nn-bench/target/benchmarks.jar and the peers, as run.sh):
  /usr/bin/python3 nn-bench/compare/alternate.py [--cpu 0] [--rounds 15] [--json out.json]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CHILD = "NNJ_ALTERNATE_CHILD"


def child_environment():
    """The peers' fast configuration, fixed before numpy and torch load: OpenBLAS's AVX-512 kernel (the
    variables this machine sets pin it to AVX2), one BLAS thread, and glibc keeping freed memory (see
    peers/torch_train.py: without it PyTorch's Adam step runs four to five times slower here)."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env.update({CHILD: "1", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
                "GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=536870912"})
    return env


if os.environ.get(CHILD) is None:
    os.execve(sys.executable, [sys.executable] + sys.argv, child_environment())

sys.path.insert(0, os.path.join(ROOT, "nn-bench", "peers"))
import numpy as np  # noqa: E402
from blas_check import openblas_or_exit  # noqa: E402

openblas_or_exit("alternate.py")
import torch  # noqa: E402
from torch import nn  # noqa: E402

torch.set_num_threads(1)

SGEMM = ["NN:256x256x256", "NT:256x256x256", "TN:256x256x256",
         "NN:512x512x512", "NT:512x512x512", "TN:512x512x512",
         # batch 128: forward (NT), weight gradient (TN), input gradient (NN) of 784->256 and 256->128
         "NT:128x784x256", "TN:256x128x784", "NN:128x256x784",
         "NT:128x256x128", "TN:128x128x256", "NN:128x128x256",
         # the 10-wide output layer at batch 128 and 32, and the other layers at batch 32
         "NT:128x128x10", "TN:10x128x128", "NN:128x10x128",
         "NT:32x128x10", "TN:10x32x128", "NN:32x10x128",
         "NT:32x784x256", "TN:256x32x784", "TN:128x32x256"]
TRAIN = [("sgd", 128), ("adam", 128), ("sgd", 32), ("adam", 32)]
INFER = [1, 128]
# How long the JIT must have compiled nothing before a work's timing starts, and the longest wait for it,
# per side (NnjSide.settle).
SETTLE_QUIET = 1.0
SETTLE_LIMIT = 30.0
THREADS = ["step:{}:sgd:128", "step:{}:adam:128", "step:{}:sgd:512", "sgemm:{}:NN:512x512x512",
           "sgemm:{}:TN:512x512x512"]


class Server:
    """The nnj side: a TimingServer JVM, answering 'time WORK CALLS' with the nanoseconds taken."""

    def __init__(self, jar, java):
        env = {k: v for k, v in os.environ.items() if k != "GLIBC_TUNABLES"}  # the peers' setting, not nnj's
        self.proc = subprocess.Popen([java, "--add-modules", "jdk.incubator.vector", "-cp", jar,
                                      "dev.nnj.bench.TimingServer"], env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     text=True, bufsize=1)

    def time(self, work, calls):
        """Seconds for the calls, and the server JVM's compilation time so far in ms (-1 if unknown)."""
        self.proc.stdin.write(f"time {work} {calls}\n")
        answer = self.proc.stdout.readline().split()
        if len(answer) != 3 or answer[0] != "ok":
            raise SystemExit(f"alternate.py: nnj's TimingServer failed on {work}: {' '.join(answer) or 'no answer'}")
        return int(answer[1]) / 1e9, int(answer[2])

    def close(self):
        self.proc.stdin.write("quit\n")
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


class NnjSide:
    """nnj's side of a comparison: called with a number of calls, returns the seconds they took."""

    def __init__(self, server, work):
        self.server, self.work = server, work

    def __call__(self, calls):
        return self.server.time(self.work, calls)[0]

    def settle(self, slice_seconds, quiet_seconds=SETTLE_QUIET, limit_seconds=SETTLE_LIMIT):
        """Runs the work in short slices until the JIT has compiled nothing for quiet_seconds, or until
        limit_seconds have passed. Code still being compiled runs several times slower, and on one CPU the
        compiler threads take their time from the slices being timed: with a fixed two seconds of warm-up,
        inference at batch 128, measured right after batch 1 (other code paths), ran its first rounds at a
        fifth of its compiled rate while the JIT went on compiling for seconds. One quiet slice is not enough:
        the JVM counts a compilation's time when it ends, and one can span several slices. Returns the
        seconds spent, or None when the limit was reached with the JIT still at work."""
        calls = calls_for(self, slice_seconds / 4)
        start = quiet_since = time.perf_counter()
        _, before = self.server.time(self.work, calls)
        while time.perf_counter() - start < limit_seconds:
            _, after = self.server.time(self.work, calls)
            now = time.perf_counter()
            if after != before:
                quiet_since, before = now, after
            elif now - quiet_since >= quiet_seconds:
                return now - start
        return None


def nnj_side(server, work):
    return NnjSide(server, work)


def timed_loop(call):
    def run(calls):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        return time.perf_counter() - start
    return run


def numpy_sgemm(spec):
    op, shape = spec.split(":")
    m, k, n = (int(v) for v in shape.split("x"))
    rng = np.random.default_rng(1)
    a = rng.uniform(-1, 1, (k, m) if op[0] == "T" else (m, k)).astype(np.float32)
    b = rng.uniform(-1, 1, (n, k) if op[1] == "T" else (k, n)).astype(np.float32)
    a = a.T if op[0] == "T" else a
    b = b.T if op[1] == "T" else b
    c = np.empty((m, n), dtype=np.float32)
    return timed_loop(lambda: np.matmul(a, b, out=c)), 2.0 * m * n * k


def torch_model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))


def torch_step(optimizer, batch):
    """PyTorch's step as in peers/torch_train.py: random images and labels, eight batches in turn."""
    model = torch_model()
    opt = torch.optim.SGD(model.parameters(), lr=0.01) if optimizer == "sgd" else \
        torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    gen = torch.Generator().manual_seed(1)
    xs = [torch.rand(batch, 784, generator=gen) for _ in range(8)]
    ys = [torch.randint(0, 10, (batch,), generator=gen) for _ in range(8)]
    state = {"i": 0}

    def step():
        i = state["i"] = (state["i"] + 1) % 8
        opt.zero_grad()
        loss_fn(model(xs[i]), ys[i]).backward()
        opt.step()
    return timed_loop(step)


def torch_infer(batch):
    model = torch_model().eval()
    x = torch.rand(batch, 784, generator=torch.Generator().manual_seed(1))

    def infer():
        with torch.no_grad():
            model(x)
    return timed_loop(infer)


def calls_for(run, slice_seconds):
    """Calls that take about slice_seconds, found by doubling the calls until they take a quarter of it."""
    calls, spent = 1, 0.0
    while spent < slice_seconds / 4:
        calls *= 2
        spent = run(calls)
    return max(1, int(calls * slice_seconds / spent))


def alternate(first, second, rounds, slice_seconds, warmup_seconds):
    """Median time per call of each side, and the median and quartiles of second/first, round by round."""
    end = time.perf_counter() + warmup_seconds
    while time.perf_counter() < end:
        first(1)
        second(1)
    for side in (first, second):
        if isinstance(side, NnjSide) and side.settle(slice_seconds) is None:
            print(f"alternate.py: the JIT was still compiling for {side.work} after {SETTLE_LIMIT:.0f} s; "
                  f"its figures may be low", file=sys.stderr, flush=True)
    calls = [calls_for(first, slice_seconds), calls_for(second, slice_seconds)]
    times = [[], []]
    for r in range(rounds):
        order = (0, 1) if r % 2 == 0 else (1, 0)
        for side in order:
            times[side].append((first, second)[side](calls[side]) / calls[side])
    ratios = sorted(b / a for a, b in zip(times[0], times[1]))
    q = statistics.quantiles(ratios, n=4)
    return statistics.median(times[0]), statistics.median(times[1]), statistics.median(ratios), q[0], q[2]


def report(rows, label, first_name, second_name, unit, per_call_amount, result):
    a, b, ratio, low, high = result
    rows.append({"work": label, first_name: per_call_amount / a, second_name: per_call_amount / b,
                 "unit": unit, "ratio": ratio, "ratio_q1": low, "ratio_q3": high})
    print(f"{label:<22} {first_name} {per_call_amount / a:>10,.1f}  {second_name} {per_call_amount / b:>10,.1f} {unit}"
          f"   {first_name} ÷ {second_name} {ratio:.2f} [{low:.2f}, {high:.2f}]", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--what", default="sgemm,train,infer,threads")
    ap.add_argument("--cpu", default="0", help="the CPU both sides run on, or 'none' not to pin them")
    ap.add_argument("--rounds", type=int, default=15)
    ap.add_argument("--slice", type=float, default=0.25, help="seconds per side per round")
    ap.add_argument("--jar", default=os.path.join(ROOT, "nn-bench", "target", "benchmarks.jar"))
    ap.add_argument("--java", default="java")
    ap.add_argument("--json", default=None)
    ap.add_argument("--shapes", default=None,
                    help="the sgemm section's products instead of its default list: OP:MxKxN,... (OP NN, NT or TN)")
    args = ap.parse_args()
    shapes = args.shapes.split(",") if args.shapes else SGEMM
    bad = [spec for spec in shapes if not re.fullmatch(r"(NN|NT|TN):[1-9][0-9]*x[1-9][0-9]*x[1-9][0-9]*", spec)]
    if bad:
        ap.error(f"--shapes takes OP:MxKxN with OP one of NN, NT, TN, separated by commas; got {', '.join(bad)}")
    what = set(args.what.split(","))
    sections = {"sgemm", "train", "infer", "threads"}
    if not what <= sections:
        ap.error(f"--what takes sections among {', '.join(sorted(sections))}; got {', '.join(sorted(what - sections))}")
    if args.cpu != "none" and (not args.cpu.isdigit() or int(args.cpu) not in os.sched_getaffinity(0)):
        ap.error(f"--cpu must be 'none' or one of the CPUs this process may use, "
                 f"{sorted(os.sched_getaffinity(0))}; got '{args.cpu}'")
    if not os.path.isfile(args.jar):
        raise SystemExit(f"alternate.py: no {args.jar}; build it: mvn -B -pl nn-bench -am package -DskipTests")
    all_cpus = os.sched_getaffinity(0)
    rows = []
    if what & {"sgemm", "train", "infer"}:
        if args.cpu != "none":
            os.sched_setaffinity(0, {int(args.cpu)})  # the JVM started below inherits it
        print(f"pinned to CPU {args.cpu}; {args.rounds} rounds of {args.slice} s per side; ratios: the peer's "
              f"time over nnj's, above 1 when nnj is faster", flush=True)
        server = Server(args.jar, args.java)
        # The first work of each kind waits for C2 to compile nnj's code for it: on one CPU the compiler
        # threads take their time from the slices being timed (a first run gave SGD at batch 128 0.7x
        # the rate it reached once compiled).
        first, later = 8.0, 2.0
        warm = first
        if "sgemm" in what:
            for spec in shapes:
                peer, flops = numpy_sgemm(spec)
                result = alternate(nnj_side(server, f"sgemm:simd-1:{spec}"), peer, args.rounds, args.slice, warm)
                report(rows, "sgemm " + spec, "nnj", "OpenBLAS", "GFLOP/s", flops / 1e9, result)
                warm = later
        if "train" in what:
            warm = first
            for optimizer, batch in TRAIN:
                result = alternate(nnj_side(server, f"step:simd-1:{optimizer}:{batch}"), torch_step(optimizer, batch),
                                   args.rounds, args.slice, warm)
                report(rows, f"step {optimizer} {batch}", "nnj", "PyTorch", "samples/s", batch, result)
                warm = later
        if "infer" in what:
            warm = first
            for batch in INFER:
                result = alternate(nnj_side(server, f"infer:simd-1:{batch}"), torch_infer(batch),
                                   args.rounds, args.slice, warm)
                report(rows, f"inference {batch}", "nnj", "PyTorch", "samples/s", batch, result)
                warm = later
        server.close()
    if "threads" in what:
        os.sched_setaffinity(0, all_cpus)
        print(f"not pinned (CPUs {sorted(all_cpus)}); ratios: one thread's time over two threads'", flush=True)
        server = Server(args.jar, args.java)
        # The ceiling for everything below: the same FMA chains, in registers, split over two threads (one
        # small method, compiled within the 2 s of warm-up; the first step needs the 8 s).
        result = alternate(nnj_side(server, "peak:2"), nnj_side(server, "peak:1"), args.rounds, args.slice, 2.0)
        report(rows, "multiply-add peak", "2 threads", "1 thread", "calls/s", 1, result)
        warm = 8.0
        for template in THREADS:
            two, one = template.format("simd-2"), template.format("simd-1")
            result = alternate(nnj_side(server, two), nnj_side(server, one), args.rounds, args.slice, warm)
            per_call = int(template.split(":")[-1]) if template.startswith("step") else \
                2.0 * 512 ** 3 / 1e9
            unit = "samples/s" if template.startswith("step") else "GFLOP/s"
            report(rows, template.format("").replace("::", ":"), "2 threads", "1 thread", unit, per_call, result)
            warm = 2.0
        # The batch-1 target compares nnj's default kernels, which use every processor (a single sample
        # splits its widest layer across them), with PyTorch on one thread.
        result = alternate(nnj_side(server, "infer:simd-2:1"), torch_infer(1), args.rounds, args.slice, warm)
        report(rows, "inference 1, 2 threads", "nnj", "PyTorch", "samples/s", 1, result)
        server.close()
    if args.json:
        with open(args.json + ".tmp", "w") as f:
            json.dump({"cpu": args.cpu, "rounds": args.rounds, "slice": args.slice, "rows": rows}, f, indent=1)
        os.replace(args.json + ".tmp", args.json)


if __name__ == "__main__":
    main()
