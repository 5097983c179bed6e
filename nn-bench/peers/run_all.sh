#!/bin/bash
# run_all.sh - run every peer benchmark in this folder; JSON goes to results/, logs to logs/.
# The machine (2 cores) is shared with other builds: before each script it waits
# (up to MAXWAIT s) until the CPUs are < QUIET % busy over 3 s, and logs that busy
# figure and the load average before and after. Run it several times with ROUND=1,2,...;
# summarize.py then merges the rounds (best run and pooled median per point).
# Usage: ROUND=1 bash run_all.sh [sgemm|torch|torch2|fashion|sklearn]...
cd "$(dirname "$0")"
PY=/usr/bin/python3
QUIET=${QUIET:-15}
MAXWAIT=${MAXWAIT:-180}
R=r${ROUND:-1}
UNSET="env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE"
mkdir -p logs results

wait_quiet() {
  local t0=$SECONDS b
  while :; do
    b=$(./busy.sh 3)
    if (( b < QUIET )) || (( SECONDS - t0 > MAXWAIT )); then break; fi
  done
  echo "# $(date +%T) start: cpu busy ${b}% (waited $((SECONDS - t0)) s), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
run() {  # run NAME CMD...: log to logs/NAME.txt
  local name=$1; shift
  { wait_quiet; echo "# cmd: $*"; "$@"; echo "# $(date +%T) end: load $(cut -d' ' -f1-3 /proc/loadavg)"; } 2>&1 | tee "logs/$name.txt"
}

what=${*:-sgemm torch fashion sklearn}
for w in $what; do case $w in
  sgemm)
    run sgemm_default_$R $PY sgemm_openblas.py --label default --json results/sgemm_default_$R.json
    run sgemm_unset_$R $UNSET $PY sgemm_openblas.py --label unset --json results/sgemm_unset_$R.json ;;
  torch)   # 1 thread
    run torch_t1_default_$R $PY torch_train.py --threads 1 --label default --json results/torch_t1_default_$R.json
    run torch_t1_unset_$R $UNSET $PY torch_train.py --threads 1 --label unset --json results/torch_t1_unset_$R.json ;;
  torch2)  # 2 threads
    run torch_t2_default_$R $PY torch_train.py --threads 2 --label default --json results/torch_t2_default_$R.json
    run torch_t2_unset_$R $UNSET $PY torch_train.py --threads 2 --label unset --json results/torch_t2_unset_$R.json ;;
  fashion)
    run fashion_torch /usr/bin/time -v $PY torch_fashion.py --epochs ${EPOCHS:-20} --json results/fashion_torch.json ;;
  sklearn)
    run fashion_sklearn /usr/bin/time -v $PY sklearn_fashion.py --max-iter 20 --json results/fashion_sklearn.json ;;
esac; done
