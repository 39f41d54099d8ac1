#!/usr/bin/env bash
# One whole `decarbfund outlook` process, start-up included (issue 21: ≤ 20 ms): CPU (task-clock)
# and wall time over RUNS runs by perf stat, and the dynamic loader's share (LD_DEBUG=statistics).
# Prints the load average too: figures on this shared machine mean little without it.
#   bench/outlook_process.sh [BINARY] [RUNS]      (from the checkout's root; default build/decarbfund, 20)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=${1:-build/decarbfund}
runs=${2:-20}
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "shared libraries loaded: $(ldd "$binary" | wc -l)"
"$binary" outlook --quiet >/dev/null  # warm the page cache
for args in "--version" "outlook --quiet" "outlook --quiet --no-deals --no-sme"; do
  # shellcheck disable=SC2086
  perf stat -r "$runs" -x, -e task-clock,page-faults "$binary" $args 2>&1 >/dev/null |
    awk -F, -v a="$args" '/task-clock/ { printf "%-40s %8.2f ms CPU (±%s)\n", a, $1, $4 }
                          /page-faults/ { printf "%-40s %8d page faults\n", a, $1 }'
  start=$(date +%s%N)
  for _ in $(seq "$runs"); do
    # shellcheck disable=SC2086
    "$binary" $args >/dev/null 2>&1
  done
  end=$(date +%s%N)
  printf "%-40s %8.2f ms wall (mean of %d)\n" "$args" "$(echo "($end - $start) / 1000000 / $runs" | bc -l)" "$runs"
done
LD_DEBUG=statistics "$binary" --version 2>&1 >/dev/null | sed -n 's/.*total startup time in dynamic loader: /dynamic loader: /p'
