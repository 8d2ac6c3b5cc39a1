#!/usr/bin/env bash
# Reads `chengyu run --format iamc` back with pyam (make iamc-check; not part of make test).
#   IAMC_VENV   virtual environment folder (default .build/iamc-venv; created with python3 -m venv)
#   CONFIG      swift build configuration of the chengyu used (default debug)
# Checks: pyam parses the file; model/scenario/region/variable/unit/year as the IAMC index; the circle's 2035
# population (million) and urbanisation (%) equal trajectory.csv's (persons / 1e6, fraction × 100); every
# place of trajectory.csv is a region.
set -euo pipefail
cd "$(dirname "$0")/.."
SWIFT="${SWIFT:-swift}"
VENV="${IAMC_VENV:-.build/iamc-venv}"
CONFIG="${CONFIG:-debug}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  # SQLAlchemy 2.1 breaks the ixmp4 that pyam-iamc 3.3 imports (TypeError in ColumnCollection): pin below it.
  "$VENV/bin/pip" install --quiet pyam-iamc "sqlalchemy<2.1"
fi
"$SWIFT" build -c "$CONFIG" --product chengyu >/dev/null
BIN="$("$SWIFT" build -c "$CONFIG" --show-bin-path)/chengyu"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT
"$BIN" run Scenarios/baseline.yaml --format iamc --out "$OUT/baseline" -q > /dev/null
"$BIN" run Scenarios/plan-2025.yaml --format iamc --out "$OUT/plan" -q > /dev/null
"$VENV/bin/python" - "$OUT" <<'PY'
import sys, pandas as pd, pyam
out = sys.argv[1]
df = pyam.IamDataFrame(pd.concat([pd.read_csv(f"{out}/{r}/trajectory.iamc.csv") for r in ("baseline", "plan")]))
print(f"pyam {pyam.__version__}: {len(df)} rows; models {df.model}; scenarios {df.scenario}")
print(f"  {len(df.region)} regions, {len(df.variable)} variables, years {min(df.year)}-{max(df.year)}")
assert list(df.dimensions) == ["model", "scenario", "region", "variable", "unit", "year"], df.dimensions
tidy = pd.read_csv(f"{out}/baseline/trajectory.csv")
assert set(df.region) == set(tidy.place), set(tidy.place) ^ set(df.region)
def tidy_value(indicator):
    r = tidy[(tidy.place == "circle") & (tidy.indicator == indicator) & (tidy.year == 2035)]
    return float(r.value.iloc[0])
pop = df.filter(scenario="baseline", region="circle", variable="Population", year=2035)
urb = df.filter(scenario="baseline", region="circle", variable="Urbanisation Rate", year=2035)
assert list(pop.unit) == ["million"] and list(urb.unit) == ["%"], (pop.unit, urb.unit)
assert abs(pop.data.value.iloc[0] - tidy_value("population") / 1e6) < 1e-9
assert abs(urb.data.value.iloc[0] - tidy_value("urbanisation_rate") * 100) < 1e-9
gdp = df.filter(region="circle", variable="GDP|Constant 2019 Prices", year=2035).timeseries()
print("  circle GDP 2035 (billion CNY_2019):", {s: round(v, 1) for (m, s, r, var, u), v in gdp[2035].items()})
print("iamc-check: ok")
PY
