"""Calibration inputs of the demo generator: published totals, documented assumptions, and the pure
functions that make integer counts hit them.

Everything here is either transcribed from published CBS figures (``data/reference/published_figures.csv``)
or an explicit assumption, named as such in ``docs/sources.md``.  The claims the demo's manifests make
are checked against the reference file by ``tests/etl/test_etl_calibration.py``.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

PROVINCE_ALIASES = {"Friesland": "Fryslân"}
# CBS's landsdelen (LD) by province code (Gebieden in Nederland); the codes are not in the division file.
LANDSDEEL = {"PV20": "LD01", "PV21": "LD01", "PV22": "LD01", "PV23": "LD02", "PV24": "LD02", "PV25": "LD02",
             "PV26": "LD03", "PV27": "LD03", "PV28": "LD03", "PV29": "LD03", "PV30": "LD04", "PV31": "LD04"}
LANDSDEEL_NAMES = {"LD01": "Noord-Nederland", "LD02": "Oost-Nederland", "LD03": "West-Nederland",
                   "LD04": "Zuid-Nederland"}

# Coverage of each demo table: what CBS publishes (see docs/research/cbs_tables.md).
YEARS = tuple(range(2017, 2025))               # youth years generated (October of each year)
EDITION_YEARS = {"86087NED": tuple(range(2017, 2024)), "86223NED": (2024,)}
TABLE_FIRST_YEAR = 2005                        # the youth tables' period code lists start in 2005
GWU_FIRST_YEAR = 2018                          # registered jobseekers (GWU) exist from 2018 on
SCHOOL_YEARS = tuple(range(2016, 2024))        # 84780NED: school years 2016/'17 ... 2023/'24

# --- assumption paths (DEMO; shaped after the business cycle, not published figures) ----------------
# National NEET and benefit shares in %: the demo's national shares equal these (exact counts).
NEET_PATH = {2017: 6.1, 2018: 5.7, 2019: 5.4, 2020: 5.9, 2021: 5.5, 2022: 5.0, 2023: 5.1, 2024: 5.3}
BENEFIT_PATH = {2017: 7.4, 2018: 7.1, 2019: 6.9, 2020: 7.2, 2021: 7.0, 2022: 6.6, 2023: 6.5, 2024: 6.6}
# Registered jobseekers relative to 2023 (2023 itself is the published 86,300).
JOBSEEKER_PATH = {2018: 1.15, 2019: 1.02, 2020: 1.24, 2021: 1.08, 2022: 0.93, 2023: 1.0, 2024: 1.06}
YOUTH_GROWTH = 0.0045                          # per year, national youth (15-27) population after 2017
# Early school leavers: national rate in % per school year (start year).  2017/'18 and 2018/'19 are
# replaced by the published anchors below; the others are assumptions.
VSV_RATE_PATH = {2016: 2.20, 2019: 2.15, 2020: 1.95, 2021: 2.25, 2022: 2.45, 2023: 2.50}
PUPIL_TREND = -0.0094                          # per year, national pupils (the 2017/'18 -> 2018/'19 change)
PARTICIPANT_SHARE = 0.50                       # pupils under 23 per resident aged 15-27, for the spread over gemeenten
SUPPRESS_BELOW_YOUTH = 250                     # gemeenten with fewer young people: breakdowns Confidential
WW_SHARE_OF_UNEMPLOYED = 0.048                 # youth WW recipients per unemployed person 15-75 (assumption)
RETIRED_WEIGHT = {"AM04": "AM36", "AM16": "AM37", "AM31": "AM38"}   # a retired region's demo size: its successor's


def read_published(reference_dir: Path) -> list[dict[str, str]]:
    with open(Path(reference_dir) / "published_figures.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def published(rows: list[dict[str, str]], table: str, measure_start: str, level: str,
              period: str | None = None) -> dict[str, float]:
    """Region name -> value for one published measure at one level ('NL', 'LD', 'PV')."""
    out = {}
    for r in rows:
        if (r["source_table"] == table and r["measure"].startswith(measure_start) and r["region_level"] == level
                and (period is None or r["period"].rstrip("*") == period)):
            out[PROVINCE_ALIASES.get(r["region_name"], r["region_name"])] = float(r["value"])
    return out


def vsv_anchors(rows: list[dict[str, str]]) -> dict[int, tuple[int, int]]:
    """School year (start) -> (pupils, early leavers) nationally, as published by CBS."""
    out = {}
    for table, period, year in (("71294ned", "2017/'18", 2017), ("84780NED", "2018/'19", 2018)):
        pupils = published(rows, table, "leerlingen", "NL", period)["Nederland"]
        leavers = published(rows, table, "voortijdig schoolverlaters", "NL", period)["Nederland"]
        out[year] = (int(pupils), int(leavers))
    return out


def read_youth_shares(reference_dir: Path) -> dict[str, float]:
    """Normalised gemeente name -> share aged 15-24 (2021; approximate, see data/reference/README.md)."""
    out = {}
    with open(Path(reference_dir) / "gemeente_age_15_24_2021_83502NED.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            total, young = float(r["inwoners_totaal"] or 0), float(r["inwoners_15_24"] or 0)
            if total > 0:
                out[normalise_name(r["gemeente"])] = young / total
    return out


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return "".join(ch for ch in text if ch.isalnum())


def round_to_total(values: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to ``values`` that sum exactly to ``total`` (largest remainder)."""
    values = np.asarray(values, dtype=float)
    scaled = values / values.sum() * total
    floors = np.floor(scaled).astype(np.int64)
    short = int(total - floors.sum())
    order = np.lexsort((np.arange(len(scaled)), -(scaled - floors)))
    floors[order[:short]] += 1
    return floors


def calibrate(expected: np.ndarray, group: pd.Series, targets: dict[str, float], national: int) -> np.ndarray:
    """Integers per gemeente whose sums per group (a key, or keys joined by '|') and in total equal the targets.

    Group targets are first made integers summing to ``national`` (largest remainder), so published
    targets that already do (as CBS's provincial totals of 84455NED and 86087NED do) are kept exactly.
    """
    groups = {key: group.isin(key.split("|")).to_numpy() for key in targets}
    covered = np.sum(np.array(list(groups.values())), axis=0)
    if not (covered == 1).all():
        raise ValueError("demo calibration: every gemeente needs exactly one group target")
    group_totals = round_to_total(np.array([targets[k] for k in targets]), national)
    out = np.zeros(len(expected), dtype=np.int64)
    for mask, group_total in zip(groups.values(), group_totals, strict=True):
        out[mask] = round_to_total(expected[mask], int(group_total))
    return out


def fit_to_published(provinces: dict[str, float], landsdelen: dict[str, float], national: float,
                     landsdeel_of: dict[str, str], unit: int = 100) -> dict[str, int]:
    """Exact provincial totals that CBS's rounding (to ``unit``) turns into every published figure at once.

    CBS rounds each cell on its own, so published provinces need not add up to their published landsdeel
    (84455NED 2017: the four West-Nederland provinces add up to 1,223,800, the landsdeel says 1,223,900).
    Each exact total stays within half a unit of its published province, and the landsdelen and Nederland
    land within half a unit of theirs.  ``provinces`` may hold groups of provinces joined by '|'.
    """
    half = unit // 2
    target = {p: int(v) for p, v in provinces.items()}
    members = {ld: [p for p in target if landsdeel_of[p.split("|")[0]] == ld] for ld in landsdelen}
    shift = {}
    for ld, value in landsdelen.items():
        gap = int(value) - sum(target[p] for p in members[ld])      # what the provinces' sum misses
        shift[ld] = 0 if abs(gap) < half else gap - (half - 10 if gap > 0 else -(half - 10))
    excess = sum(target.values()) + sum(shift.values()) - int(national)
    free = [ld for ld in landsdelen if shift[ld] == 0]
    for i, ld in enumerate(free):                                   # the other landsdelen take the difference back
        shift[ld] = -(excess // len(free)) - (1 if i < excess % len(free) else 0)
    for ld, d in shift.items():
        part = members[ld]
        for i, p in enumerate(part):
            target[p] += d // len(part) + (1 if i < d % len(part) else 0)
    for p, value in provinces.items():
        if abs(target[p] - value) >= half:
            raise ValueError(f"demo calibration: {p} cannot stay within CBS's rounding of {value:,.0f}")
    return target


def share_factor(total: np.ndarray, need: np.ndarray, strength: float) -> np.ndarray:
    """exp(strength * need), normalised so that its population-weighted mean is exactly 1.

    Multiplying a national share by it spreads the share over gemeenten without moving the national
    figure: sum(total * share * factor) = share * sum(total).
    """
    raw = np.exp(strength * need)
    return raw / (np.sum(total * raw) / np.sum(total))


def counts_with_share(total: np.ndarray, factor: np.ndarray, share: float, rng: np.random.Generator) -> np.ndarray:
    """Integer counts per gemeente, Poisson-scattered around ``total * share * factor``, whose national sum is
    exactly ``round(share * sum(total))`` and none above its gemeente's total."""
    expected = total * share * factor
    drawn = rng.poisson(expected).astype(float) + 1e-9 * expected
    counts = round_to_total(drawn, int(round(share * total.sum())))
    if (counts > total).any():
        raise ValueError("demo calibration: a count above its population")
    return counts


def cbs_round(values: np.ndarray | float, unit: int) -> np.ndarray:
    """Round to the nearest multiple of ``unit`` (halves up), as CBS publishes rounded counts."""
    return (np.floor(np.asarray(values, dtype=float) / unit + 0.5) * unit).astype(np.int64)
