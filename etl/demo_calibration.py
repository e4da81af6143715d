"""Calibration inputs of the demo generator: published totals, documented assumptions, and the pure
functions that make integer counts hit them.

Everything here is either transcribed from published CBS figures (``data/reference/published_figures.csv``)
or an explicit assumption, named as such in ``docs/sources.md``.  The claims the demo's manifests make
are checked against the reference file by ``tests/etl/test_etl_calibration.py``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

PROVINCE_ALIASES = {"Friesland": "Fryslân"}
# CBS's landsdelen (LD) by province code (Gebieden in Nederland); the codes are not in the division file.
LANDSDEEL = {"PV20": "LD01", "PV21": "LD01", "PV22": "LD01", "PV23": "LD02", "PV24": "LD02", "PV25": "LD02",
             "PV26": "LD03", "PV27": "LD03", "PV28": "LD03", "PV29": "LD03", "PV30": "LD04", "PV31": "LD04"}
LANDSDEEL_NAMES = {"LD01": "Noord-Nederland", "LD02": "Oost-Nederland", "LD03": "West-Nederland",
                   "LD04": "Zuid-Nederland"}

TABLE_FIRST_YEAR = 2005                        # the youth tables' period code lists start in 2005

# --- assumption paths (DEMO; shaped after the business cycle, not published figures) ----------------
# National NEET and benefit shares in %: the demo's national shares equal these (exact counts).
NEET_PATH = {2017: 6.1, 2018: 5.7, 2019: 5.4, 2020: 5.9, 2021: 5.5, 2022: 5.0, 2023: 5.1}
BENEFIT_PATH = {2017: 7.4, 2018: 7.1, 2019: 6.9, 2020: 7.2, 2021: 7.0, 2022: 6.6, 2023: 6.5}
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


def round_to_total(values: np.ndarray, total: int) -> np.ndarray:
    """Integers proportional to ``values`` that sum exactly to ``total`` (largest remainder)."""
    values = np.asarray(values, dtype=float)
    scaled = values / values.sum() * total
    floors = np.floor(scaled).astype(np.int64)
    short = int(total - floors.sum())
    order = np.lexsort((np.arange(len(scaled)), -(scaled - floors)))
    floors[order[:short]] += 1
    return floors


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
