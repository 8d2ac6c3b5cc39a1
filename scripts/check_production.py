#!/usr/bin/env python3
"""Validate the production-block data in Sources/BaseData/Resources/data/production/ (issue 17, MODEL-v3 §4).

The engine does not read this folder yet; this script is its only check. Modelled on check_population.py.
Checks (standard library only; exit 0 = ok, 2 = bad input; messages name file, line and field):
  * every data file parses as UTF-8 CSV with the long-format header HEADER (the population/ format);
  * every row has a parseable value, a non-empty unit, a known region id, sex `total` and empty ages;
  * every row names at least one source id and every id resolves in production/sources.csv,
    history/sources.csv or the base data's sources.csv; production/sources.csv has no duplicate id and
    every source has an address;
  * provenance is `source` or `estimate`, and an `estimate` row states its arithmetic in `method`;
  * RESERVED DATA: no row for a Chongqing district or county (`cq-*`) has a year >= 2021;
  * no duplicate key (region, indicator, year, sex, age_from, age_to, unit, vintage);
  * units: `percent` values lie in [-100, 1000] and shares (indicators containing `_share`) in [0, 100];
    `100m yuan` levels are >= 0 except net flows (indicator starting `net_`); elasticities and ratios finite;
  * parameter ranges: for every (region, base, year, vintage) with `<base>_range_low` and `<base>_range_high`
    rows, low <= high; a `<base>_point` lying outside its range is reported;
  * method parameters of region `model` carry a year (publication year) and a vintage.
Usage: python3 scripts/check_production.py [data_dir]        (default: Sources/BaseData/Resources/data)
       python3 scripts/check_production.py --coverage [data_dir]
"""
import csv
import math
import os
import sys

HEADER = ["region_id", "indicator", "year", "sex", "age_from", "age_to", "value", "unit", "vintage",
          "provenance", "source_ids", "method"]
DATA_FILES = ["tech_progress.csv", "investment.csv", "sector_structure.csv", "parameters.csv"]
EXTRA_REGIONS = {"china", "chongqing", "sichuan", "circle", "model"}
KNOWN_UNITS = {"percent", "100m yuan", "ratio", "years", "elasticity"}
RESERVED_FROM_YEAR = 2021


class Problems:
    def __init__(self):
        self.items = []

    def add(self, path, line, field, msg):
        self.items.append(f"{path}:{line}: {field}: {msg}")


def load_ids(path, probs, check=False):
    ids = set()
    if not os.path.exists(path):
        if check:
            probs.add(path, 0, "file", "missing")
        return ids
    with open(path, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f), start=2):
            sid = (row.get("source_id") or "").strip()
            if check:
                if not sid:
                    probs.add(path, i, "source_id", "empty id")
                elif sid in ids:
                    probs.add(path, i, "source_id", f"duplicate id {sid}")
                elif not sid.startswith("S-D-"):
                    probs.add(path, i, "source_id", f"{sid}: ids of this folder start with S-D-")
                if not (row.get("address") or "").strip():
                    probs.add(path, i, "address", f"source {sid} has no address")
            ids.add(sid)
    return ids


def load_regions(data_dir):
    path = os.path.join(data_dir, "jurisdictions", "jurisdictions.csv")
    with open(path, encoding="utf-8", newline="") as f:
        return {r["id"] for r in csv.DictReader(f)} | EXTRA_REGIONS


def check_row(path, line, row, probs, regions, known_ids):
    ok = True
    try:
        row["_year"] = int(row["year"])
    except ValueError:
        probs.add(path, line, "year", f"not an integer: {row['year']!r}")
        return False
    try:
        row["_value"] = float(row["value"])
        if not math.isfinite(row["_value"]):
            raise ValueError
    except ValueError:
        probs.add(path, line, "value", f"not a finite number: {row['value']!r}")
        ok = False
    unit = row["unit"].strip()
    if not unit:
        probs.add(path, line, "unit", "empty unit")
        ok = False
    elif unit not in KNOWN_UNITS:
        probs.add(path, line, "unit", f"{unit!r} not in {sorted(KNOWN_UNITS)} (add it to KNOWN_UNITS and the README)")
        ok = False
    if row["region_id"] not in regions:
        probs.add(path, line, "region_id", f"unknown region {row['region_id']!r}")
        ok = False
    if row["region_id"].startswith("cq-") and row["_year"] >= RESERVED_FROM_YEAR:
        probs.add(path, line, "year", f"reserved data: {row['region_id']} has year {row['_year']} >= {RESERVED_FROM_YEAR}")
        ok = False
    if row["sex"] != "total":
        probs.add(path, line, "sex", f"{row['sex']!r}: production rows use `total`")
        ok = False
    if row["age_from"].strip() or row["age_to"].strip():
        probs.add(path, line, "age_from/age_to", "production rows have empty ages")
        ok = False
    if not row["indicator"].strip():
        probs.add(path, line, "indicator", "empty indicator")
        ok = False
    if not row["vintage"].strip():
        probs.add(path, line, "vintage", "empty vintage")
        ok = False
    ids = [s.strip() for s in row["source_ids"].split(";") if s.strip()]
    if not ids:
        probs.add(path, line, "source_ids", "no source id")
        ok = False
    for sid in ids:
        if sid not in known_ids:
            probs.add(path, line, "source_ids", f"unknown source id {sid!r}")
            ok = False
    if row["provenance"] not in ("source", "estimate"):
        probs.add(path, line, "provenance", f"{row['provenance']!r} not source/estimate")
        ok = False
    if row["provenance"] == "estimate" and not row["method"].strip():
        probs.add(path, line, "method", "an estimate must state its arithmetic")
        ok = False
    if ok:
        check_value_range(path, line, row, probs)
    return ok


def check_value_range(path, line, row, probs):
    v, unit, ind = row["_value"], row["unit"], row["indicator"]
    if unit == "percent":
        if "_share" in ind and not 0.0 <= v <= 100.0:
            probs.add(path, line, "value", f"{ind}: share {v:g} % outside [0, 100]")
        elif not -100.0 <= v <= 1000.0:
            probs.add(path, line, "value", f"{ind}: {v:g} % outside [-100, 1000]")
    elif unit == "100m yuan" and v < 0 and not ind.startswith("net_"):
        probs.add(path, line, "value", f"{ind}: negative level {v:g} (only net_* flows may be negative)")
    elif unit == "years" and v <= 0:
        probs.add(path, line, "value", f"{ind}: {v:g} years is not positive")


def read_rows(path, probs, regions, known_ids):
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        if header != HEADER:
            probs.add(path, 1, "header", f"expected {HEADER}, got {header}")
            return out
        for line, raw in enumerate(reader, start=2):
            if not raw:
                continue
            if len(raw) != len(HEADER):
                probs.add(path, line, "row", f"{len(raw)} fields, expected {len(HEADER)}")
                continue
            row = dict(zip(HEADER, raw))
            if check_row(path, line, row, probs, regions, known_ids):
                out.append((line, row))
    return out


def check_duplicates(path, rows, probs):
    seen = {}
    for line, r in rows:
        key = (r["region_id"], r["indicator"], r["year"], r["sex"], r["age_from"], r["age_to"], r["unit"], r["vintage"])
        if key in seen:
            probs.add(path, line, "key", f"duplicate of line {seen[key]}: {key}")
        else:
            seen[key] = line


def check_ranges(path, rows, probs):
    """<base>_range_low <= <base>_range_high; a <base>_point inside its range."""
    groups = {}
    for line, r in rows:
        ind = r["indicator"]
        for suffix in ("_range_low", "_range_high", "_point"):
            if ind.endswith(suffix):
                key = (r["region_id"], ind[: -len(suffix)], r["_year"], r["vintage"])
                groups.setdefault(key, {})[suffix] = (r["_value"], line)
    n = 0
    for key, g in groups.items():
        lo, hi, pt = g.get("_range_low"), g.get("_range_high"), g.get("_point")
        if (lo is None) != (hi is None):
            have = lo or hi
            probs.add(path, have[1], "indicator", f"{key}: a range needs both _range_low and _range_high")
            continue
        if lo and hi:
            n += 1
            if lo[0] > hi[0]:
                probs.add(path, lo[1], "value", f"{key}: range_low {lo[0]:g} > range_high {hi[0]:g}")
            if pt and not lo[0] <= pt[0] <= hi[0]:
                probs.add(path, pt[1], "value", f"{key}: point {pt[0]:g} outside [{lo[0]:g}, {hi[0]:g}]")
    return n


def coverage(data_dir, rows_by_file):
    with open(os.path.join(data_dir, "jurisdictions", "jurisdictions.csv"), encoding="utf-8", newline="") as f:
        core = [r["id"] for r in csv.DictReader(f) if r["membership"] == "core"]
    rows = [r for rs in rows_by_file.values() for _, r in rs]

    def has(reg, pred):
        return any(r["region_id"] == reg and pred(r) for r in rows)
    targets = [
        ("technical-progress contribution, any year", lambda r: r["indicator"] == "tech_progress_contribution"),
        ("FAI level or growth 2015-2019", lambda r: r["indicator"] in ("fai_level", "fai_growth") and 2015 <= r["_year"] <= 2019),
        ("capital formation rate 2015-2019", lambda r: r["indicator"].startswith("gcf_rate") and 2015 <= r["_year"] <= 2019),
        ("industrial sub-sector share, year <= 2019", lambda r: r["indicator"].startswith("industry_") and r["_year"] <= 2019),
    ]
    for group, ids in (("provinces (chongqing, sichuan)", ["chongqing", "sichuan"]),
                       ("chongqing districts (27)", [i for i in core if i.startswith("cq-")]),
                       ("sichuan cities (15)", [i for i in core if i.startswith("sc-")])):
        for name, pred in targets:
            filled = [i for i in ids if has(i, pred)]
            print(f"{group:30s} {name:44s} {len(filled):2d} / {len(ids)}  {' '.join(filled)}")


def main(argv):
    cov = "--coverage" in argv
    args = [a for a in argv if a != "--coverage"]
    data_dir = args[0] if args else "Sources/BaseData/Resources/data"
    prod_dir = os.path.join(data_dir, "production")
    probs = Problems()
    known = load_ids(os.path.join(prod_dir, "sources.csv"), probs, check=True)
    known |= load_ids(os.path.join(data_dir, "history", "sources.csv"), probs)
    known |= load_ids(os.path.join(data_dir, "sources.csv"), probs)
    regions = load_regions(data_dir)
    rows_by_file, n_rows, n_ranges = {}, 0, 0
    for name in DATA_FILES:
        path = os.path.join(prod_dir, name)
        if not os.path.exists(path):
            probs.add(path, 0, "file", "missing")
            continue
        rows = read_rows(path, probs, regions, known)
        rows_by_file[name] = rows
        n_rows += len(rows)
        check_duplicates(path, rows, probs)
        n_ranges += check_ranges(path, rows, probs)
    if cov:
        coverage(data_dir, rows_by_file)
    if probs.items:
        for p in probs.items:
            print(p, file=sys.stderr)
        print(f"check_production: {len(probs.items)} problem(s)", file=sys.stderr)
        return 2
    print(f"check_production: ok ({n_rows} rows in {len(DATA_FILES)} files, {n_ranges} parameter ranges)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
