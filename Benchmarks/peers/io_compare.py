#!/usr/bin/env python3
"""Time `chengyu io multipliers` and `chengyu io solve` against numpy on the same MRIO table, same run.

Usage:
    python3 /work/shared/fixtures/make_mrio.py -R 42 -S 42 --out /tmp/mrio42
    swift build -c release
    python3 Benchmarks/peers/io_compare.py --table /tmp/mrio42 [--columns 1000] [--repeat 3]

What is compared (best of --repeat runs each):
  * end to end: the `chengyu` process (read CSV, compute, write CSV) against numpy reading the same CSV
    (np.loadtxt), computing and writing CSV (np.savetxt, %.17g);
  * compute only: chengyu's own phase timings (`--timings`: factor + solve, or the multiplier computation)
    against numpy's compute on arrays already in memory:
      multipliers: A = Z/x, then output and value-added multipliers as in pymrio (np.linalg.solve with
                   the transposed Leontief matrix, i.e. one transposed solve; no inverse), plus ρ(A) is NOT
                   computed on the numpy side (chengyu's figure includes its diagnostics and linkages, type II);
      solve:       np.linalg.solve(I - A, D) for the D with --columns demand columns (LU + multi-RHS solve).
The results are checked against each other (max relative difference printed).
numpy and chengyu both use OpenBLAS with the machine's default thread count.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import tempfile
import time

import numpy as np


def read_labelled(path):
    with open(path) as fh:
        header = fh.readline().rstrip("\n").split(",")
    labels = np.loadtxt(path, delimiter=",", skiprows=1, usecols=[0], dtype=str, ndmin=1)
    values = np.loadtxt(path, delimiter=",", skiprows=1, usecols=range(1, len(header)), ndmin=2)
    return header[1:], list(labels), values


def run(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
    phases = {m.group(1): float(m.group(2)) for m in re.finditer(r"timing ([^:]+): ([0-9.]+) s", p.stderr)}
    return wall, phases, p.stderr


def best(f, repeat):
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--table", default="/tmp/mrio42")
    ap.add_argument("--chengyu", default=os.path.join(os.path.dirname(__file__), "..", "..", ".build", "release", "chengyu"))
    ap.add_argument("--columns", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=2019)
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (demand and outputs)")
    ap.add_argument("--spectral-radius", action="store_true", help="let chengyu multipliers also compute rho(A)")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="io_compare_")

    # --- data (numpy side reads the same CSV files chengyu reads) -------------------------------------
    t_read_np, (ind, _, Z) = best(lambda: read_labelled(os.path.join(a.table, "Z.csv")), 1)
    _, _, x = read_labelled(os.path.join(a.table, "x.csv"))
    x = x[:, 0]
    _, _, VA = read_labelled(os.path.join(a.table, "VA.csv"))
    n = Z.shape[0]
    rng = np.random.default_rng(a.seed)
    _, _, Y = read_labelled(os.path.join(a.table, "Y.csv"))
    D = Y.sum(axis=1)[:, None] * rng.lognormal(0.0, 0.5, (n, a.columns))
    names = [f"d{k + 1:04d}" for k in range(a.columns)]
    demand = os.path.join(work, "demand.csv")
    with open(demand, "w") as fh:
        fh.write(",".join(["industry"] + names) + "\n")
        for i in range(n):
            fh.write(ind[i] + "," + ",".join(map(repr, D[i].tolist())) + "\n")
    print(f"table {a.table}: n = {n}; demand {a.columns} columns; numpy {np.__version__}")
    print(f"numpy np.loadtxt of Z.csv: {t_read_np:.3f} s")

    # --- multipliers --------------------------------------------------------------------------------
    out_m = os.path.join(work, "multipliers.csv")
    walls, phases = [], []
    extra = ["--spectral-radius"] if a.spectral_radius else []
    for _ in range(a.repeat):
        w, ph, info = run([a.chengyu, "io", "multipliers", a.table, "--out", out_m, "--timings"] + extra)
        walls.append(w); phases.append(ph)
    k = int(np.argmin(walls))
    cy_wall_m, cy_comp_m = walls[k], phases[k].get("compute", float("nan"))
    phases_m = phases[k]

    def np_multipliers():
        A = Z / x[None, :]
        M = np.eye(n) - A
        V = VA / x[None, :]
        rhs = np.vstack([np.ones((1, n)), V, V.sum(axis=0, keepdims=True)]).T  # n x (1 + k + 1)
        sol = np.linalg.solve(M.T, rhs)                                           # one transposed solve
        return sol
    t_np_m, sol = best(np_multipliers, a.repeat)
    hdr = open(out_m).readline().rstrip("\n").split(",")
    cy = np.loadtxt(out_m, delimiter=",", skiprows=1, usecols=range(1, len(hdr)))
    diff_m = np.max(np.abs(cy[:, hdr.index("output") - 1] - sol[:, 0]) / np.abs(sol[:, 0]))

    def np_multipliers_e2e():
        _, _, Zr = read_labelled(os.path.join(a.table, "Z.csv"))
        s = np_multipliers()
        np.savetxt(os.path.join(work, "np_mult.csv"), s, delimiter=",", fmt="%.17g")
    t_np_m_e2e, _ = best(np_multipliers_e2e, 1)

    # --- solve ----------------------------------------------------------------------------------------
    out_s = os.path.join(work, "solve.csv")
    walls, phases = [], []
    for _ in range(a.repeat):
        w, ph, _ = run([a.chengyu, "io", "solve", a.table, "--demand", demand, "--out", out_s, "--timings"])
        walls.append(w); phases.append(ph)
    k = int(np.argmin(walls))
    cy_wall_s = walls[k]
    phases_s = phases[k]
    cy_comp_s = phases[k].get("factor", float("nan")) + phases[k].get("solve", float("nan"))

    def np_solve():
        A = Z / x[None, :]
        return np.linalg.solve(np.eye(n) - A, D)
    t_np_s, X = best(np_solve, a.repeat)
    cyX = np.loadtxt(out_s, delimiter=",", skiprows=1, usecols=range(1, a.columns + 1))
    diff_s = np.max(np.abs(cyX - X) / np.abs(X))

    def np_solve_e2e():
        _, _, Zr = read_labelled(os.path.join(a.table, "Z.csv"))
        _, _, Dr = read_labelled(demand)
        Xr = np.linalg.solve(np.eye(n) - Zr / x[None, :], Dr)
        np.savetxt(os.path.join(work, "np_solve.csv"), Xr, delimiter=",", fmt="%.17g")
    t_np_s_e2e, _ = best(np_solve_e2e, 1)

    print()
    print(f"{'':34s}{'chengyu':>10s}{'numpy':>10s}{'ratio':>8s}")
    def row(name, c, p):
        print(f"{name:34s}{c:10.3f}{p:10.3f}{c / p:8.2f}")
    row("multipliers, compute (s)", cy_comp_m, t_np_m)
    row("multipliers, end to end (s)", cy_wall_m, t_np_m_e2e)
    row(f"solve {a.columns} columns, LU+solve (s)", cy_comp_s, t_np_s)
    row(f"solve {a.columns} columns, end to end (s)", cy_wall_s, t_np_s_e2e)
    print()
    print("chengyu phases (s), multipliers:", {k: round(v, 3) for k, v in phases_m.items()})
    print("chengyu phases (s), solve:      ", {k: round(v, 3) for k, v in phases_s.items()})
    print(f"max relative difference: output multipliers {diff_m:.2e}, solve {diff_s:.2e}")
    print(f"chengyu multipliers diagnostics: {info.strip().splitlines()[-1]}")
    print("ratio = chengyu / numpy (below 1: chengyu faster). chengyu's multiplier compute includes a second LU")
    rho = " and rho(A)" if a.spectral_radius else ""
    print(f"(type II, households endogenous), linkages, income/employment type I, dgecon, the calibration solve{rho};")
    print("numpy's is one LU and one multi-RHS transposed solve.")
    if a.keep:
        print(f"files kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
