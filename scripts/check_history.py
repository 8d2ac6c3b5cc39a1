#!/usr/bin/env python3
"""Validate the observed-history data in Sources/BaseData/Resources/data/history/.

Checks (standard library only; exit 0 = ok, 2 = bad input, messages name file, line, field):
  * every file parses as UTF-8 CSV with its expected header;
  * every numeric row has a non-empty unit and a parseable value;
  * every row names at least one source id, and every id resolves in history/sources.csv
    or in the base data's sources.csv;
  * provenance is `source` or `estimate`, and an `estimate` row states its method;
  * no row for a Chongqing district or county (`cq-*`) has a year >= 2021 (reserved data);
    transport events are exempt (they are not district figures);
  * values lie in plausible ranges per indicator / unit;
  * no duplicate key (region, indicator, year, vintage) in regional_history.csv.
Usage: python3 scripts/check_history.py [data_dir]   (default: Sources/BaseData/Resources/data)
       python3 scripts/check_history.py --coverage [data_dir]   (filled / target cells per group)
"""
import csv
import os
import re
import sys

EXPECTED = {
    "national_path.csv": ["year", "indicator", "value", "unit", "kind", "vintage", "provenance", "source_ids", "method"],
    "regional_history.csv": ["region_id", "indicator", "year", "value", "unit", "vintage", "provenance", "source_ids", "method"],
    "transport_events.csv": ["event_id", "date", "line_id", "name_zh", "from_id", "to_id", "event_type", "design_speed_kmh",
                             "fastest_minutes", "km", "provenance", "source_ids", "note"],
    "base_fixes_2019.csv": ["id", "field", "old_value", "new_value", "unit", "source_ids", "note"],
}

# (min, max) per indicator; a value outside is an error.
RANGES = {
    "gdp_current": (1, 2_000_000),           # 亿元
    "gdp_current_lower_bound": (1, 2_000_000),  # 亿元: a published "超…" bound, not a point (never scored)
    "tech_progress_contribution": (0, 100),  # percent (科技进步贡献率)
    "employment_yearend": (50_000, 100_000),  # 万人, national
    "gdp_real_growth": (-10, 20),           # percent
    "gdp_real_growth_mean_2020_2024": (-10, 20),
    "gdp_deflator_growth": (-10, 20),
    "gdp_deflator_index": (10, 300),
    "population": (1, 150_000),             # 万人
    "population_yearend": (100_000, 150_000),
    "population_census": (1, 150_000),
    "urbanisation": (10, 100),              # percent
    "urban_share_census2020": (10, 100),
    "birth_rate": (0, 30),                  # per mille
    "death_rate": (0, 20),
    "rd_intensity": (0, 10),                # percent
    "railway_km": (100, 20_000),
    "hsr_km": (10, 10_000),
    "cq_cd_fastest_minutes": (30, 300),
    "good_air_days_share": (30, 100),       # percent
    "good_air_days": (100, 366),            # days
}
UNITS = {"gdp_current": "100m yuan", "population": "10k persons", "population_yearend": "10k persons",
         "population_census": "10k persons", "urbanisation": "percent", "rd_intensity": "percent",
         "birth_rate": "per mille", "death_rate": "per mille", "gdp_real_growth": "percent"}


class Problems:
    def __init__(self):
        self.items = []

    def add(self, path, line, field, msg):
        self.items.append(f"{path}:{line}: {field}: {msg}")


def load_source_ids(paths):
    ids = set()
    for p in paths:
        if os.path.exists(p):
            with open(p, encoding="utf-8", newline="") as f:
                for row in csv.DictReader(f):
                    ids.add(row["source_id"].strip())
    return ids


def read(path, probs):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        rows = [(i + 2, r) for i, r in enumerate(reader) if r]
    name = os.path.basename(path)
    if header != EXPECTED[name]:
        probs.add(path, 1, "header", f"expected {EXPECTED[name]}, found {header}")
        return []
    out = []
    for line, r in rows:
        if len(r) != len(header):
            probs.add(path, line, "row", f"{len(r)} fields, expected {len(header)}")
            continue
        out.append((line, dict(zip(header, r))))
    return out


def check_sources(path, line, row, ids, probs):
    sids = [s.strip() for s in row.get("source_ids", "").split(";") if s.strip()]
    if not sids:
        probs.add(path, line, "source_ids", "empty")
    for s in sids:
        if s not in ids:
            probs.add(path, line, "source_ids", f"unknown source id {s}")


def check_value(path, line, row, probs, indicator):
    try:
        v = float(row["value"])
    except ValueError:
        probs.add(path, line, "value", f"not a number: {row['value']!r}")
        return
    if not row["unit"].strip():
        probs.add(path, line, "unit", "empty")
    want = UNITS.get(indicator)
    if want and row["unit"].strip() != want:
        probs.add(path, line, "unit", f"{row['unit']!r} for {indicator}, expected {want!r}")
    lo_hi = RANGES.get(indicator)
    if lo_hi is None:
        probs.add(path, line, "indicator", f"unknown indicator {indicator!r}")
    elif not lo_hi[0] <= v <= lo_hi[1]:
        probs.add(path, line, "value", f"{v} outside [{lo_hi[0]}, {lo_hi[1]}] for {indicator}")


def check_provenance(path, line, row, probs):
    p = row["provenance"].strip()
    if p not in ("source", "estimate"):
        probs.add(path, line, "provenance", f"{p!r} is not source/estimate")
    if p == "estimate" and not row.get("method", "").strip():
        probs.add(path, line, "method", "an estimate must state its method")


def check_regional(path, ids, probs):
    rows = read(path, probs)
    seen = {}
    for line, r in rows:
        check_sources(path, line, r, ids, probs)
        check_provenance(path, line, r, probs)
        check_value(path, line, r, probs, r["indicator"])
        if not re.fullmatch(r"\d{4}", r["year"]):
            probs.add(path, line, "year", f"not a year: {r['year']!r}")
            continue
        if r["region_id"].startswith("cq-") and int(r["year"]) >= 2021:
            probs.add(path, line, "year", f"reserved: {r['region_id']} figure for {r['year']} (cq-* from 2021 on)")
        key = (r["region_id"], r["indicator"], r["year"], r["vintage"])
        if key in seen:
            probs.add(path, line, "key", f"duplicate of line {seen[key]}: {key}")
        seen[key] = line
    return len(rows)


def check_national(path, ids, probs):
    rows = read(path, probs)
    for line, r in rows:
        check_sources(path, line, r, ids, probs)
        check_provenance(path, line, r, probs)
        check_value(path, line, r, probs, r["indicator"])
        if r["kind"] not in ("realised", "projection-2019", "projection-latest"):
            probs.add(path, line, "kind", f"{r['kind']!r} is not realised/projection-2019/projection-latest")
    return len(rows)


def check_transport(path, ids, probs):
    rows = read(path, probs)
    for line, r in rows:
        check_sources(path, line, r, ids, probs)
        if r["provenance"] not in ("source", "estimate"):
            probs.add(path, line, "provenance", f"{r['provenance']!r}")
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["date"]):
            probs.add(path, line, "date", f"not YYYY-MM-DD: {r['date']!r}")
        elif not "2019-01-01" <= r["date"] <= "2025-12-31":
            probs.add(path, line, "date", f"{r['date']} outside 2019–2025")
        if r["event_type"] not in ("opening", "speed-up"):
            probs.add(path, line, "event_type", f"{r['event_type']!r}")
        for f, lo, hi in (("design_speed_kmh", 60, 400), ("fastest_minutes", 10, 600), ("km", 1, 2000)):
            if r[f].strip():
                try:
                    v = float(r[f])
                    if not lo <= v <= hi:
                        probs.add(path, line, f, f"{v} outside [{lo}, {hi}]")
                except ValueError:
                    probs.add(path, line, f, f"not a number: {r[f]!r}")
    return len(rows)


def base_values(base):
    """(id, field) -> value of the base files, to check old_value in base_fixes_2019.csv."""
    vals = {}
    fp = os.path.join(base, "jurisdictions", "figures_2019.csv")
    pp = os.path.join(base, "province", "province_context.csv")
    if os.path.exists(fp):
        with open(fp, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                vals[(r["jurisdiction_id"], r["figure"])] = r["value"]
    if os.path.exists(pp):
        with open(pp, encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                vals[(r["region"], r["indicator"])] = r["value"]
    return vals


def applied(have, new):
    """Whether the base file already holds the fix's new value (the fix was applied by the build)."""
    try:
        return abs(float(have) - float(new)) <= 1e-9
    except ValueError:
        return False


def check_fixes(path, ids, probs):
    rows = read(path, probs)
    base = os.path.dirname(os.path.dirname(path))
    vals = base_values(base)
    for line, r in rows:
        old = r["old_value"].strip()
        if old:
            have = vals.get((r["id"], r["field"]))
            if have is None:
                probs.add(path, line, "field", f"{r['id']}/{r['field']} not in the base files")
            elif abs(float(have) - float(old)) > 1e-9 and not applied(have, r["new_value"]):
                probs.add(path, line, "old_value", f"{old} but the base file has {have} (neither the old nor the new value)")
        check_sources(path, line, r, ids, probs)
        if not r["unit"].strip():
            probs.add(path, line, "unit", "empty")
        try:
            float(r["new_value"])
        except ValueError:
            probs.add(path, line, "new_value", f"not a number: {r['new_value']!r}")
    return len(rows)


CORE = ["gdp_current", "gdp_real_growth", "population", "urbanisation", "rd_intensity"]
PROVINCE_EXTRA = ["railway_km", "cq_cd_fastest_minutes", "good_air_days_share"]


def coverage(base):
    """Print filled / target cells of regional_history.csv (a cell = region x indicator x year, any vintage).
    Targets: provinces and circle 2015-2025 (core + province extras for provinces), the 15 Sichuan cities
    2015-2025, the 27 Chongqing districts 2015-2020 (never later: reserved). Census rows count for
    population (population_census) and urbanisation (urban_share_census2020) in 2020."""
    hist = os.path.join(base, "history")
    with open(os.path.join(base, "jurisdictions", "jurisdictions.csv"), encoding="utf-8", newline="") as f:
        jur = [r for r in csv.DictReader(f) if r["membership"] == "core"]
    with open(os.path.join(hist, "regional_history.csv"), encoding="utf-8", newline="") as f:
        alias = {"population_census": "population", "urban_share_census2020": "urbanisation"}
        have = {(r["region_id"], alias.get(r["indicator"], r["indicator"]), int(r["year"]))
                for r in csv.DictReader(f)}
    groups = {
        "provinces": ([j for j in ("chongqing", "sichuan")], CORE + PROVINCE_EXTRA, range(2015, 2026)),
        "circle": (["circle"], CORE, range(2015, 2026)),
        "sichuan cities": ([r["id"] for r in jur if r["id"].startswith("sc-")], CORE, range(2015, 2026)),
        "chongqing districts": ([r["id"] for r in jur if r["id"].startswith("cq-")], CORE, range(2015, 2021)),
    }
    print("group | indicator | filled / target")
    for name, (regions, inds, years) in groups.items():
        tot_f = tot_t = 0
        for ind in inds:
            t = len(regions) * len(years)
            f_ = sum((r, ind, y) in have for r in regions for y in years)
            tot_f += f_
            tot_t += t
            print(f"{name} | {ind} | {f_} / {t}")
        print(f"{name} | all | {tot_f} / {tot_t}")


def main(argv):
    if len(argv) > 1 and argv[1] == "--coverage":
        coverage(argv[2] if len(argv) > 2 else "Sources/BaseData/Resources/data")
        return 0
    base = argv[1] if len(argv) > 1 else "Sources/BaseData/Resources/data"
    hist = os.path.join(base, "history")
    ids = load_source_ids([os.path.join(hist, "sources.csv"), os.path.join(base, "sources.csv")])
    probs = Problems()
    checks = {"national_path.csv": check_national, "regional_history.csv": check_regional,
              "transport_events.csv": check_transport, "base_fixes_2019.csv": check_fixes}
    counts = {}
    for name, fn in checks.items():
        p = os.path.join(hist, name)
        if not os.path.exists(p):
            probs.add(p, 0, "file", "missing")
            continue
        counts[name] = fn(p, ids, probs)
    for item in probs.items:
        print(item, file=sys.stderr)
    print("rows: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if probs.items:
        print(f"{len(probs.items)} problem(s)", file=sys.stderr)
        return 2
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
