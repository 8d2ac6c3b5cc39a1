#!/usr/bin/env python3
"""Chengyu against numpy, scipy and pymrio: the same work on the same tables, in one run, on one machine.

Run through run.sh (it makes the venv, the tables and the release build). Directly:
    python peers.py --table data/r42_s42 --chengyu ../../.build/release/chengyu [--repeat 3]

Three workloads (issue 9, point 6), each timed two ways:
  compute  chengyu's own --timings phase figures against the Python compute on arrays already in memory
           (best of --repeat, every tool in its own process so that peak memory is its own);
  e2e      whole processes: chengyu reading CSV, computing, writing CSV, against a Python process that
           starts, imports, reads the same CSV with pandas, computes and writes CSV (%.17g).

  (a) multipliers of the table: `chengyu io multipliers` (compute phase: A, one LU, output, value-added,
      income, employment, type II, linkages, dgecon, calibration residual) vs numpy (A = Z/x, one LU and a
      transposed multi-RHS solve for output and value-added multipliers) vs pymrio (IOSystem(Z, Y) with
      the value added as an extension, calc_all(): A, L = inv(I - A), M = S·L; output multipliers 1ᵀL).
  (b) a 17-year scenario with A_t = diag((1 - tau)^t)·A0 and y_t = (Y·1)(1 + g)^t: `chengyu io project`
      vs numpy (np.linalg.solve(I - A_t, y_t) per year, A_t formed) vs scipy (lu_factor + lu_solve per
      year, A_t formed) vs pymrio (per year calc_L(A_t), the inverse, then calc_x_from_L).
  (c) 1,000 final-demand variants on a fixed A: `chengyu io solve --demand` (1,000 columns) vs scipy
      (lu_factor + lu_solve with 1,000 right-hand sides) vs pymrio's per-variant API
      (reset_to_coefficients(); Y = variant; calc_all(), with L computed once), timed on --pymrio-sample
      variants and extrapolated to 1,000 when the sample is smaller (the table says so).

Peak memory: chengyu from /usr/bin/time -v (maximum resident set size); Python from the
worker process's own high-water mark (VmHWM; resource.getrusage's ru_maxrss is printed in the JSON too, but
on Linux it inherits the driver's size through exec), also minus its resident size just before
the compute (the interpreter, numpy/pandas and the inputs). Both as multiples of one n × n matrix of doubles.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
YEARS, TAU, GROWTH = 17, 0.01, 0.05


# ----------------------------------------------------------------------------------------------- workers
def rss_now_mb():
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_mb():
    """Peak resident set size of this process image: VmHWM of /proc/self/status. (getrusage's ru_maxrss
    would do, but Linux carries it over exec from the vfork'ed parent, here the driver with numpy and
    pandas loaded, so it would show the driver's size for a small worker; it is reported alongside.)"""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_npy(table):
    g = lambda k: np.load(os.path.join(table, f"{k}.npy"))
    return g("Z"), g("Y"), g("x").reshape(-1), g("VA")


def read_csv_tables(table, names):
    import pandas as pd
    return [pd.read_csv(os.path.join(table, f"{k}.csv"), index_col=0) for k in names]


def multiindexed(df, rows=True, cols=True):
    import pandas as pd
    df = df.copy()
    if rows:
        df.index = pd.MultiIndex.from_tuples([tuple(s.split(":", 1)) for s in df.index], names=["region", "sector"])
    if cols:
        df.columns = pd.MultiIndex.from_tuples([tuple(s.split(":", 1)) for s in df.columns], names=["region", "category"])
    return df


def scaling(n, years=YEARS, tau=TAU):
    return np.array([(1 - tau) ** t for t in range(1, years + 1)])[None, :].repeat(n, axis=0)  # n x T


def growth(y0, years=YEARS, g=GROWTH):
    return y0[:, None] * np.array([(1 + g) ** t for t in range(1, years + 1)])[None, :]


def w_mult_numpy(Z, Y, x, VA):
    n = Z.shape[0]
    A = Z / x[None, :]
    V = VA / x[None, :]
    rhs = np.vstack([np.ones((1, n)), V, V.sum(axis=0, keepdims=True)]).T
    return np.linalg.solve(np.eye(n) - A.T, rhs)[:, 0]  # output multipliers (the others are columns 1…)


def w_mult_pymrio(Zdf, Ydf, VAdf):
    import pymrio
    io = pymrio.IOSystem(Z=Zdf, Y=Ydf, name="bench")
    io.factor_inputs = pymrio.Extension(name="factor_inputs", F=VAdf)
    io.calc_all()
    return io.L.sum(axis=0).to_numpy()


def w_proj_numpy(A0, y0):
    n = A0.shape[0]
    d, Yt = scaling(n), growth(y0)
    X = np.empty_like(Yt)
    I = np.eye(n)
    for t in range(YEARS):
        At = d[:, [t]] * A0
        X[:, t] = np.linalg.solve(I - At, Yt[:, t])
    return X


def w_proj_scipy(A0, y0):
    import scipy.linalg as sl
    n = A0.shape[0]
    d, Yt = scaling(n), growth(y0)
    X = np.empty_like(Yt)
    I = np.eye(n)
    for t in range(YEARS):
        At = d[:, [t]] * A0
        X[:, t] = sl.lu_solve(sl.lu_factor(I - At, overwrite_a=True, check_finite=False), Yt[:, t], check_finite=False)
    return X


def w_proj_pymrio(A0df, y0):
    import pymrio
    n = A0df.shape[0]
    d, Yt = scaling(n), growth(y0)
    X = np.empty_like(Yt)
    for t in range(YEARS):
        At = A0df.mul(d[:, t], axis=0)
        L = pymrio.calc_L(At)
        X[:, t] = pymrio.calc_x_from_L(L, Yt[:, t]).to_numpy().reshape(-1)
    return X


def w_demand_scipy(Z, x, D):
    import scipy.linalg as sl
    n = Z.shape[0]
    M = np.eye(n) - Z / x[None, :]
    return sl.lu_solve(sl.lu_factor(M, overwrite_a=True, check_finite=False), D, check_finite=False)


def w_demand_pymrio(Zdf, Ydf, D, sample):
    """pymrio's scenario workflow: keep the coefficients (A, L), set a new Y, recalculate."""
    import pymrio
    io = pymrio.IOSystem(Z=Zdf, Y=Ydf, name="bench")
    io.calc_all()  # A and L once (not timed per variant)
    io.reset_to_coefficients()
    rowsum = Ydf.sum(axis=1).to_numpy()
    share = np.divide(Ydf.to_numpy(), rowsum[:, None], out=np.zeros(Ydf.shape), where=rowsum[:, None] != 0)
    X = np.empty((D.shape[0], sample))
    t0 = time.perf_counter()
    for k in range(sample):
        io.Y = Ydf.__class__(share * D[:, [k]], index=Ydf.index, columns=Ydf.columns)
        io.x = None
        io.Z = None
        io.calc_all()
        X[:, k] = io.x.to_numpy().reshape(-1)
    return X, time.perf_counter() - t0


def worker(a):
    """One (workload, tool) in its own process; prints one JSON line."""
    out = {"task": a.worker, "rss_start_mb": rss_now_mb()}
    task = a.worker
    e2e = a.e2e
    t_start = time.perf_counter()
    if e2e:  # read CSV as a user would
        import pandas as pd
        Zdf, Ydf, xdf, VAdf = read_csv_tables(a.table, ["Z", "Y", "x", "VA"])
        Z, Y, x, VA = Zdf.to_numpy(), Ydf.to_numpy(), xdf.to_numpy().reshape(-1), VAdf.to_numpy()
        D = pd.read_csv(os.path.join(a.work, "demand.csv"), index_col=0).to_numpy() if task.startswith("demand") else None
    else:
        Z, Y, x, VA = load_npy(a.table)
        D = np.load(os.path.join(a.work, "demand.npy")) if task.startswith("demand") else None
        if "pymrio" in task:
            import pandas as pd
            labels = json.load(open(os.path.join(a.table, "labels.json")))
            ind = labels["industries"]
            Zdf = pd.DataFrame(Z, index=ind, columns=ind)
            Ydf = pd.DataFrame(Y, index=ind, columns=labels["fd_columns"])
            VAdf = pd.DataFrame(VA, index=labels["va_rows"], columns=ind)
    n = Z.shape[0]
    if "pymrio" in task:
        import pymrio  # noqa: F401  (import cost outside the compute timing)
        Zm, Ym, VAm = multiindexed(Zdf), multiindexed(Ydf), multiindexed(VAdf, rows=False, cols=False)
        VAm.columns = Zm.index
    if task == "proj-pymrio":
        A0df = Zm / x[None, :]
    A0, y0 = Z / x[None, :], Y.sum(axis=1)
    import scipy.linalg  # noqa: F401
    out["rss_before_compute_mb"] = rss_now_mb()
    out["read_s"] = time.perf_counter() - t_start
    f = {
        "mult-numpy": lambda: w_mult_numpy(Z, Y, x, VA),
        "mult-pymrio": lambda: w_mult_pymrio(Zm, Ym, VAm),
        "proj-numpy": lambda: w_proj_numpy(A0, y0),
        "proj-scipy": lambda: w_proj_scipy(A0, y0),
        "proj-pymrio": lambda: w_proj_pymrio(A0df, y0),
        "demand-scipy": lambda: w_demand_scipy(Z, x, D),
        "demand-pymrio": lambda: w_demand_pymrio(Zm, Ym, D, a.sample),
    }[task]
    times = []
    for _ in range(1 if e2e else a.repeat):
        t0 = time.perf_counter()
        res = f()
        times.append(time.perf_counter() - t0)
    if task == "demand-pymrio":
        res, loop = res
        out["per_variant_s"] = loop / a.sample
        out["sample"] = a.sample
    out["compute_s"] = min(times)
    out["compute_all_s"] = times
    t0 = time.perf_counter()
    if e2e:
        import pandas as pd
        pd.DataFrame(np.atleast_2d(res.T).T).to_csv(os.path.join(a.work, f"{task}-e2e.csv"), float_format="%.17g")
    else:
        np.save(os.path.join(a.work, f"{task}.npy"), res)
    out["write_s"] = time.perf_counter() - t0
    out["peak_mb"] = peak_mb()
    out["ru_maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["n"] = n
    print("RESULT " + json.dumps(out))


# ----------------------------------------------------------------------------------------------- driver
def run_worker(a, task, e2e=False, extra=()):
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", task, "--table", a.table, "--work", a.work,
           "--repeat", str(a.repeat), "--sample", str(a.pymrio_sample)] + (["--e2e"] if e2e else []) + list(extra)
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"worker {task} failed:\n{p.stdout}\n{p.stderr}")
    line = [l for l in p.stdout.splitlines() if l.startswith("RESULT ")][-1]
    r = json.loads(line[7:])
    r["wall_s"] = wall
    return r


def run_chengyu(a, args):
    """Best of --repeat runs of `chengyu ARGS --timings` under /usr/bin/time -v."""
    best = None
    for _ in range(a.repeat):
        cmd = ["/usr/bin/time", "-v", a.chengyu] + args + ["--timings"]
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if p.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr}")
        phases = {m.group(1): float(m.group(2)) for m in re.finditer(r"timing ([^:]+): ([0-9.]+) s", p.stderr)}
        rss = float(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1)) / 1024
        info = [l for l in p.stderr.splitlines() if l.startswith("n = ")]
        r = {"wall_s": wall, "phases": phases, "peak_mb": rss, "info": info[-1] if info else ""}
        if best is None or wall < best["wall_s"]:
            best = {**r, "phases_best": phases}
        best["phases_best"] = {k: min(best["phases_best"].get(k, v), v) for k, v in phases.items()}
        best["peak_mb"] = max(best["peak_mb"], rss)
    return best


def read_result(path, ncols=None):
    with open(path) as fh:
        header = fh.readline().rstrip("\n").split(",")
    cols = range(1, len(header)) if ncols is None else range(1, ncols + 1)
    return header, np.loadtxt(path, delimiter=",", skiprows=1, usecols=cols, ndmin=2)


def maxrel(a, b):
    a, b = np.asarray(a, float).reshape(b.shape), np.asarray(b, float)
    den = np.where(b != 0, np.abs(b), 1.0)
    return float(np.max(np.abs(a - b) / den))


def blas_info():
    info = {}
    try:
        from threadpoolctl import threadpool_info
        info["numpy_blas"] = [{k: d.get(k) for k in ("internal_api", "version", "num_threads", "architecture")}
                              for d in threadpool_info() if d.get("user_api") == "blas"]
    except Exception as e:  # threadpoolctl absent
        info["numpy_blas"] = f"threadpoolctl unavailable ({e})"
    return info


def dgemm_rate(n, repeat=5):
    rng = np.random.default_rng(1)
    A, B = rng.random((n, n)), rng.random((n, n))
    A @ B
    best = min(_timed(lambda: A @ B) for _ in range(repeat))
    return 2 * n ** 3 / best / 1e9, best


def _timed(f):
    t0 = time.perf_counter()
    f()
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--table", default=os.path.join(HERE, "data", "r42_s42"))
    ap.add_argument("--chengyu", default=os.path.join(HERE, "..", "..", ".build", "release", "chengyu"))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--columns", type=int, default=1000)
    ap.add_argument("--pymrio-sample", type=int, default=1000, help="variants pymrio runs in (c); extrapolated to --columns")
    ap.add_argument("--work", default=None)
    ap.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--e2e", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--sample", type=int, default=1000, help=argparse.SUPPRESS)
    ap.add_argument("--json", default=None, help="also write the figures as JSON here")
    a = ap.parse_args()
    if a.worker:
        return worker(a)

    a.table = os.path.abspath(a.table)
    a.chengyu = os.path.abspath(a.chengyu)
    a.work = a.work or tempfile.mkdtemp(prefix="chengyu_peers_")
    os.makedirs(a.work, exist_ok=True)
    Z, Y, x, VA = load_npy(a.table)
    n = Z.shape[0]
    nn_mb = n * n * 8 / 2 ** 20
    labels = json.load(open(os.path.join(a.table, "labels.json")))

    # demand variants for (c): (Y·1) times log-normal factors, seeded
    rng = np.random.default_rng(2019)
    D = Y.sum(axis=1)[:, None] * rng.lognormal(0.0, 0.5, (n, a.columns))
    np.save(os.path.join(a.work, "demand.npy"), D)
    ind = labels["industries"]
    with open(os.path.join(a.work, "demand.csv"), "w") as fh:
        fh.write(",".join(["industry"] + [f"v{k + 1:04d}" for k in range(a.columns)]) + "\n")
        for i in range(n):
            fh.write(ind[i] + "," + ",".join(repr(v) for v in D[i].tolist()) + "\n")

    load = os.getloadavg()
    import scipy
    import pandas
    import pymrio
    head = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "machine": platform.node(), "cpus": os.cpu_count(),
        "cpu": _cpu_model(), "loadavg_start": load, "n": n, "nn_mb": nn_mb, "python": platform.python_version(),
        "numpy": np.__version__, "scipy": scipy.__version__, "pandas": pandas.__version__, "pymrio": pymrio.__version__,
        "repeat": a.repeat, **blas_info(),
    }
    gf, gt = dgemm_rate(n)
    head["dgemm_gflops"], head["dgemm_s"] = gf, gt
    print(f"# Chengyu vs numpy/scipy/pymrio, {head['date']} on {head['machine']} ({head['cpu']}, {head['cpus']} CPUs)")
    print(f"load average at start: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; best of {a.repeat}")
    print(f"table {a.table}: n = {n}; one n×n matrix = {nn_mb:.1f} MiB")
    print(f"numpy {np.__version__}, scipy {scipy.__version__}, pandas {pandas.__version__}, pymrio {pymrio.__version__}; "
          f"numpy BLAS: {head['numpy_blas']}")
    print(f"dgemm rate (numpy A@B at n = {n}): {gf:.1f} GFLOP/s ({gt * 1e3:.1f} ms)")
    doc = subprocess.run([a.chengyu, "doctor"], capture_output=True, text=True).stdout
    blas_lines = [l for l in doc.splitlines() if "OpenBLAS" in l or "BLAS threads" in l]
    head["chengyu_blas"] = blas_lines
    print("chengyu: " + "; ".join(" ".join(l.split()) for l in blas_lines))
    print()

    rows, checks, mem = [], [], []
    w = a.work
    # (a) multipliers --------------------------------------------------------------------------------
    cm = run_chengyu(a, ["io", "multipliers", a.table, "--out", os.path.join(w, "mult.csv")])
    nm, nme = run_worker(a, "mult-numpy"), run_worker(a, "mult-numpy", e2e=True)
    pm, pme = run_worker(a, "mult-pymrio"), run_worker(a, "mult-pymrio", e2e=True)
    hdr, cmv = read_result(os.path.join(w, "mult.csv"))
    cy_out = cmv[:, hdr.index("output") - 1]
    checks += [("(a) output multipliers, chengyu vs numpy", maxrel(cy_out, np.load(os.path.join(w, "mult-numpy.npy")))),
               ("(a) output multipliers, chengyu vs pymrio", maxrel(cy_out, np.load(os.path.join(w, "mult-pymrio.npy"))))]
    rows.append(("(a) multipliers", "compute", cm["phases_best"]["compute"], [("numpy", nm["compute_s"]), ("pymrio", pm["compute_s"])]))
    rows.append(("(a) multipliers", "end to end", cm["wall_s"], [("numpy", nme["wall_s"]), ("pymrio", pme["wall_s"])]))
    mem += [("(a) chengyu io multipliers", cm["peak_mb"], None), ("(a) numpy", nm["peak_mb"], nm["rss_before_compute_mb"]),
            ("(a) pymrio", pm["peak_mb"], pm["rss_before_compute_mb"])]

    # (b) 17-year changing-A scenario -------------------------------------------------------------
    cp = run_chengyu(a, ["io", "project", a.table, "--years", str(YEARS), "--input-saving", str(TAU), "--growth", str(GROWTH),
                         "--out", os.path.join(w, "proj.csv")])
    cpr = run_chengyu(a, ["io", "project", a.table, "--years", str(YEARS), "--input-saving", str(TAU), "--growth", str(GROWTH),
                          "--method", "reference", "--out", os.path.join(w, "proj-ref.csv")])
    cpi = run_chengyu(a, ["io", "project", a.table, "--years", str(YEARS), "--input-saving", str(TAU), "--growth", str(GROWTH),
                          "--iteration", "richardson", "--out", os.path.join(w, "proj-rich.csv")])
    bn, bne = run_worker(a, "proj-numpy"), run_worker(a, "proj-numpy", e2e=True)
    bs, bse = run_worker(a, "proj-scipy"), run_worker(a, "proj-scipy", e2e=True)
    bp, bpe = run_worker(a, "proj-pymrio"), run_worker(a, "proj-pymrio", e2e=True)
    _, cpx = read_result(os.path.join(w, "proj.csv"))
    _, cprx = read_result(os.path.join(w, "proj-ref.csv"))
    checks += [("(b) x_t, chengyu fast vs numpy", maxrel(cpx, np.load(os.path.join(w, "proj-numpy.npy")))),
               ("(b) x_t, chengyu fast vs scipy", maxrel(cpx, np.load(os.path.join(w, "proj-scipy.npy")))),
               ("(b) x_t, chengyu fast vs pymrio", maxrel(cpx, np.load(os.path.join(w, "proj-pymrio.npy")))),
               ("(b) x_t, chengyu fast vs chengyu reference", maxrel(cpx, cprx)),
               ("(b) x_t, chengyu fast vs chengyu richardson", maxrel(cpx, read_result(os.path.join(w, "proj-rich.csv"))[1]))]
    rows.append(("(b) 17 years, A changing", "compute", cp["phases_best"]["solve"],
                 [("numpy", bn["compute_s"]), ("scipy", bs["compute_s"]), ("pymrio", bp["compute_s"]),
                  ("chengyu --method reference", cpr["phases_best"]["solve"]),
                  ("chengyu --iteration richardson", cpi["phases_best"]["solve"])]))
    rows.append(("(b) 17 years, A changing", "end to end", cp["wall_s"],
                 [("numpy", bne["wall_s"]), ("scipy", bse["wall_s"]), ("pymrio", bpe["wall_s"]), ("chengyu --method reference", cpr["wall_s"])]))
    mem += [("(b) chengyu io project", cp["peak_mb"], None), ("(b) numpy", bn["peak_mb"], bn["rss_before_compute_mb"]),
            ("(b) scipy", bs["peak_mb"], bs["rss_before_compute_mb"]), ("(b) pymrio", bp["peak_mb"], bp["rss_before_compute_mb"])]

    # (c) 1,000 demand variants on a fixed A --------------------------------------------------------
    cs = run_chengyu(a, ["io", "solve", a.table, "--demand", os.path.join(w, "demand.csv"), "--out", os.path.join(w, "solve.csv")])
    cs_compute = cs["phases_best"]["factor"] + cs["phases_best"]["solve"]
    ss, sse = run_worker(a, "demand-scipy"), run_worker(a, "demand-scipy", e2e=True)
    # pymrio: L once, then per variant; timed on the sample, extrapolated to all columns
    pp = run_worker(a, "demand-pymrio", extra=["--repeat", "1"])
    pymrio_c = pp["per_variant_s"] * a.columns
    pymrio_setup = None
    _, csx = read_result(os.path.join(w, "solve.csv"), a.columns)
    checks += [("(c) X, chengyu vs scipy", maxrel(csx, np.load(os.path.join(w, "demand-scipy.npy")))),
               (f"(c) X, chengyu vs pymrio (first {pp['sample']} variants)",
                maxrel(csx[:, :pp["sample"]], np.load(os.path.join(w, "demand-pymrio.npy"))))]
    extrap = "" if pp["sample"] >= a.columns else f" (per variant × {a.columns}: timed on {pp['sample']}, extrapolated)"
    rows.append((f"(c) {a.columns} demand variants", "compute", cs_compute,
                 [("scipy lu_factor+lu_solve", ss["compute_s"]), ("pymrio per variant" + extrap, pymrio_c)]))
    rows.append((f"(c) {a.columns} demand variants", "end to end", cs["wall_s"], [("scipy", sse["wall_s"])]))
    mem += [("(c) chengyu io solve", cs["peak_mb"], None), ("(c) scipy", ss["peak_mb"], ss["rss_before_compute_mb"]),
            ("(c) pymrio", pp["peak_mb"], pp["rss_before_compute_mb"])]

    # report ------------------------------------------------------------------------------------------
    print(f"{'workload':32s}{'phase':12s}{'chengyu s':>11s}  {'peer':44s}{'peer s':>10s}{'peer/chengyu':>14s}")
    for name, phase, c, peers in rows:
        for k, (peer, t) in enumerate(peers):
            print(f"{name if k == 0 else '':32s}{phase if k == 0 else '':12s}{(f'{c:11.4f}' if k == 0 else ' ' * 11)}  {peer:44s}{t:10.4f}{t / c:14.1f}")
    print()
    print("chengyu phases (best of runs, s):")
    for label, r in [("io multipliers", cm), ("io project (fast)", cp), ("io project (richardson)", cpi),
                     ("io project (reference)", cpr), ("io solve", cs)]:
        print(f"  {label:24s}" + ", ".join(f"{k} {v:.4f}" for k, v in r["phases_best"].items()) + f"; wall {r['wall_s']:.3f}")
        if r["info"]:
            print(f"  {'':24s}{r['info']}")
    print(f"pymrio (c): {pp['per_variant_s'] * 1e3:.2f} ms per variant on {pp['sample']} variants (L computed once beforehand)")
    print()
    print("agreement (max relative difference):")
    for k, v in checks:
        print(f"  {k:50s}{v:.2e}")
    print()
    print(f"peak memory (MiB and multiples of one n×n matrix = {nn_mb:.1f} MiB; python: peak, and peak minus RSS before compute):")
    for k, peak, before in mem:
        extra = "" if before is None else f"   minus pre-compute {before:7.1f} MiB: {(peak - before) / nn_mb:5.1f} × n²"
        print(f"  {k:28s}{peak:8.1f} MiB = {peak / nn_mb:5.1f} × n²{extra}")
    load_end = os.getloadavg()
    print(f"\nload average at end: {load_end[0]:.2f} {load_end[1]:.2f} {load_end[2]:.2f}")

    ratio_b_np = bn["compute_s"] / cp["phases_best"]["solve"]
    ratio_b_sp = bs["compute_s"] / cp["phases_best"]["solve"]
    ratio_b_pm = bp["compute_s"] / cp["phases_best"]["solve"]
    ratio_c_sp = cs_compute / ss["compute_s"]
    ratio_c_pm = pymrio_c / cs_compute
    acc = [("(b) ≥ 8× faster than numpy yearly LU-and-solve", ratio_b_np, ratio_b_np >= 8),
           ("(b) ≥ 8× faster than scipy yearly lu_factor+lu_solve", ratio_b_sp, ratio_b_sp >= 8),
           ("(b) ≥ 30× faster than pymrio yearly calc_L", ratio_b_pm, ratio_b_pm >= 30),
           ("(c) chengyu/scipy ≤ 1.2", ratio_c_sp, ratio_c_sp <= 1.2),
           ("(c) ≥ 15× faster than pymrio per variant", ratio_c_pm, ratio_c_pm >= 15)]
    print("\nacceptance (compute phases):")
    for k, v, ok in acc:
        print(f"  {k:54s}{v:8.2f}  {'met' if ok else 'NOT met'}")
    if a.json:
        with open(a.json, "w") as fh:
            json.dump({"head": head, "rows": rows, "checks": checks, "memory": mem, "acceptance": acc,
                       "chengyu": {"multipliers": cm, "project": cp, "project_richardson": cpi, "project_reference": cpr, "solve": cs},
                       "python": {"mult-numpy": nm, "mult-pymrio": pm, "proj-numpy": bn, "proj-scipy": bs, "proj-pymrio": bp,
                                  "demand-scipy": ss, "demand-pymrio": pp},
                       "loadavg_end": load_end}, fh, indent=1, default=str)


def _cpu_model():
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    main()
