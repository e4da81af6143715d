"""Calibration inputs of the demo generator: published totals and the regional layout.

Everything here is either transcribed from published CBS/DUO figures
(``data/reference/published_figures.csv``) or an explicit, documented assumption.
"""

from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

import numpy as np

# Province each arbeidsmarktregio mostly lies in (a few regions cross a provincial border;
# the demo's provincial totals are therefore "provinces approximated by whole regions").
AM_PROVINCE = {
    "AM01": "Groningen", "AM02": "Fryslân", "AM03": "Drenthe", "AM05": "Overijssel", "AM06": "Gelderland",
    "AM07": "Gelderland", "AM08": "Gelderland", "AM09": "Gelderland", "AM10": "Gelderland", "AM11": "Flevoland",
    "AM12": "Noord-Holland", "AM13": "Utrecht", "AM14": "Utrecht", "AM15": "Noord-Holland",
    "AM17": "Noord-Holland", "AM18": "Noord-Holland", "AM19": "Zuid-Holland", "AM20": "Zuid-Holland",
    "AM21": "Zuid-Holland", "AM22": "Zuid-Holland", "AM23": "Zuid-Holland", "AM24": "Zeeland",
    "AM25": "Noord-Brabant", "AM26": "Noord-Brabant", "AM27": "Noord-Brabant", "AM28": "Noord-Brabant",
    "AM29": "Limburg", "AM30": "Limburg", "AM32": "Noord-Brabant", "AM33": "Limburg", "AM34": "Zuid-Holland",
    "AM35": "Zuid-Holland", "AM36": "Overijssel", "AM37": "Noord-Holland", "AM38": "Gelderland",
}
PROVINCE_ALIASES = {"Friesland": "Fryslân"}
LANDSDEEL = {"Groningen": "Noord-Nederland", "Fryslân": "Noord-Nederland", "Drenthe": "Noord-Nederland",
             "Overijssel": "Oost-Nederland", "Flevoland": "Oost-Nederland", "Gelderland": "Oost-Nederland",
             "Utrecht": "West-Nederland", "Noord-Holland": "West-Nederland", "Zuid-Holland": "West-Nederland",
             "Zeeland": "West-Nederland", "Noord-Brabant": "Zuid-Nederland", "Limburg": "Zuid-Nederland"}

YEARS = tuple(range(2017, 2025))
# National paths (assumptions, shaped after the business cycle; DEMO): multiplier of the registered-
# jobseeker rate relative to 2023, and NEET and benefit shares in %.
JOBSEEKER_PATH = {2017: 1.32, 2018: 1.15, 2019: 1.02, 2020: 1.24, 2021: 1.08, 2022: 0.93, 2023: 1.0, 2024: 1.06}
NEET_PATH = {2017: 6.1, 2018: 5.7, 2019: 5.4, 2020: 5.9, 2021: 5.5, 2022: 5.0, 2023: 5.1, 2024: 5.3}
BENEFIT_PATH = {2017: 7.4, 2018: 7.1, 2019: 6.9, 2020: 7.2, 2021: 7.0, 2022: 6.6, 2023: 6.5, 2024: 6.6}
YOUTH_GROWTH = 0.0045          # per year, national youth (15-27) population after 2017
VSV_TREND = {2016: 1.00, 2017: 1.02, 2018: 1.04, 2019: 0.95, 2020: 0.88, 2021: 1.00, 2022: 1.06, 2023: 1.08}
PARTICIPANT_SHARE = 0.50       # pupils/students under 23 per resident aged 15-27 (assumption)


def read_published(reference_dir: Path) -> list[dict[str, str]]:
    with open(Path(reference_dir) / "published_figures.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def published(rows: list[dict[str, str]], table: str, measure_start: str, level: str) -> dict[str, float]:
    """Region name -> value for one published measure at one level (e.g. 'PV')."""
    out = {}
    for r in rows:
        if r["source_table"].startswith(table) and r["measure"].startswith(measure_start) and r["region_level"] == level:
            out[PROVINCE_ALIASES.get(r["region_name"], r["region_name"])] = float(r["value"])
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
