"""A small synthetic store in the store contract's exact shape, for tests, golden files and benchmarks.

Deterministic for a seed: arbeidsmarktregio's AM01..AMnn, each with ``gemeenten_per_region`` gemeenten
whose youth counts are drawn once; regional counts are sums of gemeente counts (as the ETL does).
Nothing here is real data: every row has ``is_demo = True``.

With ``rounding=True`` the counts are published as CBS publishes them: youth counts rounded to 10 for
gemeenten and to 100 for arbeidsmarktregio's (CBS gives both), early-school-leaver counts rounded to 10
for gemeenten and summed for regions; ``indicators`` then declares these units (as ``indicators.json``
does) and a present 0 built from a rounded count is flagged ``rounded_zero``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.need_index import published_layers
from analysis.peers import all_peers
from etl.store import Store

YEARS = tuple(str(y) for y in range(2017, 2025))
SCHOOL_YEARS = tuple(f"{y - 1}/{y}" for y in range(2017, 2025))
COLUMNS = ["indicator", "region_code", "region_name", "region_level", "period", "period_start", "frequency",
           "value", "unit", "status", "flag", "numerator", "denominator", "source_table", "is_demo"]


def _regions(n_regions: int, per_region: int, special_names: bool) -> pd.DataFrame:
    rows = [("NL01", "Nederland", "land", None)]
    gm = 1
    for r in range(1, n_regions + 1):
        am = f"AM{r:02d}"
        name = f"Regio {r:02d}"
        if special_names and r == 2:
            name = "=Regio 02+"            # a name a spreadsheet would run as a formula
        if special_names and r == 3:
            name = "-Regio, 03"
        rows.append((am, name, "arbeidsmarktregio", "NL01"))
        for _ in range(per_region):
            rows.append((f"GM{gm:04d}", f"Gemeente {gm:04d}", "gemeente", am))
            gm += 1
    return pd.DataFrame(rows, columns=["region_code", "region_name", "region_level", "parent_code"])


def synthetic_store(n_regions: int = 8, gemeenten_per_region: int = 3, seed: int = 7,
                    years: Iterable[str] = YEARS, school_years: Iterable[str] = SCHOOL_YEARS,
                    missing: Iterable[tuple[str, str, str]] = (), special_names: bool = False,
                    path: str | Path = "synthetic-store", data_version: str | None = None,
                    rounding: bool = False) -> Store:
    """A :class:`etl.store.Store` with the youth (yearly) and early-school-leaver (school-year) indicators.

    ``missing``: (region_code, indicator, period) rows to blank out (value NaN, flag ``confidential``).
    ``rounding``: publish rounded counts as CBS does (see the module text).
    """
    rng = np.random.default_rng(seed)
    regions = _regions(n_regions, gemeenten_per_region, special_names)
    gms = regions[regions["region_level"] == "gemeente"].reset_index(drop=True)
    size = rng.lognormal(np.log(4000), 1.0, len(gms)).round()
    base = {"neet": rng.uniform(0.03, 0.09, len(gms)), "benefit": rng.uniform(0.05, 0.12, len(gms)),
            "jobseeker": rng.uniform(0.02, 0.05, len(gms)), "esl": rng.uniform(0.01, 0.035, len(gms))}
    counts = []
    for i, year in enumerate(years):
        total = np.maximum((size * (1 + 0.01 * i)).round() + rng.integers(-50, 50, len(gms)), 50)
        drift = 1 + 0.05 * np.sin(i + np.arange(len(gms)))
        frame = pd.DataFrame({"gm": gms["region_code"], "am": gms["parent_code"], "period": year, "total": total,
                              "neet": rng.binomial(total.astype(int), np.clip(base["neet"] * drift, 0, 1)),
                              "benefit": rng.binomial(total.astype(int), base["benefit"]),
                              "jobseeker": rng.binomial(total.astype(int), base["jobseeker"] * drift)})
        counts.append(frame)
    youth = pd.concat(counts, ignore_index=True)
    esl_parts = []
    for school_year in school_years:
        participants = np.maximum((size * 0.6).round(), 30)
        esl_parts.append(pd.DataFrame({"gm": gms["region_code"], "am": gms["parent_code"], "period": school_year,
                                       "participants": participants,
                                       "leavers": rng.binomial(participants.astype(int), base["esl"])}))
    esl = pd.concat(esl_parts, ignore_index=True)

    youth_roles, esl_roles = ["total", "neet", "benefit", "jobseeker"], ["participants", "leavers"]
    if rounding:
        esl[esl_roles] = _cbs_round(esl[esl_roles], ROUNDING["gemeente"])    # regions: sums of these
    rows = []
    for level, key in (("gemeente", "gm"), ("arbeidsmarktregio", "am")):
        y = youth.groupby([key, "period"], as_index=False)[youth_roles].sum()
        if rounding:
            y[youth_roles] = _cbs_round(y[youth_roles], ROUNDING[level])
        e = esl.groupby([key, "period"], as_index=False)[esl_roles].sum()
        for ind, num, den, scale, unit in (
                ("neet_share", "neet", "total", 100.0, "percent"),
                ("youth_benefit_share", "benefit", "total", 100.0, "percent"),
                ("youth_jobseeker_rate", "jobseeker", "total", 1000.0, "per_1000"),
                ("neet_count", "neet", None, 1.0, "persons"),
                ("youth_population", "total", None, 1.0, "persons")):
            rows.append(_rows(y, key, level, ind, num, den, scale, unit, "year", "86087NED"))
        for ind, num, den, scale, unit in (("early_school_leaver_rate", "leavers", "participants", 100.0, "percent"),
                                           ("early_school_leavers", "leavers", None, 1.0, "persons")):
            rows.append(_rows(e, key, level, ind, num, den, scale, unit, "school_year", "84780NED"))
    obs = pd.concat(rows, ignore_index=True)
    if rounding:
        zero = obs["value"].notna() & ((obs["numerator"] == 0) | (obs["numerator"].isna() & (obs["value"] == 0)))
        obs.loc[zero, "flag"] = "rounded_zero"
    names = regions.set_index("region_code")["region_name"]
    obs["region_name"] = obs["region_code"].map(names)
    for code, ind, period in missing:
        mask = (obs["region_code"] == code) & (obs["indicator"] == ind) & (obs["period"] == period)
        obs.loc[mask, ["value", "numerator", "denominator"]] = np.nan
        obs.loc[mask, "flag"] = "confidential"
    obs = obs[COLUMNS].sort_values(["indicator", "region_code", "period_start"], kind="mergesort")
    version = data_version or f"synthetic-{seed}-{n_regions}x{gemeenten_per_region}"
    manifest = {"data_version": version, "built_at": "2024-06-01T00:00:00Z", "is_demo": True,
                "licence": "CC BY 4.0", "attribution": "synthetic test data", "sources": []}
    return Store(obs.reset_index(drop=True), regions, _indicator_rounding() if rounding else [], manifest, Path(path))


ROUNDING = {"gemeente": 10, "arbeidsmarktregio": 100}


def _cbs_round(frame: pd.DataFrame, unit: int) -> pd.DataFrame:
    return (np.floor(frame.astype(float) / unit + 0.5) * unit).astype(float)


def _indicator_rounding() -> list[dict]:
    """The ``rounding`` entries of ``indicators.json`` for the rounded synthetic counts."""
    youth = {lvl: {"unit": unit, "summed_from": None} for lvl, unit in ROUNDING.items()}
    esl = {"gemeente": {"unit": 10, "summed_from": None}, "arbeidsmarktregio": {"unit": 10, "summed_from": "gemeente"}}
    ids = {"neet_share": youth, "youth_benefit_share": youth, "youth_jobseeker_rate": youth, "neet_count": youth,
           "youth_population": youth, "early_school_leaver_rate": esl, "early_school_leavers": esl}
    return [{"id": i, "rounding": r} for i, r in ids.items()]


def _rows(frame: pd.DataFrame, key: str, level: str, indicator: str, num: str, den: str | None, scale: float,
          unit: str, frequency: str, table: str) -> pd.DataFrame:
    out = pd.DataFrame({"indicator": indicator, "region_code": frame[key].astype(str), "region_level": level,
                        "period": frame["period"].astype(str), "frequency": frequency, "unit": unit,
                        "status": "definitief", "flag": None, "source_table": table, "is_demo": True})
    start_year = frame["period"].astype(str).str[:4].astype(int)
    # youth years describe October (as the store's 86087NED rows); school years start on 1 October
    out["period_start"] = pd.to_datetime({"year": start_year, "month": 10, "day": 1}).astype("datetime64[ns]")
    numerator = frame[num].astype(float).to_numpy()
    if den is None:
        out["value"], out["numerator"], out["denominator"] = numerator, np.nan, np.nan
    else:
        denominator = frame[den].astype(float).to_numpy()
        out["value"] = scale * numerator / denominator
        out["numerator"], out["denominator"] = numerator, denominator
    return out


def square_geojson(regions: pd.DataFrame, level: str) -> dict:
    """One small square per region of ``level`` (feature ``id`` = code), laid out on a grid over NL."""
    feats = []
    codes = regions.loc[regions["region_level"] == level, ["region_code", "region_name"]].to_numpy()
    for i, (code, name) in enumerate(codes):
        x, y = 4.0 + 0.3 * (i % 8), 51.0 + 0.3 * (i // 8)
        ring = [[x, y], [x, y + 0.25], [x + 0.25, y + 0.25], [x + 0.25, y], [x, y]]
        feats.append({"type": "Feature", "id": str(code), "properties": {"statcode": str(code), "statnaam": str(name)},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return {"type": "FeatureCollection", "features": feats}


def write_store(store: Store, folder: str | Path) -> Path:
    """Write ``store`` as a store folder (parquet, json, geo) that :func:`etl.store.load_store` reads."""
    folder = Path(folder)
    (folder / "geo").mkdir(parents=True, exist_ok=True)
    store.observations.to_parquet(folder / "observations.parquet", index=False)
    store.regions.to_parquet(folder / "regions.parquet", index=False)
    (folder / "indicators.json").write_text(json.dumps(store.indicators), encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps(store.manifest), encoding="utf-8")
    groups, neighbours = all_peers(store)               # as the ETL build stores them
    groups.to_parquet(folder / "peer_groups.parquet", index=False)
    neighbours.to_parquet(folder / "peer_neighbours.parquet", index=False)
    published_layers(store).to_parquet(folder / "need_index.parquet", index=False)
    for level in ("arbeidsmarktregio", "gemeente"):
        (folder / "geo" / f"{level}.geojson").write_text(json.dumps(square_geojson(store.regions, level)),
                                                         encoding="utf-8")
    return folder
