#!/usr/bin/env bash
# Monte Carlo cost against dataset size (issue 21): `decarbfund montecarlo` with DRAWS draws (default
# 1000) on synthetic datasets of k × data/nl's MIDDEN sites (bench/make_synthetic_dataset.py),
# k = 1 2 4 8 16, tornado and central run included. Prints CPU seconds (user + sys, so the
# machine's load does not count) per site-draw and its ratio to k = 1: linear cost keeps it near 1.
#   bench/montecarlo_scaling.sh [build/decarbfund]     (from the repository root)
set -euo pipefail
binary=${1:-build/decarbfund}
draws=${DRAWS:-1000}
factors=${FACTORS:-"1 2 4 8 16"}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); draws: $draws; threads: 1"
printf '%4s %7s %9s %9s %14s %7s\n' k sites cpu_s wall_s us/site-draw ratio
base=""
for k in $factors; do
  /usr/bin/python3 bench/make_synthetic_dataset.py --factor "$k" --out "$work/nl-x$k" >/dev/null
  sites=$(($(wc -l <"$work/nl-x$k/midden/sites.csv") - 1 + $(wc -l <"$work/nl-x$k/additions/sites.csv") - 1))
  /usr/bin/time -f '%U %S %e' -o "$work/time" "$binary" montecarlo --data "$work/nl-x$k" \
    --scenario scenarios/belastingplan-2026.yaml --draws "$draws" --threads 1 --quiet --json "$work/mc.json"
  read -r user sys wall <"$work/time"
  per=$(/usr/bin/python3 -c "print(($user + $sys) / ($sites * $draws) * 1e6)")
  base=${base:-$per}
  printf '%4s %7s %9.2f %9.2f %14.3f %7.2f\n' "$k" "$sites" "$(/usr/bin/python3 -c "print($user + $sys)")" "$wall" \
    "$per" "$(/usr/bin/python3 -c "print($per / $base)")"
  rm -rf "$work/nl-x$k"
done
