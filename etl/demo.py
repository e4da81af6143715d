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

import numpy as np
import pandas as pd

from etl import demo_shape as shape
from etl.build import load_division
from etl.catalog import source
from etl.demo_calibration import (
    EDITION_YEARS,
    PARTICIPANT_SHARE,
    PUPIL_TREND,
    RETIRED_WEIGHT,
    SCHOOL_YEARS,
    VSV_RATE_PATH,
    WW_SHARE_OF_UNEMPLOYED,
    YEARS,
    cbs_round,
    counts_with_share,
    read_published,
    read_youth_shares,
    round_to_total,
    vsv_anchors,
)
from etl.demo_youth import municipalities, published_cells, write_youth_register, youth_counts, youth_region_codes
from etl.snapshot import current_snapshot
from etl.transform.reference import parse_population
from etl.transform.resolve import MEASURES, filter_text, resolve_slice

SEED = 20261129


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
        written += write_youth_register(raw_dir, source(table), gm, youth, years, region_list, SEED)
    written.append(write_vsv(raw_dir, gm, youth, rows, region_list, _rng("84780NED")))
    written.append(write_ww(raw_dir, reference_dir, gm, youth, _rng("85554NED")))
    written.append(write_youth_unemployment(raw_dir, _rng("80590ned")))
    return written


def _rng(part: str) -> np.random.Generator:
    """One random stream per part, so changing one table's generator leaves the others' bytes alone."""
    return np.random.default_rng([SEED, zlib.crc32(part.encode())])


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
    resolved = resolve_slice(src, slice_, shape.code_lists(files))
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
    return shape.write_demo(raw_dir, src, slice_, files, filter_text(src, slice_, resolved), note, SEED)


# --- 85554NED --------------------------------------------------------------------------------------------
def write_ww(raw_dir: Path, reference_dir: Path, gm: pd.DataFrame, youth: dict[int, pd.DataFrame],
             rng: np.random.Generator) -> Path:
    src = source("85554NED")
    table, slice_ = src.table_id, src.slices[0]
    meta_dir = Path(reference_dir) / "cbs-metadata" / table
    files = {name: (meta_dir / name).read_bytes() for name in
             ("properties.json", "dimensions.json", "measure-codes.json", "codes-Geslacht.json",
              "codes-Leeftijd.json", "codes-Marges.json", "codes-Perioden.json", "codes-RegioS.json")}
    records_of = shape.code_lists(files)
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
    return shape.write_demo(raw_dir, src, slice_, files, filter_text(src, slice_, resolved),
                  "Genuine CBS code lists (data/reference/cbs-metadata/85554NED), incl. the retired codes AM04, AM16, "
                  "AM31 and AM99 'Niet in te delen', which get demo values as CBS returns rows for every code. "
                  "Observations follow the genuine monthly number of unemployed (80590ned, 15-75) at "
                  f"{WW_SHARE_OF_UNEMPLOYED * 100:.1f} per 100, spread over regions by youth population and the demo "
                  "need factor; no arbeidsmarktregio figures for 2013 (NotAvailable, as the table text says); "
                  f"95% margins (Marges MOG0095/MBG0095) invented; rounded to {unit} as the table text says. "
                  "Not calibrated to a published regional figure.", SEED)


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
    resolved = resolve_slice(src, slice_, shape.code_lists(files))
    return shape.write_demo(raw_dir, src, slice_, files, filter_text(src, slice_, resolved),
                  "Genuine CBS code lists (the 80590ned recording). Youth rates are the genuine 15-75 rate times a "
                  "ratio of about 2.2 (assumption; the youth slice was not recorded). Not calibrated.", SEED)
