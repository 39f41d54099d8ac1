#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (in build-fuzz/) and runs each one for SECONDS
# seconds, starting from the seeds in fuzz/corpus/<target>/ (copied to build-fuzz/corpus/, so the
# committed seeds stay small). Prints one line per target: executions, corpus size, findings.
# Exit 1 when any target found a crash, leak, timeout or sanitizer report (its log is printed).
#   scripts/fuzz.sh SECONDS [TARGET...]     (make fuzz, make fuzz-smoke)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
if ! command -v clang++ >/dev/null; then
  echo "fuzzing needs clang and libFuzzer: apt-get install clang libclang-rt-14-dev" >&2
  exit 1
fi
cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" -DDECARBFUND_FUZZ=ON -DDECARBFUND_TESTS=OFF -DDECARBFUND_BENCH=OFF \
  -DDECARBFUND_WEB=OFF >/dev/null
cmake --build build-fuzz --target fuzz_targets -j "$(nproc)"
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(csv_fuzz scenario_fuzz api_json_fuzz deal_yaml_fuzz phases_yaml_fuzz round_yaml_fuzz
           applications_csv_fuzz dataset_yaml_fuzz token_file_fuzz midden_json_fuzz)
fi
mkdir -p build-fuzz/logs
failed=()
for t in "${targets[@]}"; do
  corpus=build-fuzz/corpus/$t
  mkdir -p "$corpus"
  cp -n fuzz/corpus/"$t"/* "$corpus"/ 2>/dev/null || true
  log=build-fuzz/logs/$t.log
  # -max_len: long enough for nesting attacks on the readers' bounds; -rss_limit_mb: a reader
  # that loads without bound is a finding.
  if build-fuzz/fuzz/"$t" -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix=build-fuzz/logs/"$t"- "$corpus" >"$log" 2>&1; then
    result=ok
  else
    result=FINDING
    failed+=("$t")
  fi
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  printf '%-22s %10s executions in %ss, corpus %4s inputs: %s\n' "$t" "$runs" "$seconds" \
    "$(ls "$corpus" | wc -l)" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  for t in "${failed[@]}"; do
    echo "--- $t (build-fuzz/logs/$t.log) ---" >&2
    tail -n 40 build-fuzz/logs/"$t".log >&2
  done
  exit 1
fi
