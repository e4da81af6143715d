"""Deterministic demo snapshots for the tables this machine cannot fetch, in CBS's v4 response shape.

Each demo snapshot is what a live fetch of its slice would write: the table's full code lists (CBS-style
codes and full titles, retired region codes where CBS keeps them), and the observations the slice's
``$filter`` selects, counts rounded as CBS rounds them and small cells marked ``Confidential``.  Every
manifest says ``is_demo: true`` and carries a demo attribution, never "Bron: CBS".  Published CBS
totals are met exactly where the manifests say so (:mod:`etl.demo_calibration`); same inputs, same bytes.
A live ``refresh`` replaces a table's demo by real data.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from etl import demo_shape as shape
from etl.build import load_division
from etl.catalog import LICENCE, V4_BASE, Slice, Source, attribution, source
from etl.demo_calibration import (
    BENEFIT_PATH,
    EDITION_YEARS,
    GWU_FIRST_YEAR,
    JOBSEEKER_PATH,
    LANDSDEEL,
    LANDSDEEL_NAMES,
    NEET_PATH,
    PARTICIPANT_SHARE,
    PUPIL_TREND,
    RETIRED_WEIGHT,
    SCHOOL_YEARS,
    SUPPRESS_BELOW_YOUTH,
    TABLE_FIRST_YEAR,
    VSV_RATE_PATH,
    WW_SHARE_OF_UNEMPLOYED,
    YEARS,
    YOUTH_GROWTH,
    calibrate,
    cbs_round,
    counts_with_share,
    fit_to_published,
    normalise_name,
    published,
    read_published,
    read_youth_shares,
    round_to_total,
    share_factor,
    vsv_anchors,
)
from etl.snapshot import DEMO_STAMP, current_snapshot, write_snapshot
from etl.transform.reference import Division, parse_population
from etl.transform.resolve import MEASURES, filter_text, resolve_slice

SEED = 20261129
LEVEL_COLUMNS = ("nl", "ld", "pv", "cr", "am", "gm")      # membership columns of the gemeente frame
GROUP_OF = {"nl": "NL", "ld": "LD", "pv": "PV", "cr": "CR", "am": "AM", "gm": "GM"}
YOUTH_CATEGORIES = {
    "Onderwijsvolgend": ("Totaal", "Onderwijsvolgend", "Niet onderwijsvolgend"),
    "Arbeidskenmerken": ("Totaal", "Arb.pos.: werkzame beroepsbevolking", "Werknemer", "Zelfstandige",
                         "Arb.pos.: niet-werkzame bevolking"),
    "Uitkering": ("Totaal met of zonder uitkering", "Met uitkering", "Zonder uitkering"),
    "GeregistreerdWerkzoekendeBijUWV": ("Totaal", "Geregistreerd werkzoekende bij UWV",
                                        "Niet geregistreerd werkzoekende bij UWV"),
}


def generate_demo(raw_dir: Path, reference_dir: Path) -> list[Path]:
    """Write (or rewrite) every demo snapshot; returns their folders."""
    division, _ = load_division(raw_dir)
    pop = parse_population(current_snapshot(raw_dir, "85984NED", "gemeenten"))
    rows = read_published(reference_dir)
    gm = municipalities(division, pop, read_youth_shares(reference_dir), _rng("gemeenten"))
    youth = youth_counts(gm, rows, _rng("86087NED"))
    region_list = youth_region_codes(division, gm)
    written = []
    for table, years in EDITION_YEARS.items():
        written += write_youth_register(raw_dir, source(table), gm, youth, years, region_list)
    written.append(write_vsv(raw_dir, gm, youth, rows, region_list, _rng("84780NED")))
    written.append(write_ww(raw_dir, reference_dir, gm, youth, _rng("85554NED")))
    written.append(write_youth_unemployment(raw_dir, _rng("80590ned")))
    return written


def _rng(part: str) -> np.random.Generator:
    """One random stream per part, so changing one table's generator leaves the others' bytes alone."""
    return np.random.default_rng([SEED, zlib.crc32(part.encode())])


# --- the gemeenten and their exact (unrounded) counts ----------------------------------------------------
def municipalities(division: Division, pop: pd.DataFrame, shares: dict[str, float],
                   rng: np.random.Generator) -> pd.DataFrame:
    """One row per gemeente: its regions at every level, population, share aged 15-24 and a latent need."""
    d = division.gemeenten
    gm = pd.DataFrame({"gm": d["gemeente_code"], "name": d["gemeente_name"], "am": d["arbeidsmarktregio_code"],
                       "cr": d["corop_code"], "pv": d["province_code"], "province": d["province_name"]})
    gm["nl"] = "NL01"
    gm["ld"] = gm["pv"].map(LANDSDEEL)
    gm = gm.merge(pop.rename(columns={"region": "gm"}), on="gm", how="left")
    if gm["persons"].isna().any():
        raise ValueError(f"demo: no population for {gm.loc[gm['persons'].isna(), 'gm'].tolist()[:5]}")
    national_share = float(np.median(list(shares.values())))
    gm["share_15_24"] = [shares.get(normalise_name(n), national_share) for n in gm["name"]]
    am_codes = sorted(gm["am"].unique())
    am_effect = dict(zip(am_codes, rng.normal(0, 0.18, len(am_codes)), strict=True))
    urban = np.log(gm["persons"].to_numpy() / gm["persons"].median())
    # one latent "need" factor per gemeente: regional effect + urbanity + local noise
    gm["need"] = gm["am"].map(am_effect).to_numpy() + 0.12 * urban + rng.normal(0, 0.15, len(gm))
    gm["trend"] = rng.normal(0, 0.015, len(gm))
    return gm.reset_index(drop=True)


def youth_counts(gm: pd.DataFrame, rows: list[dict[str, str]], rng: np.random.Generator) -> dict[int, pd.DataFrame]:
    """Per youth year: exact total, neet, benefit and jobseeker counts per gemeente (jobseeker NaN before GWU)."""
    landsdeel_of = dict(zip(gm["province"], gm["ld"].map(LANDSDEEL_NAMES), strict=False))
    national_2017 = published(rows, "84455NED", "jongeren 15-27 totaal", "NL", "2017")["Nederland"]
    pop_2017 = fit_to_published(published(rows, "84455NED", "jongeren 15-27 totaal", "PV", "2017"),
                                published(rows, "84455NED", "jongeren 15-27 totaal", "LD", "2017"),
                                national_2017, landsdeel_of)
    seek_pv = published(rows, "86087NED", "jongeren 15-27 geregistreerd", "PV", "2023")
    seek_nl = published(rows, "86087NED", "jongeren 15-27 geregistreerd", "NL", "2023")["Nederland"]
    seek_ld = published(rows, "86087NED", "jongeren 15-27 geregistreerd", "LD", "2023")
    rest = [p for p in sorted(set(gm["province"])) if p not in seek_pv]          # published together, as a landsdeel
    seek_pv["|".join(rest)] = seek_ld["Zuid-Nederland"]
    seek_pv = fit_to_published(seek_pv, seek_ld, seek_nl, landsdeel_of)
    base = gm["persons"].to_numpy() * gm["share_15_24"].to_numpy() * 1.2
    out: dict[int, pd.DataFrame] = {}
    for year in YEARS:
        grown = base * np.exp(gm["trend"].to_numpy() * (year - 2017))
        national = round(national_2017 * (1 + YOUTH_GROWTH) ** (year - 2017))
        targets = {p: v * national / national_2017 for p, v in pop_2017.items()}
        total = calibrate(grown, gm["province"], targets, national)
        need = gm["need"].to_numpy() + rng.normal(0, 0.05, len(gm))
        neet = counts_with_share(total, share_factor(total, need, 0.9), NEET_PATH[year] / 100, rng)
        benefit = counts_with_share(total, share_factor(total, need, 0.8), BENEFIT_PATH[year] / 100, rng)
        frame = pd.DataFrame({"gm": gm["gm"], "total": total, "neet": neet, "benefit": benefit,
                              "jobseeker": np.nan})
        if year >= GWU_FIRST_YEAR:
            expected = total * share_factor(total, need, 1.0)
            scale = JOBSEEKER_PATH[year]
            targets = {p: v * scale for p, v in seek_pv.items()}
            frame["jobseeker"] = calibrate(expected, gm["province"], targets, round(seek_nl * scale))
        out[year] = frame
    return out


def youth_region_codes(division: Division, gm: pd.DataFrame) -> list[shape.Code]:
    """The RegioS code list of the youth tables: Nederland, landsdelen, provincies, COROP, regions, gemeenten."""
    d = division.gemeenten
    codes: list[shape.Code] = [("NL01", "Nederland", "NL")]
    codes += [(c, f"{LANDSDEEL_NAMES[c]} (LD)", "LD") for c in sorted(LANDSDEEL_NAMES)]
    for code_col, name_col, group in (("province_code", "province_name", "PV"), ("corop_code", "corop_name", "CR"),
                                      ("arbeidsmarktregio_code", "arbeidsmarktregio_name", "AM")):
        pairs = d[[code_col, name_col]].drop_duplicates().sort_values(code_col)
        codes += [(c, f"{n} ({group})", group) for c, n in pairs.itertuples(index=False)]
    codes += [(c, n, "GM") for c, n in d[["gemeente_code", "gemeente_name"]].itertuples(index=False)]
    return codes


def published_cells(gm: pd.DataFrame, counts: pd.Series, units: dict[str, int]) -> list[tuple[str, int, bool]]:
    """(region, rounded count, is gemeente) for every region of every level: exact sums, then rounded."""
    frame = gm[list(LEVEL_COLUMNS)].assign(count=counts.to_numpy())
    cells = []
    for col in LEVEL_COLUMNS:
        sums = frame.groupby(col)["count"].sum()
        unit = units["gemeente" if col == "gm" else ("land" if col == "nl" else "arbeidsmarktregio")]
        cells += [(str(r), int(cbs_round(v, unit)), col == "gm") for r, v in sums.items()]
    return cells


# --- 86087NED / 86223NED -------------------------------------------------------------------------------
def write_youth_register(raw_dir: Path, src: Source, gm: pd.DataFrame, youth: dict[int, pd.DataFrame],
                         years: tuple[int, ...], region_list: list[shape.Code]) -> list[Path]:
    table = src.table_id
    last = max(years)
    category = {dim: shape.category_codes(dim, titles) for dim, titles in YOUTH_CATEGORIES.items()}
    measure = shape.demo_code("measure", "Jongeren (15 tot 27 jaar)", letter="D")
    periods = [(f"{y}JJ00", str(y), "Voorlopig" if y == last else "Definitief") for y in range(TABLE_FIRST_YEAR, last + 1)]
    lists = {**{dim: rows for dim, rows in category.items()}, "RegioS": region_list,
             "Perioden": [(c, t, "") for c, t, _ in periods]}
    cube = shape.Cube({dim: [c for c, _, _ in rows] for dim, rows in lists.items()}, [measure])
    cube_size = int(np.prod([len(v) for v in lists.values()]))
    common = {
        "properties.json": shape.properties(table, src.title, f"2005 t/m {last}", "Per jaar", cube_size,
                                            "Jongeren naar onderwijs, arbeid, uitkering en UWV-registratie; regio"),
        "dimensions.json": shape.dimensions(table, list(lists), {"RegioS": str(last + 1)}),
        "measure-codes.json": shape.measures(table, [(measure, "Jongeren (15 tot 27 jaar)", "aantal", 0)]),
        "codes-RegioS.json": shape.codes(table, "RegioS", region_list),
        "codes-Perioden.json": shape.period_codes(table, periods),
        **{f"codes-{dim}.json": shape.codes(table, dim, rows) for dim, rows in category.items()},
    }
    records_of = _records(common)
    small = set(gm.loc[youth[years[0]]["total"].to_numpy() < SUPPRESS_BELOW_YOUTH, "gm"])
    written = []
    for slice_ in src.slices:
        resolved = resolve_slice(src, slice_, records_of)
        if resolved.periods != tuple(f"{y}JJ00" for y in years):
            raise ValueError(f"demo {table}: slice periods {resolved.periods} are not the demo's years {years}")
        cell = {dim: codes[0] for dim, codes in resolved.dimensions.items()}
        records = []
        for year in years:
            counts = youth[year][slice_.name]
            period = {"Perioden": f"{year}JJ00"}
            if counts.isna().all():                     # e.g. GWU registration before 2018
                for region, _, _ in region_list:
                    records.append(cube.observation(measure, None, "NotAvailable", {**cell, **period,
                                                                                    "RegioS": region}))
                continue
            for region, value, is_gm in published_cells(gm, counts, {k: r.unit for k, r in src.rounding.items()}):
                hidden = is_gm and slice_.name != "total" and region in small
                records.append(cube.observation(measure, None if hidden else value,
                                                "Confidential" if hidden else "None",
                                                {**cell, **period, "RegioS": region}))
        files = {**common, "observations-page-1.json": shape.observations(table, records)}
        written.append(_write(raw_dir, src, slice_, files, filter_text(src, slice_, resolved), _youth_note(table)))
    return written


def _youth_note(table: str) -> str:
    if table == "86223NED":
        return ("Youth year 2024 (this edition's newest year; earlier years come from 86087NED). No published "
                "2024 figure was available offline: national shares follow the documented assumption paths.")
    return ("Calibrated: registered UWV jobseekers October 2023 equal 86087NED as published, nationally (86,300), "
            "for the 4 landsdelen and for the 10 provinces published (CBS division 2026 = 2024 borders). "
            "Young people 15-27 in 2017: the national total (2,559,500), all 12 provincial and all 4 landsdeel "
            "totals equal those published in 84455NED (the previous edition, 2018 borders: Utrecht and "
            "Zuid-Holland there differ from today's by Vijfheerenlanden, which moved to Utrecht in 2019). CBS rounds "
            "each cell on its own, so the demo's unrounded provincial counts lie within 50 of the published figures "
            "such that every published figure comes out after rounding. NEET and benefit shares equal the national "
            "assumption paths of etl/demo_calibration.py. Counts rounded to 100 (Nederland, landsdelen, "
            "provincies, COROP, arbeidsmarktregio's) and 10 (gemeenten); breakdowns of gemeenten with fewer than "
            f"{SUPPRESS_BELOW_YOUTH} young people are Confidential; GWU registration is NotAvailable before "
            f"{GWU_FIRST_YEAR}.")


# --- 84780NED --------------------------------------------------------------------------------------------
def write_vsv(raw_dir: Path, gm: pd.DataFrame, youth: dict[int, pd.DataFrame], rows: list[dict[str, str]],
              region_list: list[shape.Code], rng: np.random.Generator) -> Path:
    src = source("84780NED")
    table, slice_ = src.table_id, src.slices[0]
    anchors = vsv_anchors(rows)
    rmc = [float(r["value"]) for r in rows if r["source_table"].startswith("DUO vsv")]
    spread = (max(rmc) - min(rmc)) / float(np.median(rmc)) / 4          # sd of the log rate between gemeenten
    local = rng.normal(0, 1, len(gm))
    titles = ("Leerlingen", "Voortijdig schoolverlaters", "Niet-voortijdig schoolverlaters",
              "Voortijdig schoolverlaters (percentage)")
    measure_rows = [(shape.demo_code("measure", t, letter="M"), t, "%" if "percentage" in t else "aantal",
                     1 if "percentage" in t else 0) for t in titles]
    regions = [c for c in region_list if c[2] in ("NL", "LD", "PV", "GM")]
    periods = [(f"{y}SJ{(y + 1) % 100:02d}", f"{y}/'{(y + 1) % 100:02d}",
                "Voorlopig" if y == SCHOOL_YEARS[-1] else "Definitief") for y in SCHOOL_YEARS]
    lists = {"Geslacht": [("T001038", "Totaal mannen en vrouwen", ""), ("3000", "Mannen", ""), ("4000", "Vrouwen", "")],
             "Regiokenmerken": regions, "Perioden": [(c, t, "") for c, t, _ in periods]}
    files = {
        "properties.json": shape.properties(table, src.title, "2016/'17 t/m 2023/'24", "Per jaar",
                                            int(np.prod([len(v) for v in lists.values()])) * len(titles),
                                            "Voortijdig schoolverlaters; geslacht, woonregio"),
        "dimensions.json": shape.dimensions(table, list(lists), {"Regiokenmerken": "2024"}),
        "measure-codes.json": shape.measures(table, measure_rows),
        "codes-Geslacht.json": shape.codes(table, "Geslacht", lists["Geslacht"]),
        "codes-Regiokenmerken.json": shape.codes(table, "Regiokenmerken", regions),
        "codes-Perioden.json": shape.period_codes(table, periods),
    }
    resolved = resolve_slice(src, slice_, _records(files))
    cube = shape.Cube({dim: [c for c, _, _ in rows_] for dim, rows_ in lists.items()}, [m for m, *_ in measure_rows])
    unit = src.rounding["gemeente"].unit
    records = []
    for year in SCHOOL_YEARS:
        pupils_nl, leavers_nl = anchors.get(year, (None, None))
        if pupils_nl is None:
            pupils_nl = round(anchors[2018][0] * (1 + PUPIL_TREND) ** (year - 2018))
            leavers_nl = round(pupils_nl * VSV_RATE_PATH[year] / 100)
        total = youth[min(max(year + 1, YEARS[0]), YEARS[-1])]["total"].to_numpy()
        pupils = round_to_total(total * PARTICIPANT_SHARE, pupils_nl)
        rate = np.exp(spread * (0.8 * gm["need"].to_numpy() / 0.25 * 0.5 + 0.5 * local))
        leavers = counts_with_share(pupils, rate / (np.sum(pupils * rate) / pupils.sum()), leavers_nl / pupils_nl,
                                    rng)
        for role, counts in (("participants", pupils), ("leavers", leavers)):
            code = next(m for m, r in resolved.measures.items() if r == role)
            for region, value, _ in published_cells(gm, pd.Series(counts), {"land": unit, "arbeidsmarktregio": unit,
                                                                             "gemeente": unit}):
                if region != "NL01" and not region.startswith("GM"):
                    continue                              # the slice asks for Nederland and gemeenten only
                records.append(cube.observation(code, value, "None", {"Geslacht": "T001038", "Regiokenmerken": region,
                                                                      "Perioden": periods[SCHOOL_YEARS.index(year)][0]}))
    files["observations-page-1.json"] = shape.observations(table, records)
    note = (f"Calibrated: nationally, pupils and early school leavers equal CBS's published figures of 84780NED for "
            f"2018/'19 ({anchors[2018][0]:,} and {anchors[2018][1]:,}; {100 * anchors[2018][1] / anchors[2018][0]:.2f}%)"
            f" and of 71294ned for 2017/'18 ({anchors[2017][0]:,} and {anchors[2017][1]:,}; a different CBS table, "
            "used as the anchor of that year). Other school years follow the assumption path of "
            "etl/demo_calibration.py. The spread between gemeenten is scaled to the range of the 24 RMC-region "
            "percentages DUO published for 2016/'17 (an assumption: DUO's definition differs from CBS's). "
            f"Counts rounded to {unit}.")
    return _write(raw_dir, src, slice_, files, filter_text(src, slice_, resolved), note)


# --- 85554NED --------------------------------------------------------------------------------------------
def write_ww(raw_dir: Path, reference_dir: Path, gm: pd.DataFrame, youth: dict[int, pd.DataFrame],
             rng: np.random.Generator) -> Path:
    src = source("85554NED")
    table, slice_ = src.table_id, src.slices[0]
    meta_dir = Path(reference_dir) / "cbs-metadata" / table
    files = {name: (meta_dir / name).read_bytes() for name in
             ("properties.json", "dimensions.json", "measure-codes.json", "codes-Geslacht.json",
              "codes-Leeftijd.json", "codes-Marges.json", "codes-Perioden.json", "codes-RegioS.json")}
    records_of = _records(files)
    resolved = resolve_slice(src, slice_, records_of)
    dims = [d["Identifier"] for d in json.loads(files["dimensions.json"])["value"]]
    cube = shape.Cube({dim: list(records_of(dim)) for dim in dims}, list(records_of(MEASURES)))
    unit = src.rounding["land"].unit
    ams = sorted(c for c in records_of("RegioS") if c.startswith("AM"))
    youth_am = youth[YEARS[-1]].assign(am=gm["am"]).groupby("am")["total"].sum()
    need_am = gm.groupby("am")["need"].mean()
    weight = youth_am * np.exp(0.6 * need_am.reindex(youth_am.index))
    unemployed = _national_unemployed(raw_dir)
    base = {"Geslacht": "T001038", "Leeftijd": "41600"}
    records = []
    for period in records_of("Perioden"):
        level = unemployed.get(period)
        national = None if level is None else WW_SHARE_OF_UNEMPLOYED * level * 1000 * (1 + rng.normal(0, 0.01))
        values: dict[str, float | None] = {"NL01": national}
        shares = weight / weight.sum() * 0.996
        for am in ams:
            if national is None or period < "2014":                  # no arbeidsmarktregio figures for 2013
                values[am] = None
            elif am in shares.index:
                values[am] = national * shares[am]
            elif am in RETIRED_WEIGHT:
                values[am] = national * shares[RETIRED_WEIGHT[am]]
            else:                                                     # AM99, not assignable
                values[am] = national * 0.004
        for region, exact in values.items():
            cell = {**base, "RegioS": region, "Perioden": period}
            if exact is None:
                for margin in resolved.dimensions["Marges"]:
                    records.append(cube.observation("D001908", None, "NotAvailable", {**cell, "Marges": margin}))
                continue
            half = 0.03 * exact + 2 * np.sqrt(exact)
            for margin, value in (("MW00000", exact), ("MOG0095", max(exact - half, 0)), ("MBG0095", exact + half)):
                records.append(cube.observation("D001908", int(cbs_round(value, unit)), "None",
                                                {**cell, "Marges": margin}))
    files["observations-page-1.json"] = shape.observations(table, records)
    return _write(raw_dir, src, slice_, files, filter_text(src, slice_, resolved),
                  "Genuine CBS code lists (data/reference/cbs-metadata/85554NED), incl. the retired codes AM04, AM16, "
                  "AM31 and AM99 'Niet in te delen', which get demo values as CBS returns rows for every code. "
                  "Observations follow the genuine monthly number of unemployed (80590ned, 15-75) at "
                  f"{WW_SHARE_OF_UNEMPLOYED * 100:.1f} per 100, spread over regions by youth population and the demo "
                  "need factor; no arbeidsmarktregio figures for 2013 (NotAvailable, as the table text says); "
                  f"95% margins (Marges MOG0095/MBG0095) invented; rounded to {unit} as the table text says. "
                  "Not calibrated to a published regional figure.")


def _national_unemployed(raw_dir: Path) -> dict[str, float]:
    """Genuine monthly unemployed x1000 (15-75) from the 80590ned recording, keyed by month code."""
    snap = current_snapshot(raw_dir, "80590ned", "totaal-15-75")
    obs = snap.read_json("observations-page-1.json")["value"]
    return {o["Perioden"].strip(): float(o["Value"]) for o in obs
            if o["Measure"] == "3000800_2" and o["Value"] is not None and "MM" in o["Perioden"]}


# --- 80590ned, 15-25 ------------------------------------------------------------------------------------
def write_youth_unemployment(raw_dir: Path, rng: np.random.Generator) -> Path:
    src = source("80590ned")
    slice_ = next(s for s in src.slices if s.name == "totaal-15-25")
    real = current_snapshot(raw_dir, src.table_id, "totaal-15-75")
    files = {n: (real.path / n).read_bytes() for n in real.manifest["files"]
             if n.startswith(("codes-", "properties", "dimensions", "measure-codes"))}
    obs = real.read_json("observations-page-1.json")["value"]
    by = {(o["Perioden"], o["Measure"]): o["Value"] for o in obs}
    periods = list(dict.fromkeys(o["Perioden"] for o in obs))
    records, ident = [], 0
    for period in periods:
        rate_all, lf_all = by.get((period, "M001906_2")), by.get((period, "3000790_2"))
        if rate_all is None or lf_all is None:
            continue
        month = int(period[-2:]) if "MM" in period else 0
        summer = 1.05 if month in (6, 7, 8) else 1.0
        labour_force = round(lf_all * 0.155 * summer * (1 + rng.normal(0, 0.004)))
        rate = round(rate_all * (2.2 + rng.normal(0, 0.06)) / (1.03 if summer > 1 else 1.0), 1)
        unemployed = round(labour_force * rate / 100)
        for measure, value in (("3000790_2", labour_force), ("3000800_2", unemployed), ("M001906_2", rate)):
            records.append({"Id": ident, "Measure": measure, "ValueAttribute": "None", "Value": value,
                            "StringValue": None, "Geslacht": "T001038", "Leeftijd": "53050", "Perioden": period})
            ident += 1
    files["observations-page-1.json"] = shape.observations(src.table_id, records)
    resolved = resolve_slice(src, slice_, _records(files))
    return _write(raw_dir, src, slice_, files, filter_text(src, slice_, resolved),
                  "Genuine CBS code lists (the 80590ned recording). Youth rates are the genuine 15-75 rate times a "
                  "ratio of about 2.2 (assumption; the youth slice was not recorded). Not calibrated.")


# --- writing -------------------------------------------------------------------------------------------
def _records(files: dict[str, bytes]):
    """A code-list loader over in-memory files, as :func:`etl.transform.resolve.resolve_slice` wants it."""
    def load(dim: str) -> dict[str, dict[str, Any]]:
        name = "measure-codes.json" if dim == MEASURES else f"codes-{dim}.json"
        return {str(r["Identifier"]).strip(): r for r in json.loads(files[name])["value"]}
    return load


def _write(raw_dir: Path, src: Source, slice_: Slice, files: dict[str, bytes], filter_expr: str,
           calibration: str) -> Path:
    return write_snapshot(raw_dir, src.table_id, slice_.name, DEMO_STAMP, files, {
        "table_id": src.table_id, "title": src.title, "url": f"{V4_BASE}/{src.table_id}",
        "statline_url": src.statline_url, "filter": filter_expr, "cbs_modified": None,
        "fetched_at": None, "api": "odata-v4 (demo)", "is_demo": True, "licence": LICENCE,
        "attribution": attribution(src.table_id, True), "generator": "etl.demo", "seed": SEED,
        "origin": shape.DEMO_NOTE + " " + calibration,
    }, replace=True)
