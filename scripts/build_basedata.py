#!/usr/bin/env python3
"""Build Sources/BaseData/Resources/data from the gathered inputs in ../shared/data.

Run from the repository root:  python3 scripts/build_basedata.py [path/to/shared/data]
Standard library only. Every estimated figure is written with provenance `estimate` and the method text;
nothing at run or test time reads the shared folder: the outputs are committed.
"""
import csv, math, os, re, sys, shutil, statistics

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data")
OUT = os.path.join(os.path.dirname(__file__), "..", "Sources", "BaseData", "Resources", "data")

def rd(path):
    with open(os.path.join(SRC, path), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))

def wr(path, header, rows):
    full = os.path.join(OUT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(r)

def fmt(x, nd=6):
    if isinstance(x, str):
        return x
    s = f"{x:.{nd}f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"

# ---------------------------------------------------------------- sources
SOURCES = {}   # id -> (description, address, quality)
def add_source(sid, desc, addr, quality):
    SOURCES[sid] = (desc, addr, quality)

def parse_md_tables(text, pattern):
    for line in text.splitlines():
        if not line.startswith("| "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and re.fullmatch(pattern, cells[0]):
            yield cells

smd = open(os.path.join(SRC, "sources.md"), encoding="utf-8").read()
for c in parse_md_tables(smd, r"S-[A-Z0-9-]+"):
    desc, addr = c[1], (c[2] if len(c) > 2 else "")
    qual = c[3] if len(c) > 3 else ""
    add_source(c[0], desc, addr, qual)
notes = open(os.path.join(SRC, "transport", "NOTES.md"), encoding="utf-8").read()
for c in parse_md_tables(notes, r"T-[A-Z0-9-]+"):
    add_source(c[0], c[1], c[2] if len(c) > 2 else "", "see transport/NOTES.md")
add_source("T-MYSTEEL-PLAN", "成渝地区双城经济圈综合交通运输发展规划 (2021-06) report", "https://news.mysteel.com/21/0623/09/31600FEEDDE8C377.html", "secondary")
add_source("T-CQNEWS-PLAN", "成渝地区双城经济圈多层次轨道交通规划 (2021-12) report", "http://cq.news.cn/2021-12/30/c_1128214361.htm ; http://dtkxyy.com/news/16562.cshtml", "secondary")
# added in this build (searched stored pages, 2026-11-29)
add_source("S-HONGHEIKU-YUNYANG2020", "云阳县2020年国民经济和社会发展统计公报: GDP 462.59亿元 (+2.6% real), P 65.72 S 180.37 T 216.49; 户籍133.14万", "https://tjgb.hongheiku.com/718.html", "bulletin repost")
add_source("S-HUAKU-NBS2019HH", "国家统计局 2019年居民收入和消费支出情况: 城镇居民人均消费支出28063元, 农村13328元, 全国21559元", "http://m.huakuclub.com/xwzx/gnsz/gdxw/202001/17/t20200117_34145929.shtml", "copy of official release")
add_source("S-SLYDAY-SC2020HH", "四川在线 2020年度四川主要民生数据解读: 2020 城镇居民人均生活消费支出25133元 (-0.9%), 农村14953元 (+6.4%)", "https://www.slyday.com/tag/6937/page/2", "secondary (press)")
add_source("S-CQCB-CQTRADE2019Q3", "上游新闻 2019-10-21, 重庆海关: 2019年前三季度 出口2637.4亿元, 进口1500.8亿元", "https://cqcb.com/hot/2019-10-21/1927252_pc.html", "secondary (customs release)")
add_source("S-CNR-SCTRADE2019OCT", "央广网 2019-11-13, 成都海关: 2019年1-10月四川出口3153.8亿元 (+19.3%), 进口2335.5亿元 (+9.2%)", "http://hainiu11.com/newscenter/native/city/20191113/t20191113_524856768.shtml", "secondary (customs release via CNR)")
add_source("G-ECO-PLAN-2022", "《成渝地区双城经济圈生态环境保护规划》(生态环境部等, 2022-02): 优良天数率不低于89.4%, 跨界河流国控断面水质达标率100%", "https://bazhong.scol.com.cn/cnyw/202202/58418311.html", "official text via press")
add_source("G-CQ-TERRITORIAL-2035", "《重庆市国土空间总体规划(2021—2035年)》(国函〔2024〕32号): 城镇化率约80%, 中心城区约95%, 与成都1小时通达, 2000公里高铁", "https://zgcxtc.cn/news/275830.html ; https://jrcq.cn/Release/txtlist_i33646v.html", "official text via press")
add_source("G-CQ-URBANISATION-2035", "《重庆市新型城镇化规划(2021—2035年)》(渝府发〔2022〕9号): 2025 城镇化率73%, 2035 城镇人口2800万左右", "https://kuaibao.lzzcloud.net/news_info/836064.html", "official text via press")
add_source("G-CD-TERRITORIAL-2035", "《成都市国土空间总体规划(2020—2035年)》草案公示 (2021-07-09): 常住人口规模控制在2400万人", "http://wwwfh2222.com/news/b/2021-07-09/detail-ikqciyzk4438885.shtml?from=sc_ydph", "official draft via press")
add_source("M-MODEL", "Modelling choice of the Chengyu project, documented in MODEL.md and this data folder's README (not a published figure)", "Sources/BaseData/README.md", "assumption")

def ids_in(text):
    return sorted(set(re.findall(r"\b[STGM]-[A-Z0-9][A-Z0-9-]*[A-Z0-9]", text)))

# ---------------------------------------------------------------- jurisdictions
J = rd("jurisdictions.csv")
prov_rows = rd("jurisdictions_provenance.csv")
alt_rows = rd("jurisdictions_alternatives.csv")
ctx = rd("province_context.csv")
cen_urb = {r["id"]: r for r in rd("census2020_urban.csv")}
est_rows = rd("estimates.csv")
PV = {}
for r in prov_rows:
    PV[(r["id"], r["field"])] = (float(r["value"]), r["source_ids"])
ALT = {}
for r in alt_rows:
    ALT.setdefault((r["id"], r["field"]), (r["value"], r["source_ids"]))
def C(region, ind, year):
    for r in ctx:
        if r["region"] == region and r["indicator"] == ind and r["year"] == str(year):
            return float(r["value"]), r["source_ids"]
    raise KeyError((region, ind, year))

ids = [j["id"] for j in J]
core = [j["id"] for j in J if j["id"] not in ("cq-kaizhou", "cq-yunyang")]
assert len(core) == 42 and len(ids) == 44
CENTRAL = ["cq-yuzhong", "cq-dadukou", "cq-jiangbei", "cq-shapingba", "cq-jiulongpo", "cq-nanan", "cq-beibei", "cq-yubei", "cq-banan"]
prov = {j["id"]: j["province"] for j in J}

FIG = {}   # (id, figure) -> dict(value, unit, provenance, source_ids, method)
def put(jid, fig, value, unit, provenance, source_ids, method=""):
    assert provenance in ("source", "estimate")
    if isinstance(source_ids, (list, tuple, set)):
        source_ids = ";".join(sorted(set(s for s in source_ids if s)))
    FIG[(jid, fig)] = dict(value=value, unit=unit, provenance=provenance, source_ids=source_ids, method=method)
def val(jid, fig):
    f = FIG.get((jid, fig))
    return None if f is None else f["value"]

# area
for j in J:
    if j["area_km2"]:
        v, s = PV[(j["id"], "area_km2")]
        put(j["id"], "area_km2", v, "km2", "source", s)
# census 2020
for jid in ids:
    if (jid, "pop_census2020") in PV:
        v, s = PV[(jid, "pop_census2020")]
        put(jid, "population_census2020_persons", v, "persons", "source", s)
# zhongxian census: density of the neighbouring counties
nb = ["cq-fengdu", "cq-dianjiang", "cq-liangping"]
dens = statistics.mean(val(n, "population_census2020_persons") / val(n, "area_km2") for n in nb)
put("cq-zhongxian", "population_census2020_persons", round(dens * val("cq-zhongxian", "area_km2")), "persons", "estimate",
    ["S-CITYPOP-CQ", "S-SMILING", "S-INVESTCQ-FENGDU", "S-INVESTCQ-DIANJIANG", "S-CTG-LIANGPING", "S-ZHONGXIAN-GOV"],
    f"no census count found: mean 2020-census density of the neighbouring counties 丰都, 垫江, 梁平 ({dens:.1f} persons/km2) x area")

# province factors
cq_pop19, cq_pop19_s = C("chongqing", "pop", 2019)
sc_pop19, sc_pop19_s = C("sichuan", "pop", 2019)
cq_cen, cq_cen_s = C("chongqing", "pop_census", 2020)
sc_cen, sc_cen_s = C("sichuan", "pop_census", 2020)
cq_ngr, cq_ngr_s = C("chongqing", "natural_growth_rate", 2019)
sc_ngr, sc_ngr_s = C("sichuan", "natural_growth_rate", 2019)
ngr = {"chongqing": (cq_ngr, cq_ngr_s), "sichuan": (sc_ngr, sc_ngr_s)}

# GDP 2019 (first-published vintage, bulletin)
for j in J:
    if j["gdp_2019_100m_yuan"]:
        v, s = PV[(j["id"], "gdp_2019_100m_yuan")]
        put(j["id"], "gdp_2019_100m_yuan", v, "100m yuan", "source", s)
for r in est_rows:
    if r["field"] == "gdp_2019_100m_yuan":
        put(r["id"], "gdp_2019_100m_yuan", float(r["value"]), "100m yuan", "estimate", r["source_ids"], r["method"].replace("estimate (derived): ", ""))
    if r["field"] == "area_km2" and (r["id"], "area_km2") not in FIG:
        put(r["id"], "area_km2", float(r["value"]), "km2", "estimate", r["source_ids"], r["method"])
# Sichuan cities with a sourced 2020 GDP: deflate by Sichuan's nominal 2019->2020 growth
sc_g19, sc_g19_s = C("sichuan", "gdp", 2019)
sc_g20, sc_g20_s = C("sichuan", "gdp", 2020)
sc_nom = sc_g20 / sc_g19
gd20 = {"sc-suining": (1403.18, "S-BENET-SUINING"), "sc-guangan": (1301.6, "S-TJCN-GUANGAN2020")}
for jid, (g20, s) in gd20.items():
    put(jid, "gdp_2019_100m_yuan", round(g20 / sc_nom, 2), "100m yuan", "estimate", [s, sc_g19_s, sc_g20_s],
        f"2020 GDP {g20} / Sichuan nominal growth 2019->2020 ({sc_g20}/{sc_g19} = {sc_nom:.5f})")
cq_g19, cq_g19_s = C("chongqing", "gdp", 2019)
cq_g20, cq_g20_s = C("chongqing", "gdp", 2020)
cq_nom = cq_g20 / cq_g19
put("cq-yunyang", "gdp_2019_100m_yuan", round(462.59 / cq_nom, 2), "100m yuan", "estimate", ["S-HONGHEIKU-YUNYANG2020", cq_g19_s, cq_g20_s],
    f"2020 GDP 462.59 / Chongqing nominal growth 2019->2020 ({cq_g20}/{cq_g19} = {cq_nom:.5f}); whole county (only part lies in the circle)")

# population 2019, census-consistent (base of the model)
for jid in ids:
    p = prov[jid]
    if jid == "sc-chengdu":
        v, s = float(ALT[(jid, "pop_2019_revised_10k")][0]) * 1e4, ALT[(jid, "pop_2019_revised_10k")][1]
        put(jid, "population_2019_persons", v, "persons", "source", s + ";S-WUHANX", "")
        FIG[(jid, "population_2019_persons")]["source_ids"] = s
        continue
    cen = val(jid, "population_census2020_persons")
    if cen is None:
        continue
    n, ns = ngr[p]
    base = FIG[(jid, "population_census2020_persons")]
    prov_ = "estimate"
    put(jid, "population_2019_persons", round(cen / (1 + n / 1000)), "persons", prov_,
        [base["source_ids"], ns],
        f"census-consistent back-cast: 2020 census count / (1 + {p} 2019 natural growth {n} per mille); net migration Nov 2019-Oct 2020 assumed 0"
        + ("; census count itself estimated" if base["provenance"] == "estimate" else ""))

# population 2019, first-published vintage (the plan's 96 million basis)
fp = {}
for j in J:
    if j["pop_2019_10k"]:
        v, s = PV[(j["id"], "pop_2019_10k")]
        put(j["id"], "population_2019_first_published_persons", v * 1e4, "persons", "source", s)
        fp[j["id"]] = v * 1e4
for jid in ids:
    k = (jid, "pop_2018_estimate_10k")
    if k in ALT and (jid, "population_2019_first_published_persons") not in FIG:
        v = float(ALT[k][0]) * 1e4
        put(jid, "population_2019_first_published_persons", round(v * (1 + cq_ngr / 1000)), "persons", "estimate", [ALT[k][1], cq_ngr_s],
            f"official year-end 2018 estimate {ALT[k][0]}万 x (1 + Chongqing 2019 natural growth {cq_ngr} per mille)")
# ratio classes: first-published 2019 / census 2020 where both known
def ratio_class(jid):
    if jid in CENTRAL: return "Chongqing central districts"
    if prov[jid] == "chongqing": return "other Chongqing districts and counties"
    return "Sichuan cities except Chengdu"
cls = {}
for jid in ids:
    f = FIG.get((jid, "population_2019_first_published_persons"))
    c = FIG.get((jid, "population_census2020_persons"))
    if f and c and c["provenance"] == "source" and jid != "sc-chengdu":
        cls.setdefault(ratio_class(jid), []).append((jid, f["value"] / c["value"]))
for jid in ids:
    if (jid, "population_2019_first_published_persons") in FIG or (jid, "population_census2020_persons") not in FIG:
        continue
    k = ratio_class(jid)
    pairs = cls[k]
    m = statistics.mean(r for _, r in pairs)
    base = FIG[(jid, "population_census2020_persons")]
    put(jid, "population_2019_first_published_persons", round(base["value"] * m), "persons", "estimate",
        [base["source_ids"]] + [FIG[(q, "population_2019_first_published_persons")]["source_ids"] for q, _ in pairs],
        f"2020 census count x mean ratio first-published 2019 / census 2020 of the {k} where both are known ({m:.4f}, n={len(pairs)}: {', '.join(q for q, _ in pairs)})")

# GDP of the missing Chongqing units: province total minus known, shared by population
known_cq_gdp = sum(val(j, "gdp_2019_100m_yuan") for j in ids if prov[j] == "chongqing" and val(j, "gdp_2019_100m_yuan") is not None and j != "cq-yunyang")
known_cq_cen = sum(FIG[(j, "population_census2020_persons")]["value"] for j in ids if prov[j] == "chongqing" and (j, "population_census2020_persons") in FIG and FIG[(j, "population_census2020_persons")]["provenance"] == "source" and val(j, "gdp_2019_100m_yuan") is not None and j != "cq-yunyang")
rem_gdp = cq_g19 - known_cq_gdp
rem_pop = cq_cen * 1e4 - known_cq_cen
# dadukou: central district, median per head of the other central districts with known GDP
pc = [val(j, "gdp_2019_100m_yuan") * 1e8 / val(j, "population_census2020_persons") for j in CENTRAL if val(j, "gdp_2019_100m_yuan") is not None]
med = statistics.median(pc)
dd = val("cq-dadukou", "population_census2020_persons") * med / 1e8
put("cq-dadukou", "gdp_2019_100m_yuan", round(dd, 2), "100m yuan", "estimate", ["S-PHB7", "S-MAIGOO", "S-SMILING", "S-CITYPOP-CQ"],
    f"2020 census population x median GDP per census resident of the other 8 central districts ({med:.0f} yuan)")
# 黔江 and 垫江 have a 2018 GDP: grow it at China's nominal 2018->2019 ratio (MODEL.md section 2: 1.0746)
NAT_NOM = 1.0746
g18 = {"cq-qianjiang": (247.29, "S-QJ-2018BULL", "2018 bulletin GDP 247.29"), "cq-dianjiang": (316.9, "S-INVESTCQ-DIANJIANG", "2018 GDP 316.9 (31.69 bn yuan)")}
for jid, (v18, s18, txt) in g18.items():
    put(jid, "gdp_2019_100m_yuan", round(v18 * NAT_NOM, 2), "100m yuan", "estimate", [s18, "S-IONET", "S-QDNEWS-GDP"],
        f"{txt} x China's nominal GDP ratio 2019/2018 ({NAT_NOM}: 990865 / 2018 IO-table value added); the 2018 figure predates the 2019 census-of-economy revision, so this is likely low")
rem_gdp2 = rem_gdp - dd - sum(val(j, "gdp_2019_100m_yuan") for j in g18)
rem_pop2 = rem_pop - val("cq-dadukou", "population_census2020_persons") - sum(val(j, "population_census2020_persons") for j in g18)
pc_rem = rem_gdp2 * 1e8 / rem_pop2
for jid in ["cq-nanchuan", "cq-fengdu", "cq-zhongxian"]:
    base = FIG[(jid, "population_census2020_persons")]
    put(jid, "gdp_2019_100m_yuan", round(base["value"] * pc_rem / 1e8, 2), "100m yuan", "estimate",
        [cq_g19_s, cq_cen_s, "S-PHB7", "S-MAIGOO", "S-SMILING", base["source_ids"]],
        f"Chongqing remainder: (province GDP {cq_g19} - 23 known units - the 大渡口, 黔江, 垫江 estimates) / (census population of the units without a GDP, incl. the 10 outside the circle) = {pc_rem:.0f} yuan per census resident, x 2020 census population"
        + ("; census count itself estimated" if base["provenance"] == "estimate" else ""))
# Ziyang: no 2019 or 2020 figure; Sichuan cities' remainder is unidentifiable (6 cities outside the circle unknown)
sc_pc_other = [val(j, "gdp_2019_100m_yuan") * 1e8 / val(j, "population_2019_first_published_persons")
               for j in ids if prov[j] == "sichuan" and j != "sc-chengdu" and val(j, "gdp_2019_100m_yuan") is not None
               and FIG[(j, "gdp_2019_100m_yuan")]["provenance"] == "source" and val(j, "population_2019_first_published_persons") is not None]
# use the lowest quartile: Ziyang is the least urbanised city with a sourced rate (44.15 %)
q1 = sorted(sc_pc_other)[len(sc_pc_other) // 4]
put("sc-ziyang", "gdp_2019_100m_yuan", round(val("sc-ziyang", "population_2019_first_published_persons") * q1 / 1e8, 2), "100m yuan", "estimate",
    ["S-WIKI-ZIYANG", "S-TEXTBOOK"],
    f"first-published 2019 population x lower-quartile GDP per head of the Sichuan circle cities with a sourced GDP ({q1:.0f} yuan; 资阳 has the lowest sourced urbanisation, 44.15 %)")
# Yunyang population and area (partial, off by default)
kz_pc = val("cq-kaizhou", "gdp_2019_100m_yuan") * 1e8 / val("cq-kaizhou", "population_2019_persons")
yp = val("cq-yunyang", "gdp_2019_100m_yuan") * 1e8 / kz_pc
put("cq-yunyang", "population_2019_persons", round(yp), "persons", "estimate", ["S-HONGHEIKU-YUNYANG2020", "S-MAIGOO", "S-SMILING"],
    f"2019 GDP estimate / GDP per head of the neighbouring 开州 ({kz_pc:.0f} yuan per census-consistent resident)")
put("cq-yunyang", "population_2019_first_published_persons", round(yp), "persons", "estimate", ["S-HONGHEIKU-YUNYANG2020", "S-MAIGOO", "S-SMILING"],
    "same as population_2019_persons (no vintage information)")
kz_d = val("cq-kaizhou", "population_census2020_persons") / val("cq-kaizhou", "area_km2")
put("cq-yunyang", "area_km2", round(yp / kz_d), "km2", "estimate", ["S-RENKOU-CQ5", "S-SMILING"],
    f"population estimate / 2020-census density of 开州 ({kz_d:.1f} persons/km2)")

# urbanisation 2019 (fraction)
for jid in ids:
    if (jid, "urbanization_2019") in PV:
        v, s = PV[(jid, "urbanization_2019")]
        put(jid, "urban_share_2019_fraction", v / 100, "fraction", "source", s)
for jid, r in cen_urb.items():
    put(jid, "urban_share_census2020_fraction", round(float(r["urban_census2020"]) / float(r["pop_census2020"]), 6), "fraction", "source" , r["source_ids"],
        "urban / total census counts" if r["share_status"].startswith("computed") else "")
cq_u18, cq_u18s = C("chongqing", "urbanization", 2018)
cq_u19, cq_u19s = C("chongqing", "urbanization", 2019)
du = (cq_u19 - cq_u18) / 100
for jid, key in [("cq-jiulongpo", "urbanization_2018"), ("cq-qianjiang", "urbanization_2018"), ("sc-mianyang", "urbanization_2018")]:
    v, s = ALT[(jid, key)]
    put(jid, "urban_share_2019_fraction", round(float(v) / 100 + du, 6), "fraction", "estimate", [s, cq_u18s],
        f"2018 bulletin rate {v} % + Chongqing's 2018->2019 change ({cq_u18} -> {cq_u19} %)" + ("; Sichuan's change not found, Chongqing's used" if prov[jid] == "sichuan" else ""))
for jid in cen_urb:
    if (jid, "urban_share_2019_fraction") not in FIG:
        f = FIG[(jid, "urban_share_census2020_fraction")]
        put(jid, "urban_share_2019_fraction", f["value"], "fraction", "estimate", f["source_ids"],
            "2020 census urban share used for 2019 unchanged (census-based rates run about 1 pp above the 2019 year-end series)")
# logistic fit on log density for the rest
pts = []
for jid in ids:
    f = FIG.get((jid, "urban_share_2019_fraction"))
    if f and val(jid, "area_km2") and val(jid, "population_census2020_persons"):
        d = val(jid, "population_census2020_persons") / val(jid, "area_km2")
        pts.append((math.log(d), math.log(f["value"] / (1 - f["value"]))))
n = len(pts); mx = sum(p[0] for p in pts) / n; my = sum(p[1] for p in pts) / n
b = sum((p[0] - mx) * (p[1] - my) for p in pts) / sum((p[0] - mx) ** 2 for p in pts)
a = my - b * mx
for jid in ids:
    if (jid, "urban_share_2019_fraction") in FIG:
        continue
    d = (val(jid, "population_census2020_persons") or val(jid, "population_2019_persons")) / val(jid, "area_km2")
    u = 1 / (1 + math.exp(-(a + b * math.log(d))))
    put(jid, "urban_share_2019_fraction", round(u, 4), "fraction", "estimate", ["S-SMILING", "S-CITYPOP-CQ"] + [FIG[(jid, "area_km2")]["source_ids"]],
        f"logistic fit logit(u) = {a:.4f} + {b:.4f} ln(2020-census density per km2) over the {n} jurisdictions with a sourced or census-based rate")

# three-sector value added
shares = {}
for p in ("chongqing", "sichuan"):
    if p == "sichuan":
        vs = [C(p, "va_primary", 2019)[0], C(p, "va_secondary", 2019)[0], C(p, "va_tertiary", 2019)[0]]
        shares[p] = ([x / sum(vs) for x in vs], "S-SC-2019BULL")
    else:
        # Chongqing's 2019 split is not in the store; 2020 bulletin split used (P 1803.33 S 9992.21 T 13207.25)
        vs = [1803.33, 9992.21, 13207.25]
        shares[p] = ([x / sum(vs) for x in vs], "S-CQ-2020BULL")
pc_prov = {"chongqing": cq_g19 * 1e8 / (cq_pop19 * 1e4), "sichuan": sc_g19 * 1e8 / (sc_pop19 * 1e4)}
cd = {r["id"]: r for r in rd("district_sectors_2019.csv")}
for jid in ids:
    gdp = FIG[(jid, "gdp_2019_100m_yuan")]
    if jid in cd:
        r = cd[jid]
        for k, col in (("primary", "va_primary_2019_100m_yuan"), ("secondary", "va_secondary_2019_100m_yuan"), ("tertiary", "va_tertiary_2019_100m_yuan")):
            put(jid, f"va_{k}_2019_100m_yuan", float(r[col]), "100m yuan", "source", r["source_ids"])
        continue
    p = prov[jid]
    Y = gdp["value"]
    sh, shs = shares[p]
    srcs = [gdp["source_ids"], shs]
    method = None
    if jid == "cq-qianjiang":
        s18 = [23.38, 108.87, 115.04]; t = sum(s18)
        s = [x / t for x in s18]; srcs.append("S-QJ-2018BULL")
        method = "2018 bulletin structure (P 23.38, S 108.87, T 115.04) applied to the 2019 GDP"
    elif jid == "sc-guangan":
        s = [0.163, 0.329, 0.508]; srcs.append("S-TJCN-GUANGAN2020")
        method = "2019 structure 16.3:32.9:50.8 as restated in the 2020 bulletin, applied to the 2019 GDP"
    elif jid == "cq-yunyang":
        s = [0.142, 0.39, 0.468]; srcs.append("S-HONGHEIKU-YUNYANG2020")
        method = "2020 bulletin structure 14.2:39:46.8 applied to the 2019 GDP estimate"
    else:
        P = val(jid, "population_2019_first_published_persons")
        r_inc = (Y * 1e8 / P) / pc_prov[p]
        urb = FIG[(jid, "urban_share_2019_fraction")]
        u_p = (cq_u19 if p == "chongqing" else C("sichuan", "urbanization", 2019)[0]) / 100
        service_only = val(jid, "area_km2") < 100 or urb["value"] > 0.90
        if service_only:
            s1 = 0.0
        else:
            s1 = min(sh[0] * ((1 - urb["value"]) / (1 - u_p)) / r_inc, 0.35)
        t_known = None
        if jid == "sc-zigong": t_known = 0.4574; srcs.append("S-ZIGONG-2020")
        if jid == "sc-meishan": t_known = 0.4738; srcs.append("S-CHYXX-MEISHAN")
        if t_known is not None:
            s3 = t_known; s2 = 1 - s1 - s3
        else:
            s2 = (1 - s1) * sh[1] / (sh[1] + sh[2]); s3 = (1 - s1) * sh[2] / (sh[1] + sh[2])
        s = [s1, s2, s3]
        srcs += [FIG[(jid, "population_2019_first_published_persons")]["source_ids"], cq_pop19_s if p == "chongqing" else sc_pop19_s]
        base = f"province ({p}) 2019 shares {sh[0]:.4f}:{sh[1]:.4f}:{sh[2]:.4f}" if p == "sichuan" else f"Chongqing shares {sh[0]:.4f}:{sh[1]:.4f}:{sh[2]:.4f} (2020 bulletin; 2019 split not found)"
        if service_only:
            method = (f"service-only district (area < 100 km2 or urbanisation > 90 %, MODEL.md section 2): primary set to 0; secondary:tertiary in {base} proportions")
        else:
            method = (f"{base}; primary VA per rural resident set equal to the province's: primary share = province share x (rural share / province rural share) / relative GDP per head (jurisdiction per first-published resident / province per resident = {r_inc:.3f}), capped at 0.35; "
                      + f"rural share {1 - urb['value']:.3f} vs province {1 - u_p:.3f} ("
                      + ("tertiary share from the sourced 2019 tertiary share, secondary the rest" if t_known else "rest split secondary:tertiary in province proportions") + ")")
    vp = round(Y * s[0], 2); vs_ = round(Y * s[1], 2); vt = round(Y - vp - vs_, 2)
    for k, x in zip(("primary", "secondary", "tertiary"), (vp, vs_, vt)):
        put(jid, f"va_{k}_2019_100m_yuan", x, "100m yuan", "estimate", srcs, method + ("; tertiary = GDP - primary - secondary after rounding" if k == "tertiary" else ""))
    # the Deyang yearbook split is sourced; nothing else
# coverage share of the two partial Chongqing units (assumption)
for jid in ("cq-kaizhou", "cq-yunyang"):
    put(jid, "coverage_share_fraction", 0.5, "fraction", "estimate", ["S-PLAN", "M-MODEL"],
        "assumption (modelling choice): the outline includes 开州/云阳 only in part (部分地区) without naming the towns; half of the unit's figures are attributed to the circle")

FIGS = ["area_km2", "population_2019_persons", "population_2019_first_published_persons", "population_census2020_persons",
        "gdp_2019_100m_yuan", "va_primary_2019_100m_yuan", "va_secondary_2019_100m_yuan", "va_tertiary_2019_100m_yuan",
        "urban_share_2019_fraction", "urban_share_census2020_fraction", "coverage_share_fraction"]
rows = []
for jid in ids:
    for fname in FIGS:
        f = FIG.get((jid, fname))
        if f is None:
            continue
        sids = ";".join(sorted(set(x for part in f["source_ids"].split(";") for x in [part.strip()] if x)))
        rows.append([jid, fname, fmt(f["value"]), f["unit"], f["provenance"], sids, f["method"]])
# every required figure present
for jid in ids:
    for fname in FIGS[:9]:
        if fname == "population_census2020_persons" and jid == "cq-yunyang":
            continue  # not needed: 2019 figures estimated directly
        assert (jid, fname) in FIG, (jid, fname)
wr("jurisdictions/figures_2019.csv", ["jurisdiction_id", "figure", "value", "unit", "provenance", "source_ids", "method"], rows)
wr("jurisdictions/jurisdictions.csv",
   ["id", "name_zh", "name_en", "province", "kind", "coverage", "membership", "central_district", "lat_deg_gcj02", "lon_deg_gcj02", "source_ids"],
   [[j["id"], j["name_zh"], j["name_en"], j["province"], j["kind"], j["coverage"], "optional" if j["id"] in ("cq-kaizhou", "cq-yunyang") else "core", "true" if j["id"] in CENTRAL else "false",
     j["lat"], j["lon"], "S-CPCA;S-PLAN"] for j in J])

def total(fname, idl):
    return sum(val(j, fname) for j in idl)
print("pop census-consistent 2019 (42):", total("population_2019_persons", core) / 1e4)
print("pop first-published 2019 (42):", total("population_2019_first_published_persons", core) / 1e4)
print("gdp 2019 (42):", total("gdp_2019_100m_yuan", core))
print("area (42):", total("area_km2", core))
print("va sum check:", max(abs(val(j, 'va_primary_2019_100m_yuan') + val(j, 'va_secondary_2019_100m_yuan') + val(j, 'va_tertiary_2019_100m_yuan') - val(j, 'gdp_2019_100m_yuan')) for j in ids))
print("logit fit", a, b, n, "pc_rem", pc_rem, "dadukou", dd, "med", med, "ziyang q1", q1)
for jid in ids:
    print(jid, *(fmt(val(jid, f) or float('nan'), 3) for f in FIGS[:9]))

# ---------------------------------------------------------------- national IO (42 sectors)
NONTRADABLE = {"27", "33", "37", "38", "39", "40", "42"}
def broad(code):
    c = int(code)
    return "primary" if c == 1 else ("secondary" if c <= 27 else "tertiary")
for year in (2017, 2018, 2020):
    with open(os.path.join(SRC, "national-io", f"china_{year}_42.csv"), newline="", encoding="utf-8") as f:
        rr = list(csv.reader(f))
    h = rr[0]
    assert h[:4] == ["Code", "Description", "DescriptionInChinese", "Origin"] and h[4] == "01" and h[45] == "42"
    newh = ["row_code", "description_en", "description_zh", "origin"] + [f"use_{c}_10k_yuan" for c in h[4:46]] + \
           ["total_intermediate_use_10k_yuan", "final_consumption_10k_yuan", "gfcf_10k_yuan", "inventory_change_10k_yuan",
            "exports_10k_yuan", "total_final_use_10k_yuan", "gross_output_or_imports_10k_yuan", "source_ids"]
    assert h[46:] == ["TIU", "TC", "FU201", "FU202", "EX", "TFU", "GO"], h[46:]
    body = []
    for r in rr[1:]:
        code, origin = r[0], r[3]
        if origin == "TOT":
            origin = "Total"
        body.append([code, r[1], r[2], origin] + r[4:] + ["S-IONET"])
    wr(f"national-io/io_table_{year}_42.csv", newh, body)
sec = rd("io-coefficients/sectors_2018_42.csv")
wr("national-io/sectors_42.csv", ["code", "name_en", "name_zh", "broad_sector", "nontradable", "source_ids"],
   [[s["code"], s["name_en"], s["name_zh"], broad(s["code"]), "true" if s["code"] in NONTRADABLE else "false", "S-IONET;M-MODEL"] for s in sec])

# consumption split from the 153-sector 2018 table aggregated to 42
C153 = {}
rng = {"01": (1, 5), "02": (6, 6), "03": (7, 7), "04": (8, 9), "05": (10, 11), "06": (12, 26), "07": (27, 31), "08": (32, 34),
       "09": (35, 36), "10": (37, 40), "11": (41, 42), "12": (43, 53), "13": (54, 60), "14": (61, 65), "15": (66, 66), "16": (67, 73),
       "17": (74, 78), "18": (79, 83), "19": (84, 89), "20": (90, 95), "21": (96, 96), "22": (97, 98), "23": (99, 99), "24": (100, 100),
       "25": (101, 101), "26": (102, 102), "27": (103, 108), "28": (109, 110), "29": (111, 122), "30": (123, 124), "31": (125, 129),
       "32": (130, 132), "33": (133, 133), "34": (134, 135), "35": (136, 136), "36": (137, 138), "37": (139, 141), "38": (142, 143),
       "39": (144, 144), "40": (145, 146), "41": (147, 151), "42": (152, 153)}
for s42, (lo, hi) in rng.items():
    for k in range(lo, hi + 1):
        C153[f"{k:03d}"] = s42
assert len(C153) == 153
d153 = rd("national-io-detailed/china_2018_153.csv")
agg = {s: dict(FU101=0.0, FU102=0.0, FU103=0.0, GO=0.0) for s in rng}
for r in d153:
    if r["Code"] in C153:
        s = C153[r["Code"]]
        for k in ("FU101", "FU102", "FU103", "GO"):
            agg[s][k] += float(r[k] or 0)
io18 = {r[0]: r for r in csv.reader(open(os.path.join(OUT, "national-io", "io_table_2018_42.csv"), encoding="utf-8"))}
split_rows = []
for s in sorted(rng):
    t = agg[s]["FU101"] + agg[s]["FU102"] + agg[s]["FU103"]
    go42 = float(sec[int(s) - 1]["gross_output_10k_yuan"])
    rel = abs(agg[s]["GO"] - go42) / go42
    assert rel < 1e-6, (s, agg[s]["GO"], go42)
    if t > 0:
        sh = [agg[s]["FU101"] / t, agg[s]["FU102"] / t, agg[s]["FU103"] / t]
    else:
        sh = [0.0, 0.0, 0.0]
    split_rows.append([s] + [fmt(x, 12) for x in sh] + [f"{lo:03d}-{hi:03d}".replace(f"{lo:03d}-{lo:03d}", f"{lo:03d}") for (lo, hi) in [rng[s]]] + ["S-IONET"])
wr("national-io/consumption_split_2018_42.csv",
   ["code", "rural_household_share_fraction", "urban_household_share_fraction", "government_share_fraction", "sectors_153", "source_ids"], split_rows)

# employment by division and the concordance to the 42 sectors
with open(os.path.join(SRC, "national-io", "china_employment.csv"), newline="", encoding="utf-8") as f:
    er = list(csv.reader(f))
years = er[0][3:]
wr("national-io/employment_by_division.csv", ["code", "description_en", "description_zh"] + [f"employed_{y}_10k_persons" for y in years] + ["source_ids"],
   [r + ["S-IONET"] for r in er[1:]])
conc = {"01": ["A"], "02": ["B01"], "03": ["B02"], "04": ["B03", "B04"], "05": ["B05", "B06", "B07"], "06": ["C01", "C02", "C03", "C04"],
        "07": ["C05"], "08": ["C06", "C07"], "09": ["C08", "C09"], "10": ["C10", "C11", "C12"], "11": ["C13"], "12": ["C14", "C15", "C16", "C17"],
        "13": ["C18"], "14": ["C19", "C20"], "15": ["C21"], "16": ["C22"], "17": ["C23"], "18": ["C24", "C25"], "19": ["C26"], "20": ["C27"],
        "21": ["C28"], "22": ["C29", "C30"], "23": ["C31"], "24": ["D01"], "25": ["D02"], "26": ["D03"], "27": ["E"], "28": ["F"], "29": ["G"],
        "30": ["H"], "31": ["I"], "32": ["J"], "33": ["K"], "34": ["L"], "35": ["M01"], "36": ["M02", "M03"], "37": ["N"], "38": ["O"], "39": ["P"],
        "40": ["Q"], "41": ["R"], "42": ["S", "T"]}
crow = []
for s in sorted(conc):
    for d in conc[s]:
        crow.append([d, s, "1", "S-IONET;M-MODEL"])
wr("national-io/employment_concordance.csv", ["division_code", "sector_code", "weight_fraction", "source_ids"], crow)
emp = {r[0]: float(r[-1]) for r in er[1:]}
tot = sum(emp[d] for ds in conc.values() for d in ds)
print("employment 2018 via concordance:", tot, "TOT", emp["TOT"])

# ---------------------------------------------------------------- province context
pc_rows = []
def pcx(region, indicator, year, value, unit, provenance, source_ids, note):
    pc_rows.append([region, indicator, str(year), fmt(value, 6), unit, provenance, source_ids, note])
UNIT_MAP = {"100m yuan": "100m_yuan", "10k persons": "10k_persons", "percent": "percent", "per mille": "per_mille", "yuan": "yuan", "km2": "km2"}
for r in ctx:
    unit = UNIT_MAP[r["unit"]]
    ind = r["indicator"] + "_" + unit
    pcx(r["region"], ind, r["year"] or "", float(r["value"]), r["unit"], "source", r["source_ids"], r["note"])
# derived and searched figures
cq_ex = 3337.5 / 0.899
pcx("chongqing", "exports_100m_yuan", 2019, round(cq_ex, 1), "100m yuan", "estimate", "S-INVESTCHN-CQTRADE",
    "机电产品出口 3337.5 / 0.899 (the release says mech-elec exports are 89.9 % of total exports)")
pcx("chongqing", "imports_100m_yuan", 2019, round(5792.8 - cq_ex, 1), "100m yuan", "estimate", "S-INVESTCHN-CQTRADE",
    "trade total 5792.8 minus the export estimate")
pcx("chongqing", "exports_jan_sep_100m_yuan", 2019, 2637.4, "100m yuan", "source", "S-CQCB-CQTRADE2019Q3", "January-September; corroborates the full-year estimate (+12.1 %)")
pcx("chongqing", "imports_jan_sep_100m_yuan", 2019, 1500.8, "100m yuan", "source", "S-CQCB-CQTRADE2019Q3", "January-September")
pcx("sichuan", "exports_jan_oct_100m_yuan", 2019, 3153.8, "100m yuan", "source", "S-CNR-SCTRADE2019OCT", "January-October (+19.3 %)")
pcx("sichuan", "imports_jan_oct_100m_yuan", 2019, 2335.5, "100m yuan", "source", "S-CNR-SCTRADE2019OCT", "January-October (+9.2 %)")
pcx("sichuan", "exports_100m_yuan", 2019, round(3153.8 * 12 / 10, 1), "100m yuan", "estimate", "S-CNR-SCTRADE2019OCT",
    "January-October exports x 12/10 (full-year figure not found; Chongqing's Jan-Sep pace understates its full year by about 5 %)")
pcx("sichuan", "imports_100m_yuan", 2019, round(2335.5 * 12 / 10, 1), "100m yuan", "estimate", "S-CNR-SCTRADE2019OCT",
    "January-October imports x 12/10 (full-year figure not found)")
pcx("china", "consumption_per_capita_urban_yuan", 2019, 28063, "yuan", "source", "S-HUAKU-NBS2019HH", "城镇居民人均消费支出")
pcx("china", "consumption_per_capita_rural_yuan", 2019, 13328, "yuan", "source", "S-HUAKU-NBS2019HH", "农村居民人均消费支出; urban/rural ratio 2.106 (MODEL.md default 2.1)")
pcx("sichuan", "consumption_per_capita_urban_yuan", 2019, round(25133 / 0.991), "yuan", "estimate", "S-SLYDAY-SC2020HH", "2020 value 25133 / (1 - 0.009)")
pcx("sichuan", "consumption_per_capita_rural_yuan", 2019, round(14953 / 1.064), "yuan", "estimate", "S-SLYDAY-SC2020HH", "2020 value 14953 / 1.064")
pcx("chongqing", "consumption_per_capita_urban_yuan", 2019, 28063, "yuan", "assumption", "S-HUAKU-NBS2019HH;M-MODEL", "assumption: not found for Chongqing; the national 2019 value is used")
pcx("chongqing", "consumption_per_capita_rural_yuan", 2019, 13328, "yuan", "assumption", "S-HUAKU-NBS2019HH;M-MODEL", "assumption: not found for Chongqing; the national 2019 value is used")
# expenditure shares of GDP from the national 2018 table (assumption for the provinces)
hdr = next(csv.reader(open(os.path.join(OUT, "national-io", "io_table_2018_42.csv"), encoding="utf-8")))
ix = {k: i for i, k in enumerate(hdr)}
sums = dict(tc=0.0, gfcf=0.0, inv=0.0, ex=0.0, im=0.0, va=0.0)
for r in csv.reader(open(os.path.join(OUT, "national-io", "io_table_2018_42.csv"), encoding="utf-8")):
    if r[3] in ("Domestic", "Imports"):
        sums["tc"] += float(r[ix["final_consumption_10k_yuan"]] or 0)
        sums["gfcf"] += float(r[ix["gfcf_10k_yuan"]] or 0)
        sums["inv"] += float(r[ix["inventory_change_10k_yuan"]] or 0)
        sums["ex"] += float(r[ix["exports_10k_yuan"]] or 0)
    if r[3] == "Imports":
        sums["im"] += float(r[ix["gross_output_or_imports_10k_yuan"]] or 0)
    if r[0] == "TVA":
        sums["va"] = sum(float(x) for x in r[4:46])
for key, name in (("tc", "final_consumption_share_of_gdp_fraction"), ("gfcf", "gfcf_share_of_gdp_fraction"), ("inv", "inventory_share_of_gdp_fraction")):
    for region in ("chongqing", "sichuan"):
        pcx(region, name, 2019, round(sums[key] / sums["va"], 6), "fraction", "assumption", "S-IONET;M-MODEL",
            "assumption: province expenditure-side GDP (2019) not found; the national 2018 IO share (incl. imported final goods) is used")
go_dom = sum(float(r[ix["gross_output_or_imports_10k_yuan"]]) for r in csv.reader(open(os.path.join(OUT, "national-io", "io_table_2018_42.csv"), encoding="utf-8")) if r[3] == "Domestic")
ex_dom = sum(float(r[ix["exports_10k_yuan"]] or 0) for r in csv.reader(open(os.path.join(OUT, "national-io", "io_table_2018_42.csv"), encoding="utf-8")) if r[3] == "Domestic")
pcx("china", "export_share_of_output_fraction", 2018, round(ex_dom / go_dom, 6), "fraction", "estimate", "S-IONET",
    "national export intensity sum(EX_dom)/sum(GO) of the 2018 table (MODEL.md section 4: the sector pattern of exports abroad, to be scaled to the provinces' exports)")
print("national 2018 expenditure shares:", {k: v / sums["va"] for k, v in sums.items()})
# employment by broad sector: national 2018 shares (assumption)
emp_b = {"primary": emp["A"], "secondary": sum(emp[k] for k in ("B", "C", "D", "E")), "tertiary": emp["TOT"] - emp["A"] - sum(emp[k] for k in ("B", "C", "D", "E"))}
for region in ("chongqing", "sichuan"):
    for b_, v_ in emp_b.items():
        pcx(region, f"employment_share_{b_}_fraction", 2019, round(v_ / emp["TOT"], 6), "fraction", "assumption", "S-IONET;M-MODEL",
            "assumption: 2019 province employment by broad sector not found; national 2018 shares from the employment table (φ_L = 1)")
# backcast record 2015-2019 (the outline's own statements)
pcx("circle", "gdp_growth_2016_2019_mean_annual_percent", 2019, 8, "percent", "source", "S-PLAN", "lower bound: 地区生产总值年均增长8%以上 (十三五以来, to 2019)")
pcx("circle", "retail_sales_growth_2016_2019_mean_annual_percent", 2019, 10, "percent", "source", "S-PLAN", "lower bound: 社会消费品零售总额年均增长10%以上")
pcx("circle", "rail_density_km_per_100km2", 2019, 3.5, "km per 100 km2", "source", "S-PLAN", "铁路密度达3.5公里/百平方公里")
pcx("chongqing", "urbanization_2015_percent", 2015, 61.6, "percent", "assumption", "S-FX361-CQ;S-XIANJI-CQ;M-MODEL",
    "assumption: 2015 value not found in the store; the sourced 2018->2019 change (+1.3 pp) extended back three years from 2018 (65.5 - 3 x 1.3); backcast checks only")
pcx("sichuan", "urbanization_2015_percent", 2015, 48.6, "percent", "assumption", "S-JYJSKC-SC;M-MODEL",
    "assumption: 2015 value not found in the store; 2019 53.79 minus 4 x 1.3 pp (Chongqing's sourced 2018->2019 pace); backcast checks only")
wr("province/province_context.csv", ["region", "indicator", "year", "value", "unit", "provenance", "source_ids", "note"], pc_rows)

# ---------------------------------------------------------------- transport
rows = rd(os.path.join("transport", "rail_links.csv"))
hdr = list(rows[0].keys())
wr(os.path.join("transport", "rail_links.csv"), hdr + ["source_ids"], [[r[k] for k in hdr] + [";".join(ids_in(r["source"]))] for r in rows])
rows = rd(os.path.join("transport", "rail_projects.csv"))
def first_num(t, lo, hi):
    for m in re.findall(r"\d+(?:\.\d+)?", t.replace(",", "")):
        if lo <= float(m) <= hi:
            return m
    return ""
out = []
for r in rows:
    out.append([r["project_id"], r["name_zh"], r["name_en"], r["from_id"], r["to_id"],
                first_num(r["design_speed_kmh"], 60, 400), first_num(r["planned_or_actual_open_year"], 2000, 2040),
                r["km_in_circle"], r["design_speed_kmh"], r["planned_or_actual_open_year"], r["status_as_found"], r["source"],
                ";".join(ids_in(r["source"]))])
wr(os.path.join("transport", "rail_projects.csv"),
   ["project_id", "name_zh", "name_en", "from_id", "to_id", "design_speed_kmh", "open_year", "km_in_circle_text", "design_speed_text",
    "open_year_text", "status_as_found", "source", "source_ids"], out)

# ---------------------------------------------------------------- groups
CQ27 = [j for j in core if prov[j] == "chongqing"]
SC15 = [j for j in core if prov[j] == "sichuan"]
groups = [
    ("circle", "成渝地区双城经济圈", "Chengdu–Chongqing Twin-City Economic Circle", core + ["cq-kaizhou", "cq-yunyang"], "preface: 27 Chongqing units, parts of 开州/云阳, 15 Sichuan cities"),
    ("province-chongqing", "重庆市(圈内)", "Chongqing (circle part)", CQ27 + ["cq-kaizhou", "cq-yunyang"], "province membership"),
    ("province-sichuan", "四川省(圈内)", "Sichuan (circle part)", SC15, "province membership"),
    ("core-chongqing", "重庆中心城区", "Chongqing central urban area (9 districts)", CENTRAL, "ch.3 §1 重庆主城; preface 中心城区 = the 9 districts"),
    ("core-chengdu", "成都", "Chengdu", ["sc-chengdu"], "ch.3 §1"),
    ("metro-chongqing", "重庆都市圈", "Chongqing metropolitan area",
     CENTRAL + ["cq-bishan", "cq-jiangjin", "cq-changshou", "cq-nanchuan", "cq-fuling", "cq-yongchuan", "cq-hechuan", "cq-qijiang",
                "cq-rongchang", "cq-tongliang", "cq-dazu", "cq-tongnan", "sc-guangan"],
     "ch.3 §2 重庆都市圈: 中心城区 + 璧山 江津 长寿 南川 (同城化) + 涪陵 永川 合川 綦江(万盛) (支点) + 荣昌 铜梁 大足 潼南 (向西) + 广安 (全面融入)"),
    ("metro-chengdu", "成都都市圈", "Chengdu metropolitan area", ["sc-chengdu", "sc-deyang", "sc-meishan", "sc-ziyang"], "ch.3 §2 成德眉资"),
    ("wing-north", "北翼(渝东北、川东北)", "North wing (NE Chongqing, NE Sichuan)",
     ["cq-wanzhou", "sc-nanchong", "sc-dazhou", "cq-dianjiang", "cq-liangping", "cq-fengdu", "cq-zhongxian", "cq-kaizhou", "cq-yunyang"],
     "ch.3 §3 推动渝东北、川东北地区一体化发展: 万州, 南充, 达州 (区域中心城市), 垫江 梁平 丰都 忠县 云阳 (节点), 开州 (川渝统筹发展示范区)"),
    ("wing-south", "南翼(川南、渝西)", "South wing (S Sichuan, W Chongqing)",
     ["sc-yibin", "sc-luzhou", "sc-neijiang", "sc-zigong", "cq-jiangjin", "cq-yongchuan", "cq-rongchang"],
     "ch.3 §3 推动川南、渝西地区融合发展: 宜宾 泸州 (区域中心城市), 内江 自贡 (同城化), 江津 永川 荣昌 (川南渝西融合发展试验区)"),
]
wr("groups/groups.csv", ["group_id", "name_zh", "name_en", "member_ids", "basis", "source_ids"],
   [[g, zh, en, ";".join(m), basis, "S-PLAN"] for g, zh, en, m, basis in groups])

# ---------------------------------------------------------------- goals
IND = [
    ("urbanisation_rate", "fraction", "urban residents / residents (resident-population basis), population-weighted over the scope", "ratio of sums"),
    ("rail_km", "km", "railway operating length in the scope (segments with a known length; shared track counted once)", "sum"),
    ("cq_cd_rail_minutes", "minutes", "fastest scheduled rail time between cq-central and sc-chengdu", "min over pairs"),
    ("rd_intensity", "fraction", "R&D expenditure / GDP", "ratio of sums"),
    ("tech_progress_contribution", "fraction", "contribution of technical progress to growth: sum gA / sum gY over the goal period (MODEL.md section 7)", "output-weighted"),
    ("air_good_days_share", "fraction", "share of days with good air quality, prefecture-level cities and above (mean over cities)", "mean over cities"),
    ("water_section_compliance", "fraction", "share of cross-boundary river sections meeting the water-quality standard", "input"),
    ("ecological_flow_share", "fraction", "degree to which main river sections meet ecological flow", "input"),
    ("fiveg_coverage", "fraction", "share of towns and key scenes covered by 5G", "input"),
    ("population", "persons", "resident population", "sum"),
    ("gdp", "100m yuan", "gross domestic product, current prices", "sum"),
    ("urban_population", "persons", "urban resident population", "sum"),
    ("hsr_km", "km", "high-speed railway operating length", "sum"),
]
wr("goals/indicators.csv", ["indicator_id", "unit", "definition", "aggregation", "source_ids"], [list(i) + ["S-PLAN;M-MODEL"] for i in IND])
G = [
    # id, year, indicator, comparison, target, band, unit, scope, basis, kind, source_ids, document
    ("g2025-urbanisation", 2025, "urbanisation_rate", "about", 0.66, 0.01, "fraction", "circle", "first-published 2019 basis (above 60 % in 2019)", "official", "S-PLAN", "规划纲要 ch.2 §4: 常住人口城镇化率达到66%左右 (band ±1 pp: modelling choice for 左右)"),
    ("g2025-rail-km", 2025, "rail_km", "atLeast", 9000, "", "km", "circle", "", "official", "S-PLAN;T-MYSTEEL-PLAN;T-CQNEWS-PLAN", "规划纲要 ch.2 §4: 铁路网总规模达到9000公里以上"),
    ("g2025-cq-cd-time", 2025, "cq_cd_rail_minutes", "atMost", 60, "", "minutes", "circle", "", "official", "S-PLAN;T-CQNEWS-PLAN", "规划纲要 ch.2 §4: 重庆、成都间1小时可达"),
    ("g2025-rd-intensity", 2025, "rd_intensity", "about", 0.025, 0.001, "fraction", "circle", "", "official", "S-PLAN", "规划纲要 ch.2 §4: 研发投入强度达到2.5%左右 (band ±0.1 pp: modelling choice)"),
    ("g2025-tech-progress", 2025, "tech_progress_contribution", "atLeast", 0.63, "", "fraction", "circle", "", "official", "S-PLAN", "规划纲要 ch.2 §4: 科技进步贡献率达到63%"),
    ("g2025-air-good-days", 2025, "air_good_days_share", "atLeast", 0.88, "", "fraction", "circle", "", "official", "S-PLAN", "规划纲要 ch.2 §4: 地级及以上城市空气质量优良天数比率达到88%"),
    ("g2025-water-sections", 2025, "water_section_compliance", "atLeast", 0.95, "", "fraction", "circle", "", "official", "S-PLAN", "规划纲要 ch.2 §4: 跨界河流断面水质达标率达到95%"),
    ("g2025-ecological-flow", 2025, "ecological_flow_share", "atLeast", 0.90, "", "fraction", "circle", "", "official", "S-PLAN", "规划纲要 ch.2 §4: 河流主要断面生态流量满足程度达到90%以上"),
    ("g2025-5g", 2025, "fiveg_coverage", "atLeast", 1.0, "", "fraction", "circle", "", "official", "S-PLAN", "规划纲要 ch.2 §4: 5G网络实现城镇和重点场景全覆盖"),
    ("g2025-air-good-days-eco2022", 2025, "air_good_days_share", "atLeast", 0.894, "", "fraction", "circle", "later document", "official", "G-ECO-PLAN-2022", "生态环境保护规划 (2022-02): 不低于89.4%"),
    ("g2025-water-sections-eco2022", 2025, "water_section_compliance", "atLeast", 1.0, "", "fraction", "circle", "later document", "official", "G-ECO-PLAN-2022", "生态环境保护规划 (2022-02): 跨界河流国控断面水质达标率100%"),
    ("g2035-urbanisation-chongqing", 2035, "urbanisation_rate", "about", 0.80, 0.02, "fraction", "province-chongqing", "whole municipality in the document; applied to the circle part as a proxy", "proxy", "G-CQ-TERRITORIAL-2035;G-CQ-URBANISATION-2035", "重庆市国土空间总体规划(2021—2035): 城镇化率约80% (band ±2 pp: modelling choice)"),
    ("g2035-urbanisation-cq-core", 2035, "urbanisation_rate", "about", 0.95, 0.02, "fraction", "core-chongqing", "", "proxy", "G-CQ-TERRITORIAL-2035", "重庆市国土空间总体规划: 中心城区城镇化率约95%"),
    ("g2035-chengdu-population-cap", 2035, "population", "atMost", 24000000, "", "persons", "core-chengdu", "cap, not a forecast", "proxy", "G-CD-TERRITORIAL-2035", "成都市国土空间总体规划(2020—2035)草案: 常住人口规模控制在2400万人"),
    ("g2035-cq-cd-time", 2035, "cq_cd_rail_minutes", "atMost", 60, "", "minutes", "circle", "", "proxy", "G-CQ-TERRITORIAL-2035", "重庆市国土空间总体规划: 与成都1小时通达"),
    ("g2035-cq-hsr-km", 2035, "hsr_km", "atLeast", 2000, "", "km", "province-chongqing", "whole municipality", "proxy", "G-CQ-TERRITORIAL-2035", "重庆市国土空间总体规划: 2000公里'米'字型高铁网"),
    ("g2035-cq-urban-population", 2035, "urban_population", "about", 28000000, 1000000, "persons", "province-chongqing", "whole municipality (the circle part is smaller)", "proxy", "G-CQ-URBANISATION-2035", "重庆市新型城镇化规划(2021—2035): 城镇人口2800万人左右"),
    ("g2035-gdp-doubling", 2035, "gdp", "atLeast", 126000, "", "100m yuan", "circle", "2 x the plan's 2019 GDP (6.3 trillion), current prices", "modelling-choice", "M-MODEL;S-PLAN", "modelling choice: the outline's 2035 vision is qualitative; doubling of 2019 GDP by 2035 (~4.4 % a year nominal) is the project's proxy"),
    ("g2035-rd-intensity", 2035, "rd_intensity", "atLeast", 0.03, "", "fraction", "circle", "", "modelling-choice", "M-MODEL", "modelling choice: 具有全国影响力的科技创新中心 read as R&D intensity of at least 3 %"),
    ("g2035-air-good-days", 2035, "air_good_days_share", "atLeast", 0.90, "", "fraction", "circle", "", "modelling-choice", "M-MODEL", "modelling choice: at least the Chongqing 2027 level (>90 %, 美丽重庆建设行动计划 2024)"),
]
wr("goals/goals.csv", ["goal_id", "year", "indicator_id", "comparison", "target_value", "band_half_width", "unit", "scope", "basis", "kind", "source_ids", "document"],
   [[g[0], g[1], g[2], g[3], fmt(g[4], 6), fmt(g[5], 6) if g[5] != "" else "", g[6], g[7], g[8], g[9], g[10], g[11]] for g in G])

# ---------------------------------------------------------------- sources
used = set()
for root, _, files in os.walk(OUT):
    for fn in files:
        if fn.endswith(".csv") and fn != "sources.csv":
            with open(os.path.join(root, fn), encoding="utf-8") as f:
                for r in csv.DictReader(f):
                    for k in ("source_ids",):
                        if k in r and r[k]:
                            used |= set(x for x in r[k].split(";") if x)
missing = used - set(SOURCES)
assert not missing, missing
wr("sources.csv", ["source_id", "description", "address", "quality"], [[k, *SOURCES[k]] for k in sorted(SOURCES)])
print("sources:", len(SOURCES), "used:", len(used))

# ---------------------------------------------------------------- sources.md and transport notes (documentation copies)
shutil.copyfile(os.path.join(SRC, "transport", "NOTES.md"), os.path.join(OUT, "transport", "NOTES.md"))
ADDED = ["S-HONGHEIKU-YUNYANG2020", "S-CNR-SCTRADE2019OCT", "S-HUAKU-NBS2019HH", "S-SLYDAY-SC2020HH", "S-CQCB-CQTRADE2019Q3", "G-ECO-PLAN-2022",
         "G-CQ-TERRITORIAL-2035", "G-CQ-URBANISATION-2035", "G-CD-TERRITORIAL-2035", "M-MODEL"]
with open(os.path.join(OUT, "sources.md"), "w", encoding="utf-8") as f:
    f.write(smd.rstrip("\n") + "\n\n## Added in the Chengyu build (scripts/build_basedata.py)\n"
            "Searched stored pages (2026-11-29) and goal documents; `M-MODEL` marks the project's own modelling choices.\n\n"
            "| id | what it is | address | quality |\n|---|---|---|---|\n")
    for k in ADDED:
        d, a, q = SOURCES[k]
        f.write(f"| {k} | {d} | {a} | {q} |\n")
    f.write("\nTransport sources (`T-…`) are listed in `transport/NOTES.md` §6. `sources.csv` holds every id above in one table;\n"
            "the loaders check that every `source_ids` cell resolves in it.\n")
