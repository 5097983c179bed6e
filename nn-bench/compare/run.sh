#!/usr/bin/env bash
# Measures nnj (JMH) and its peers (OpenBLAS through numpy, PyTorch) one after another in one session,
# so that their ratios mean something on a shared machine. Needs nn-bench/target/benchmarks.jar
# (mvn -B -pl nn-bench -am package -DskipTests) and the peers from Debian:
#   apt-get install -y python3-numpy python3-torch python3-threadpoolctl libopenblas0-pthread
# (without libopenblas0-pthread, numpy and torch run on the reference BLAS, about 30 times slower).
# Usage: nn-bench/compare/run.sh [OUT_DIR]   (default: the current directory; about 25 minutes)
# Then: peers.py OUT_DIR [OUT_DIR...] prints the tables against the peers, forks.py OUT_DIR/threads.json the
# two-thread runs fork by fork.
set -u
out="$(cd "${1:-.}" && pwd)"
cd "$(dirname "$0")/../.."
# The peers must be installed and run on OpenBLAS: find out now, not after 20 minutes of JMH.
if ! (cd nn-bench/peers && /usr/bin/python3 -c 'import numpy, torch, blas_check; blas_check.openblas_or_exit("run.sh")'); then
    echo "run.sh: the peers are not ready; see the comment at the top of $0" >&2
    exit 2
fi
J="java -jar nn-bench/target/benchmarks.jar"
O="-f 1 -wi 3 -w 1 -i 5 -r 1"
# The machine's multiply-add peak on one and on two threads: the ceiling of every GEMM figure below
$J PeakFlopsBenchmark -t 1 $O -rf json -rff "$out/peak_t1.json"
$J PeakFlopsBenchmark -t 2 $O -rf json -rff "$out/peak_t2.json"
$J GemmBenchmark -p transpose=NT -p shape=256,512,128x784x256,128x256x128,128x128x10,32x784x256,32x256x128,10000x784x256 -p kernels=simd-1,simd $O -rf json -rff "$out/gemm_nt.json"
$J GemmBenchmark -p transpose=TN -p shape=256,512,256x128x784,128x128x256,10x128x128,256x32x784,128x32x256 -p kernels=simd-1,simd $O -rf json -rff "$out/gemm_tn.json"
$J GemmBenchmark -p transpose=NN -p shape=256,512,128x256x784,128x128x256,128x10x128,32x128x256 -p kernels=simd-1,simd $O -rf json -rff "$out/gemm_nn.json"
$J GemmBenchmark -p transpose=NN -p shape=256,128x256x784 -p kernels=scalar $O -rf json -rff "$out/gemm_scalar.json"
$J TrainingStepBenchmark -p batch=32,128,512 -p kernels=simd-1,simd -p optimizer=adam,sgd -f 1 -wi 8 -w 1 -i 5 -r 1 -prof gc -rf json -rff "$out/train.json"
$J StepGemmsBenchmark -p batch=32,128,512 -p kernels=simd-1,simd -f 1 -wi 8 -w 1 -i 5 -r 1 -rf json -rff "$out/step_gemms.json"
# Two threads against one, three forks each: whether the second virtual CPU helps varies from one JVM to the next
$J TrainingStepBenchmark -p batch=128,512 -p kernels=simd-1,simd -p optimizer=adam,sgd -f 3 -wi 5 -w 1 -i 4 -r 1 -rf json -rff "$out/threads.json"
$J GemmBenchmark -p transpose=NN,TN -p shape=512 -p kernels=simd-1,simd -f 3 -wi 3 -w 1 -i 4 -r 1 -rf json -rff "$out/threads_gemm.json"
$J InferenceBenchmark -p batch=1,128,10000 -p kernels=simd-1,simd -f 1 -wi 5 -w 1 -i 5 -r 1 -prof gc -rf json -rff "$out/infer.json"
cd nn-bench/peers
# OpenBLAS's AVX-512 kernel (the variables this machine sets pin it to its AVX2 kernel), then as set
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 sgemm_openblas.py --threads 1 --repeats 5 --label unset --json "$out/openblas_unset.json"
# PyTorch with glibc's malloc keeping freed memory, its fast configuration here (see torch_train.py)
export GLIBC_TUNABLES=glibc.malloc.mmap_threshold=268435456:glibc.malloc.trim_threshold=536870912
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 torch_train.py --threads 1 --repeats 3 --label unset --json "$out/torch_unset.json"
/usr/bin/python3 torch_train.py --threads 1 --repeats 3 --label default --json "$out/torch_default.json"
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 torch_train.py --threads 2 --repeats 3 --label unset \
    --json "$out/torch_unset_t2.json"
unset GLIBC_TUNABLES
/usr/bin/python3 sgemm_openblas.py --threads 1 --repeats 5 --label default --json "$out/openblas_default.json"
