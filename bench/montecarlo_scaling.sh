#!/usr/bin/env bash
# Monte Carlo cost against dataset size (issue 21): `decarbfund montecarlo` with DRAWS draws (default
# 1000) on synthetic datasets of k × data/nl's MIDDEN sites (bench/make_synthetic_dataset.py),
# k = 1 2 4 8 16, tornado and central run included. Prints CPU seconds (user + sys, so the
# machine's load does not count) per site-draw and its ratio to k = 1: linear cost keeps it near 1.
#   bench/montecarlo_scaling.sh [build/decarbfund] [--separate-inputs]     (from the repository root)
# --separate-inputs: each copy also gets data/nl's announced projects, an uncertain input each, so
# the inputs grow with the sites (the tornado then runs its --tornado-top: TORNADO_TOP, default the
# program's, 200).
set -euo pipefail
binary=build/decarbfund
separate=""
for a in "$@"; do
  case "$a" in
    --separate-inputs) separate=--separate-inputs ;;
    *) binary=$a ;;
  esac
done
draws=${DRAWS:-1000}
factors=${FACTORS:-"1 2 4 8 16"}
top=()
[ -n "${TORNADO_TOP:-}" ] && top=(--tornado-top "$TORNADO_TOP")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); draws: $draws; threads: 1; ${separate:-grouped inputs}; --tornado-top ${TORNADO_TOP:-default}"
printf '%4s %7s %7s %8s %9s %9s %14s %7s\n' k sites inputs tornado cpu_s wall_s us/site-draw ratio
base=""
for k in $factors; do
  /usr/bin/python3 bench/make_synthetic_dataset.py --factor "$k" --out "$work/nl-x$k" $separate >/dev/null
  sites=$(($(wc -l <"$work/nl-x$k/midden/sites.csv") - 1 + $(wc -l <"$work/nl-x$k/additions/sites.csv") - 1))
  /usr/bin/time -f '%U %S %e' -o "$work/time" "$binary" montecarlo --data "$work/nl-x$k" \
    --scenario scenarios/belastingplan-2026.yaml --draws "$draws" --threads 1 "${top[@]}" --quiet \
    --json "$work/mc.json"
  read -r user sys wall <"$work/time"
  read -r inputs bars < <(/usr/bin/python3 -c "import json; j = json.load(open('$work/mc.json')); \
print(len(j['uncertain_inputs']), len(j['sensitivity']['tornado']['bars']))")
  per=$(/usr/bin/python3 -c "print(($user + $sys) / ($sites * $draws) * 1e6)")
  base=${base:-$per}
  printf '%4s %7s %7s %8s %9.2f %9.2f %14.3f %7.2f\n' "$k" "$sites" "$inputs" "$bars" \
    "$(/usr/bin/python3 -c "print($user + $sys)")" "$wall" "$per" "$(/usr/bin/python3 -c "print($per / $base)")"
  rm -rf "$work/nl-x$k"
done
