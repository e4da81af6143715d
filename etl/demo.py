"""Deterministic demo snapshots for the tables this machine cannot fetch, in CBS's v4 response shape.

Only what no genuine figure exists for is demo: the NEET and benefit counts of the youth table (on CBS's real
numbers of young people, :mod:`etl.demo_youth`) and the WW recipients under 27 per arbeidsmarktregio.  Each demo
snapshot is what a live fetch of its slice would write: the table's code lists (CBS-style codes and full titles,
retired region codes where CBS keeps them) and the observations the slice's ``$filter`` selects, counts rounded as
CBS rounds them.  Every manifest says ``is_demo: true`` and carries a demo attribution, never "Bron: CBS"; same
inputs, same bytes.  A live ``refresh`` replaces a table's demo by real data.
"""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from etl import demo_shape as shape
from etl.build import load_division
from etl.catalog import SOURCES, source
from etl.demo_calibration import RETIRED_WEIGHT, WW_SHARE_OF_UNEMPLOYED, cbs_round
from etl.demo_youth import demo_counts, municipalities, real_totals, write_youth_register, youth_region_codes
from etl.snapshot import DEMO_STAMP, current_snapshot, list_snapshots
from etl.transform.reference import parse_population
from etl.transform.resolve import MEASURES, filter_text, resolve_slice

SEED = 20261129


def generate_demo(raw_dir: Path, reference_dir: Path) -> list[Path]:
    """Write (or rewrite) every demo snapshot, and remove the demo of slices that are no longer demo; returns the
    folders written."""
    division, _ = load_division(raw_dir)
    pop = parse_population(current_snapshot(raw_dir, "85984NED", "gemeenten"))
    gm = municipalities(division, pop, _rng("gemeenten"))
    youth = source("86087NED")
    totals = real_totals(current_snapshot(raw_dir, youth.table_id, "total"), youth, gm)
    written = write_youth_register(raw_dir, youth, gm, demo_counts(gm, totals, _rng("86087NED")),
                                   youth_region_codes(division), SEED)
    written.append(write_ww(raw_dir, reference_dir, gm, totals[max(totals)], _rng("85554NED")))
    remove_stale_demo(raw_dir)
    return written


def remove_stale_demo(raw_dir: Path) -> list[Path]:
    """Demo snapshots of slices the catalogue no longer declares demo (real figures took their place)."""
    removed = []
    for src in SOURCES:
        for sl in src.slices:
            if sl.demo:
                continue
            for path in list_snapshots(raw_dir, src.table_id, sl.name):
                if path.name == DEMO_STAMP:
                    shutil.rmtree(path)
                    removed.append(path)
    return removed


def _rng(part: str) -> np.random.Generator:
    """One random stream per part, so changing one table's generator leaves the others' bytes alone."""
    return np.random.default_rng([SEED, zlib.crc32(part.encode())])


# --- 85554NED --------------------------------------------------------------------------------------------
def write_ww(raw_dir: Path, reference_dir: Path, gm: pd.DataFrame, youth_total: np.ndarray,
             rng: np.random.Generator) -> Path:
    src = source("85554NED")
    table, slice_ = src.table_id, src.slice("jonger-dan-27")
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
    youth_am = pd.Series(youth_total, index=gm.index).groupby(gm["am"]).sum()
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


