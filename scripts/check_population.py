#!/usr/bin/env python3
"""Validate the population data in Sources/BaseData/Resources/data/population/.

Checks (standard library only; exit 0 = ok, 2 = bad input; messages name file, line and field):
  * every data file parses as UTF-8 CSV with the long-format header HEADER;
  * every row has a parseable value, a non-empty unit, a known region id, a sex in {total, male, female},
    integer ages with age_from <= age_to (age_to empty = open-ended, e.g. 60+);
  * every row names at least one source id and every id resolves in population/sources.csv,
    history/sources.csv or the base data's sources.csv; sources.csv has no duplicate id;
  * provenance is `source` or `estimate`, and an `estimate` row states its arithmetic in `method`;
  * RESERVED DATA: no row for a Chongqing district or county (`cq-*`) has a year >= 2021;
  * no duplicate key (region, indicator, year, sex, age_from, age_to, unit, vintage);
  * consistency, for every (region, indicator, year, unit, vintage) that has them:
      - age groups that tile 0..open end (e.g. 0-14, 15-59, 60+) sum to the all-ages total (same sex);
      - a nested open group (65+) is not larger than its parent (60+);
      - male + female = total (all ages);
    (count units `persons`, `10k persons` only; rates and life expectancies are not additive)
    within rounding: |diff| <= max(ABS_TOL[unit], REL_TOL * total);
  * percent shares of a tiling sum to 100 within 0.05 pp per group; SHARE_INDICATORS (asfr_share) sum to 100;
  * published zone totals (AGGREGATES: 中心城区, 主城新区, 主城都市区) equal the sum of their district rows;
  * cross-unit: broad groups in `10k persons` (bulletins) equal the sum of the fine `persons` groups (census
    tables) of the same region/indicator/year/sex/vintage within rounding (CROSS_UNIT_EXEMPT lists known differences);
  * migration_age.csv: each Rogers-Castro schedule (region, year, sex, vintage) has all seven RC_PARAMS.
Usage: python3 scripts/check_population.py [data_dir]    (default: Sources/BaseData/Resources/data)
       python3 scripts/check_population.py --coverage [data_dir]
"""
import csv
import os
import sys

HEADER = ["region_id", "indicator", "year", "sex", "age_from", "age_to", "value", "unit", "vintage",
          "provenance", "source_ids", "method"]
DATA_FILES = ["census.csv", "vital_rates.csv", "labour.csv", "migration_hukou.csv", "migration_age.csv"]
# Ids that are not in jurisdictions.csv: aggregates and the 2010 / sub-district units used for the
# boundary re-aggregation (documented in population/README.md).
EXTRA_REGIONS = {"china", "chongqing", "sichuan", "circle", "model",
                 "cq-wansheng", "cq-shuangqiao", "cq-qijiang-county", "cq-dazu-county", "cq-qijiang-excl-wansheng",
                 "cq-central", "cq-new-districts", "cq-metro", "sc-jianyang"}
SEXES = {"total", "male", "female"}
ABS_TOL = {"persons": 2.0, "10k persons": 0.15, "percent": 0.2}
REL_TOL = 0.001
RESERVED_FROM_YEAR = 2021
# Published zone totals that must equal the sum of their district rows (population_census, 2020, persons, total).
AGGREGATES = {
    "cq-central": ["cq-yuzhong", "cq-dadukou", "cq-jiangbei", "cq-shapingba", "cq-jiulongpo", "cq-nanan",
                   "cq-beibei", "cq-yubei", "cq-banan"],
    "cq-new-districts": ["cq-fuling", "cq-changshou", "cq-jiangjin", "cq-hechuan", "cq-yongchuan", "cq-nanchuan",
                         "cq-qijiang", "cq-dazu", "cq-bishan", "cq-tongliang", "cq-tongnan", "cq-rongchang"],
    "cq-metro": ["cq-central", "cq-new-districts"],
}
# Cross-unit check: broad groups in `10k persons` (bulletins) against the sum of the fine groups in `persons`
# (census tables) of the same region, indicator, year, sex and vintage. Known, documented differences are skipped:
CROSS_UNIT_EXEMPT = {
    # the bulletin's national rows include the 2,000,000 active military; census table 1-5 covers the 31 provinces
    ("china", "population_census", 2020, "census2020"),
    # the 2010 Chongqing bulletin's age groups (preliminary) differ from the final table 1-7 by up to 5.3万
    ("chongqing", "population_census", 2010, "census2010"),
}
# Rogers-Castro model schedules (migration_age.csv): every (region, year, sex, vintage) has all seven parameters.
RC_PARAMS = ["rc_a1", "rc_alpha1", "rc_a2", "rc_alpha2", "rc_mu2", "rc_lambda2", "rc_c"]
# Indicators whose age groups are a percentage distribution summing to 100 per (region, year, sex, vintage).
SHARE_INDICATORS = {"asfr_share"}


class Problems:
    def __init__(self):
        self.items = []

    def add(self, path, line, field, msg):
        self.items.append(f"{path}:{line}: {field}: {msg}")


def load_ids(path, probs, check_dups=False):
    ids = set()
    if not os.path.exists(path):
        return ids
    with open(path, encoding="utf-8", newline="") as f:
        for i, row in enumerate(csv.DictReader(f), start=2):
            sid = (row.get("source_id") or "").strip()
            if check_dups and sid in ids:
                probs.add(path, i, "source_id", f"duplicate id {sid}")
            if check_dups and not (row.get("address") or "").strip():
                probs.add(path, i, "address", f"source {sid} has no address")
            ids.add(sid)
    return ids


def load_regions(data_dir):
    path = os.path.join(data_dir, "jurisdictions", "jurisdictions.csv")
    with open(path, encoding="utf-8", newline="") as f:
        return {r["id"] for r in csv.DictReader(f)} | EXTRA_REGIONS


def parse_age(text):
    return None if text.strip() == "" else int(text)


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


def check_row(path, line, row, probs, regions, known_ids):
    ok = True
    try:
        row["_year"] = int(row["year"])
    except ValueError:
        probs.add(path, line, "year", f"not an integer: {row['year']!r}")
        return False
    try:
        row["_value"] = float(row["value"])
    except ValueError:
        probs.add(path, line, "value", f"not a number: {row['value']!r}")
        ok = False
    if not row["unit"].strip():
        probs.add(path, line, "unit", "empty unit")
        ok = False
    if row["region_id"] not in regions:
        probs.add(path, line, "region_id", f"unknown region {row['region_id']!r}")
        ok = False
    if row["region_id"].startswith("cq-") and row["_year"] >= RESERVED_FROM_YEAR:
        probs.add(path, line, "year", f"reserved data: {row['region_id']} has year {row['_year']} >= {RESERVED_FROM_YEAR}")
        ok = False
    if row["sex"] not in SEXES:
        probs.add(path, line, "sex", f"{row['sex']!r} not in {sorted(SEXES)}")
        ok = False
    try:
        a0, a1 = parse_age(row["age_from"]), parse_age(row["age_to"])
        if a0 is None and a1 is not None:
            raise ValueError("age_to without age_from")
        if a0 is not None and a1 is not None and a1 < a0:
            raise ValueError(f"age_to {a1} < age_from {a0}")
        row["_a0"], row["_a1"] = a0, a1
    except ValueError as e:
        probs.add(path, line, "age_from/age_to", str(e))
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
    return ok


def check_duplicates(path, rows, probs):
    seen = {}
    for line, r in rows:
        key = (r["region_id"], r["indicator"], r["year"], r["sex"], r["age_from"], r["age_to"], r["unit"], r["vintage"])
        if key in seen:
            probs.add(path, line, "key", f"duplicate of line {seen[key]}: {key}")
        else:
            seen[key] = line


def tilings(groups):
    """All chains of disjoint age groups covering 0..open end. groups: {(a0, a1): value}."""
    by_start = {}
    for (a0, a1) in groups:
        by_start.setdefault(a0, []).append(a1)
    chains = []

    def walk(start, chain):
        for a1 in by_start.get(start, []):
            step = chain + [(start, a1)]
            if a1 is None:
                chains.append(step)
            else:
                walk(a1 + 1, step)
    walk(0, [])
    return chains


def tolerance(unit, total):
    return max(ABS_TOL.get(unit, 0.0), REL_TOL * abs(total))


def check_consistency(path, rows, probs):
    cells = {}
    for line, r in rows:
        key = (r["region_id"], r["indicator"], r["_year"], r["unit"], r["vintage"])
        cells.setdefault(key, {}).setdefault(r["sex"], {})[(r["_a0"], r["_a1"])] = (r["_value"], line)
    n_checks = 0
    for key, by_sex in cells.items():
        unit = key[3]
        if unit != "percent" and unit not in ABS_TOL:
            continue  # rates, ages, years: not additive over age or sex
        for sex, groups in by_sex.items():
            total = groups.get((None, None))
            for chain in tilings(groups):
                s = sum(groups[g][0] for g in chain)
                first_line = groups[chain[0]][1]
                if unit == "percent":
                    if abs(s - 100.0) > 0.05 * len(chain):
                        probs.add(path, first_line, "value", f"{key} {sex}: shares {chain} sum to {s:.3f}, not 100")
                    n_checks += 1
                elif total is not None:
                    if abs(s - total[0]) > tolerance(unit, total[0]):
                        probs.add(path, total[1], "value",
                                  f"{key} {sex}: age groups {chain} sum to {s:g}, total is {total[0]:g}")
                    n_checks += 1
            for (a0, a1), (v, line) in groups.items():
                if a1 is None and a0 is not None:
                    for (b0, b1), (w, _) in groups.items():
                        if b1 is None and b0 is not None and b0 < a0 and v > w + tolerance(unit, w):
                            probs.add(path, line, "value", f"{key} {sex}: {a0}+ ({v:g}) larger than {b0}+ ({w:g})")
        if "male" in by_sex and "female" in by_sex and "total" in by_sex:
            m, f_, t = (by_sex[s].get((None, None)) for s in ("male", "female", "total"))
            if m and f_ and t:
                n_checks += 1
                if abs(m[0] + f_[0] - t[0]) > tolerance(unit, t[0]):
                    probs.add(path, t[1], "value", f"{key}: male {m[0]:g} + female {f_[0]:g} != total {t[0]:g}")
    return n_checks


def check_aggregates(path, rows, probs):
    """Zone totals (AGGREGATES) equal the sum of their members; 2020 census counts in persons."""
    vals = {}
    for line, r in rows:
        if (r["indicator"] == "population_census" and r["_year"] == 2020 and r["unit"] == "persons"
                and r["sex"] == "total" and r["_a0"] is None and r["vintage"] == "census2020"):
            vals.setdefault(r["region_id"], (r["_value"], line))
    n = 0
    for agg, members in AGGREGATES.items():
        if agg not in vals:
            continue
        missing = [m for m in members if m not in vals]
        if missing:
            probs.add(path, vals[agg][1], "region_id", f"{agg}: no 2020 census row for members {missing}")
            continue
        s = sum(vals[m][0] for m in members)
        n += 1
        if abs(s - vals[agg][0]) > ABS_TOL["persons"]:
            probs.add(path, vals[agg][1], "value", f"{agg} is {vals[agg][0]:g} but its members sum to {s:g}")
    return n


def check_shares(path, rows, probs):
    groups = {}
    for line, r in rows:
        if r["indicator"] in SHARE_INDICATORS:
            groups.setdefault((r["region_id"], r["indicator"], r["_year"], r["sex"], r["vintage"]), []).append((r["_value"], line))
    for key, items in groups.items():
        s = sum(v for v, _ in items)
        if abs(s - 100.0) > 0.01:
            probs.add(path, items[0][1], "value", f"{key}: shares sum to {s:.4f}, not 100")
    return len(groups)


def chain_between(groups, start, end):
    """A chain of disjoint groups covering start..end (end None = open) or None. groups: iterable of (a0, a1)."""
    by_start = {}
    for (a0, a1) in groups:
        if a0 is not None:
            by_start.setdefault(a0, []).append(a1)

    def walk(a, chain):
        for a1 in by_start.get(a, []):
            step = chain + [(a, a1)]
            if a1 == end:
                return step
            if a1 is not None and (end is None or a1 < end):
                found = walk(a1 + 1, step)
                if found:
                    return found
        return None
    return walk(start, [])


def check_cross_unit(path, rows, probs):
    """Bulletin broad groups (10k persons) = sum of the census table's fine groups (persons), within rounding."""
    cells = {}
    for line, r in rows:
        if r["unit"] in ("persons", "10k persons"):
            key = (r["region_id"], r["indicator"], r["_year"], r["vintage"], r["sex"])
            cells.setdefault(key, {}).setdefault(r["unit"], {})[(r["_a0"], r["_a1"])] = (r["_value"], line)
    n = 0
    for key, by_unit in cells.items():
        if key[:4] in CROSS_UNIT_EXEMPT or "persons" not in by_unit or "10k persons" not in by_unit:
            continue
        fine = by_unit["persons"]
        for (b0, b1), (w, line) in by_unit["10k persons"].items():
            if b0 is None:
                if (None, None) not in fine:
                    continue
                s = fine[(None, None)][0]
            else:
                chain = chain_between([g for g in fine if g[0] is not None], b0, b1)
                if not chain:
                    continue
                s = sum(fine[g][0] for g in chain)
            n += 1
            if abs(s / 1e4 - w) > tolerance("10k persons", w):
                probs.add(path, line, "value", f"{key}: {b0}-{b1} is {w:g} (10k persons) but the persons rows sum to {s:g}")
    return n


def check_rc(path, rows, probs):
    sets = {}
    for line, r in rows:
        if r["indicator"].startswith("rc_"):
            sets.setdefault((r["region_id"], r["_year"], r["sex"], r["vintage"]), (line, set()))[1].add(r["indicator"])
    for key, (line, have) in sets.items():
        if set(RC_PARAMS) - have or have - set(RC_PARAMS):
            probs.add(path, line, "indicator", f"{key}: Rogers-Castro parameters {sorted(have)}, expected {RC_PARAMS}")
    return len(sets)


def coverage(data_dir, rows_by_file):
    with open(os.path.join(data_dir, "jurisdictions", "jurisdictions.csv"), encoding="utf-8", newline="") as f:
        core = [r["id"] for r in csv.DictReader(f) if r["membership"] == "core"]
    census = [r for _, r in rows_by_file.get("census.csv", [])]
    def has(reg, pred):
        return any(r["region_id"] == reg and pred(r) for r in census)
    targets = [
        ("2020 total (persons or 10k)", lambda r: r["indicator"] == "population_census" and r["_year"] == 2020 and r["_a0"] is None and r["sex"] == "total"),
        ("2020 broad age groups (counts or shares)", lambda r: r["indicator"] in ("population_census", "population_share_census") and r["_year"] == 2020 and r["_a0"] == 60),
        ("2020 by sex", lambda r: r["indicator"] == "population_census" and r["_year"] == 2020 and r["sex"] == "male"),
        ("2010 total on 2020 boundaries", lambda r: r["indicator"] == "population_census" and r["_year"] == 2010 and r["vintage"] == "census2010-boundary2020" and r["sex"] == "total"),
        ("2020 urban count", lambda r: r["indicator"] == "urban_population_census" and r["_year"] == 2020),
        ("2010 urban count", lambda r: r["indicator"] == "urban_population_census" and r["_year"] == 2010),
    ]
    for group, ids in (("chongqing districts (27)", [i for i in core if i.startswith("cq-")]),
                       ("sichuan cities (15)", [i for i in core if i.startswith("sc-")])):
        for name, pred in targets:
            filled = [i for i in ids if has(i, pred)]
            print(f"{group:26s} {name:42s} {len(filled):2d} / {len(ids)}")


def main(argv):
    cov = "--coverage" in argv
    args = [a for a in argv if a != "--coverage"]
    data_dir = args[0] if args else "Sources/BaseData/Resources/data"
    pop_dir = os.path.join(data_dir, "population")
    probs = Problems()
    known = load_ids(os.path.join(pop_dir, "sources.csv"), probs, check_dups=True)
    known |= load_ids(os.path.join(data_dir, "history", "sources.csv"), probs)
    known |= load_ids(os.path.join(data_dir, "sources.csv"), probs)
    regions = load_regions(data_dir)
    rows_by_file, n_rows, n_checks = {}, 0, 0
    for name in DATA_FILES:
        path = os.path.join(pop_dir, name)
        if not os.path.exists(path):
            probs.add(path, 0, "file", "missing")
            continue
        rows = read_rows(path, probs, regions, known)
        rows_by_file[name] = rows
        n_rows += len(rows)
        check_duplicates(path, rows, probs)
        n_checks += check_consistency(path, rows, probs)
        n_checks += check_aggregates(path, rows, probs)
        n_checks += check_shares(path, rows, probs)
        n_checks += check_cross_unit(path, rows, probs)
        n_checks += check_rc(path, rows, probs)
    if cov:
        coverage(data_dir, rows_by_file)
    if probs.items:
        for p in probs.items:
            print(p, file=sys.stderr)
        print(f"check_population: {len(probs.items)} problem(s)", file=sys.stderr)
        return 2
    print(f"check_population: ok ({n_rows} rows in {len(DATA_FILES)} files, {n_checks} sum checks)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
