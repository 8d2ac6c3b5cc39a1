#!/usr/bin/env python3
"""Which settings of the population block make the circle's population fall in 2022-24 at V = 2019, and what
they cost on the other bars of issue 16 (docs/MODEL.md section 14, "Why the circle's population does not fall").

For each row of SETTINGS it writes a scenario extending Scenarios/history.yaml with those parameters, runs
`chengyu backtest ... --vintage 2019` and prints: the circle's 2024 population on the published basis (published
2022: 9,874.5 -> 2024: 9,853.5; it falls when the model is below 9,874.5), the cities' and provinces' population
MAPE (benchmark B1 beside them), the sign bar (Sichuan cities and the two provinces' circle parts whose observed
change 2020 -> 2024 is at least 0.05 % a year, as `chengyu backtest` counts them) and Mianyang's growth, the city
that turns first. Measurement only: nothing here is an input of the engine.

usage: scripts/circle_fall_frontier.py [--chengyu .build/release/chengyu] [--out /tmp/circle-frontier]
"""
import argparse
import csv
import os
import subprocess
import sys

SETTINGS = [
    ("default", []),
    ("trend weight 1.25", ["migration.trendWeight: 1.25"]),
    ("trend weight 1.5", ["migration.trendWeight: 1.5"]),
    ("trend weight 1.5, decay 16", ["migration.trendWeight: 1.5", "migration.trendDecay: 16"]),
    ("cost of living 0", ["migration.costOfLivingWeight: 0"]),
    ("levels 2015-19", ["demography.levelWindowStart: 2015"]),
    ("levels 2015-19, barrier 0.20", ["demography.levelWindowStart: 2015", "migration.hukouBarrier: 0.20"]),
    ("levels 2015-19, barrier 0.20, trend weight 1.25",
     ["demography.levelWindowStart: 2015", "migration.hukouBarrier: 0.20", "migration.trendWeight: 1.25"]),
    ("levels 2015-19, national pace 1.25",
     ["demography.levelWindowStart: 2015", "migration.nationalPaceElasticity: 1.25"]),
    ("national pace 2", ["migration.nationalPaceElasticity: 2"]),
]
PUBLISHED_2022 = 9874.5
SIGN_THRESHOLD = 0.0005  # a year; observed changes smaller than this carry no sign


def run(chengyu, root, out, name, params):
    d = os.path.join(out, name)
    os.makedirs(d, exist_ok=True)
    scenario = os.path.join(d, "scenario.yaml")
    with open(scenario, "w") as f:
        f.write("schema: chengyu/scenario/v1\nname: %s\ntitle: frontier %s\n" % (name, name))
        f.write("extends: %s\n" % os.path.join(root, "Scenarios", "history.yaml"))
        if params:
            f.write("parameters:\n" + "".join("  %s\n" % p for p in params))
    bt = os.path.join(d, "bt")
    r = subprocess.run([chengyu, "backtest", scenario, "--vintage", "2019", "--out", bt],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode not in (0, 1):
        sys.exit("%s: chengyu backtest exited %d\n%s" % (name, r.returncode, r.stdout[-2000:]))
    return bt


def summarise(bt):
    scores = {(s["indicator"], s["level"], s["method"]): s
              for s in csv.DictReader(open(os.path.join(bt, "backtest_scores.csv")))}
    rows = [r for r in csv.DictReader(open(os.path.join(bt, "backtest.csv"))) if r["indicator"] == "population"]
    circle = next(float(r["model"]) for r in rows if r["place"] == "circle" and r["year"] == "2024")
    last = {}
    for r in rows:
        if r["level"] in ("city", "province") and int(r["year"]) >= int(last.get(r["place"], {"year": 0})["year"]):
            last[r["place"]] = r
    right = counted = 0
    mianyang = None
    for place, r in last.items():
        n = int(r["year"]) - int(r["origin"])
        o0 = float(r["origin_value"])
        model = (float(r["model"]) / o0) ** (1 / n) - 1
        observed = (float(r["observed"]) / o0) ** (1 / n) - 1
        if place == "sc-mianyang":
            mianyang = model
        if abs(observed) >= SIGN_THRESHOLD:
            counted += 1
            right += (model > 0) == (observed > 0)
    mape = lambda level, method: float(scores[("population", level, method)]["mape_percent"])
    return circle, mape("city", "model"), mape("city", "B1"), mape("province", "model"), mape("province", "B1"), \
        right, counted, mianyang


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser()
    ap.add_argument("--chengyu", default=os.path.join(root, ".build", "release", "chengyu"))
    ap.add_argument("--out", default="/tmp/circle-frontier")
    a = ap.parse_args()
    print("| setting | circle 2024, 万 (falls < %.1f) | cities MAPE %% (B1) | provinces MAPE %% (B1) | sign | 绵阳 %%/yr |"
          % PUBLISHED_2022)
    print("|---|---|---|---|---|---|")
    for i, (label, params) in enumerate(SETTINGS):
        c, cm, cb, pm, pb, right, counted, my = summarise(run(a.chengyu, root, a.out, "frontier-%d" % i, params))
        falls = "falls" if c < PUBLISHED_2022 else "rises"
        print("| %s | %.1f (%s) | %.3f (%.3f) | %.3f (%.3f) | %d of %d | %+.3f |"
              % (label, c, falls, cm, cb, pm, pb, right, counted, 100 * my))


if __name__ == "__main__":
    main()
