#!/usr/bin/env bash
# Chengyu against numpy, scipy and pymrio on the same tables, in one run, on this machine (issue 9, point 6).
#
#   Benchmarks/peers/run.sh [--repeat N] [--pymrio-sample K] [--columns C]
#
# 1. a virtual environment in Benchmarks/peers/.venv with numpy, scipy, pymrio (and threadpoolctl, to report
#    numpy's BLAS threads) from PyPI;
# 2. the 42 regions × 42 sectors table (n = 1,764) from make_mrio.py (seed 2019) in Benchmarks/peers/data/
#    (git-ignored; made once, reused);
# 3. `swift build -c release --product chengyu`;
# 4. peers.py: (a) multipliers, (b) the 17-year changing-A scenario, (c) 1,000 demand variants; ratios,
#    agreement, peak memory, dgemm rate; the report is also kept in Benchmarks/peers/results/ (git-ignored).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$here/.venv"
data="${CHENGYU_PEERS_DATA:-$here/data}"
table="$data/r42_s42"

if [ ! -x "$venv/bin/python" ]; then python3 -m venv "$venv"; fi
"$venv/bin/python" -c "import numpy, scipy, pymrio, threadpoolctl" 2>/dev/null \
  || "$venv/bin/pip" install --quiet numpy scipy pymrio threadpoolctl

if [ ! -f "$table/Z.npy" ] || [ ! -f "$table/Z.csv" ]; then
  echo "generating $table (make_mrio.py -R 42 -S 42, about a minute)"
  "$venv/bin/python" "$here/make_mrio.py" -R 42 -S 42 --out "$table" > /dev/null
fi

(cd "$root" && swift build -c release --product chengyu 2>&1 | tail -1)

mkdir -p "$here/results"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
echo "load before the run: $(uptime)"
"$venv/bin/python" "$here/peers.py" --table "$table" --chengyu "$root/.build/release/chengyu" \
  --json "$here/results/peers-$stamp.json" "$@" | tee "$here/results/peers-$stamp.txt"
