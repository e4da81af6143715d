"""The demo of the youth register's NEET and benefit counts (86087NED), on CBS's real numbers of young people.

CBS's own figures of young people 15-27 per gemeente (the imported ``total`` slice) are the denominators: a demo
count is drawn around ``total x national share x need factor`` and rounded as CBS rounds this table (to 100 at every
level, small counts to 0; CBS suppresses nothing here), so demo counts and real populations agree.  Only the years
that have real totals get a demo (2017 to the last real year), never a year after it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from etl import demo_shape as shape
from etl.catalog import Source
from etl.demo_calibration import (
    BENEFIT_PATH,
    LANDSDEEL,
    LANDSDEEL_NAMES,
    NEET_PATH,
    TABLE_FIRST_YEAR,
    cbs_round,
    counts_with_share,
    share_factor,
)
from etl.snapshot import Snapshot
from etl.transform.raw import read_observations
from etl.transform.reference import Division

LEVEL_COLUMNS = ("nl", "ld", "pv", "cr", "am", "gm")      # membership columns of the gemeente frame
DEMO_ROLES = ("neet", "benefit")                           # the slices that are demo
FIRST_DEMO_YEAR = 2017
YOUTH_CATEGORIES = {
    "Onderwijsvolgend": ("Totaal", "Onderwijsvolgend", "Niet onderwijsvolgend"),
    "Arbeidskenmerken": ("Totaal", "Arb.pos.: werkzame beroepsbevolking", "Werknemer", "Zelfstandige",
                         "Arb.pos.: niet-werkzame bevolking"),
    "Uitkering": ("Totaal met of zonder uitkering", "Met uitkering", "Zonder uitkering"),
    "GeregistreerdWerkzoekendeBijUWV": ("Totaal", "Geregistreerd werkzoekende bij UWV",
                                        "Niet geregistreerd werkzoekende bij UWV"),
}


def municipalities(division: Division, pop: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """One row per gemeente: its regions at every level, population and a latent need."""
    d = division.gemeenten
    gm = pd.DataFrame({"gm": d["gemeente_code"], "name": d["gemeente_name"], "am": d["arbeidsmarktregio_code"],
                       "cr": d["corop_code"], "pv": d["province_code"], "province": d["province_name"]})
    gm["nl"] = "NL01"
    gm["ld"] = gm["pv"].map(LANDSDEEL)
    gm = gm.merge(pop.rename(columns={"region": "gm"}), on="gm", how="left")
    if gm["persons"].isna().any():
        raise ValueError(f"demo: no population for {gm.loc[gm['persons'].isna(), 'gm'].tolist()[:5]}")
    am_codes = sorted(gm["am"].unique())
    am_effect = dict(zip(am_codes, rng.normal(0, 0.18, len(am_codes)), strict=True))
    urban = np.log(gm["persons"].to_numpy() / gm["persons"].median())
    # one latent "need" factor per gemeente: regional effect + urbanity + local noise
    gm["need"] = gm["am"].map(am_effect).to_numpy() + 0.12 * urban + rng.normal(0, 0.15, len(gm))
    return gm.reset_index(drop=True)


def real_totals(snapshot: Snapshot, src: Source, gm: pd.DataFrame) -> dict[int, np.ndarray]:
    """CBS's young people 15-27 per gemeente (in ``gm``'s order) for every year the real ``total`` slice gives from
    2017 on."""
    obs = read_observations(snapshot, src, src.slice("total"))
    obs = obs[obs["region"].str.startswith("GM") & obs["Value"].notna()]
    out = {}
    for year, rows in obs.groupby(obs["period_start"].dt.year):
        if year < FIRST_DEMO_YEAR:
            continue
        values = rows.set_index("region")["Value"].reindex(gm["gm"])
        if values.isna().any():
            raise ValueError(f"demo: CBS gives no young people for {values[values.isna()].index[:5].tolist()} in {year}")
        out[int(year)] = values.to_numpy(dtype=float)
    if not out:
        raise ValueError("demo: the real youth totals (86087NED/total) give no year from 2017 on")
    return out


def demo_counts(gm: pd.DataFrame, totals: dict[int, np.ndarray], rng: np.random.Generator) -> dict[int, pd.DataFrame]:
    """Per youth year: exact demo NEET and benefit counts per gemeente around the national assumption paths."""
    out = {}
    for year, total in sorted(totals.items()):
        need = gm["need"].to_numpy() + rng.normal(0, 0.05, len(gm))
        out[year] = pd.DataFrame({
            "gm": gm["gm"],
            "neet": counts_with_share(total, share_factor(total, need, 0.9), NEET_PATH[year] / 100, rng),
            "benefit": counts_with_share(total, share_factor(total, need, 0.8), BENEFIT_PATH[year] / 100, rng)})
    return out


def youth_region_codes(division: Division) -> list[shape.Code]:
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


def published_cells(gm: pd.DataFrame, counts: pd.Series, unit: int) -> list[tuple[str, int]]:
    """(region, rounded count) for every region of every level: exact sums, then rounded as CBS rounds."""
    frame = gm[list(LEVEL_COLUMNS)].assign(count=counts.to_numpy())
    cells = []
    for col in LEVEL_COLUMNS:
        sums = frame.groupby(col)["count"].sum()
        cells += [(str(r), int(cbs_round(v, unit))) for r, v in sums.items()]
    return cells


def write_youth_register(raw_dir: Path, src: Source, gm: pd.DataFrame, counts: dict[int, pd.DataFrame],
                         region_list: list[shape.Code], seed: int) -> list[Path]:
    """The demo slices (NEET, benefits) of the youth table, in CBS's v4 shape."""
    from etl.transform.resolve import filter_text, resolve_slice
    table = src.table_id
    years = sorted(counts)
    last = years[-1]
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
    records_of = shape.code_lists(common)
    unit = src.rounding["gemeente"].unit
    written = []
    for name in DEMO_ROLES:
        slice_ = src.slice(name)
        resolved = resolve_slice(src, slice_, records_of)
        cell = {dim: codes[0] for dim, codes in resolved.dimensions.items()}
        records = []
        for year in years:
            for region, value in published_cells(gm, counts[year][name], unit):
                records.append(cube.observation(measure, value, "None",
                                                {**cell, "Perioden": f"{year}JJ00", "RegioS": region}))
        files = {**common, "observations-page-1.json": shape.observations(table, records)}
        written.append(shape.write_demo(raw_dir, src, slice_, files, filter_text(src, slice_, resolved),
                                        _youth_note(years), seed))
    return written


def _youth_note(years: list[int]) -> str:
    return (f"Demo counts on CBS's real numbers of young people: per gemeente and year ({years[0]}-{years[-1]}, the "
            "years with real totals from 2017 on), drawn around CBS's young people 15-27 (86087NED, imported) times "
            "the national assumption path of etl/demo_calibration.py and a demo need factor; sums per landsdeel, "
            "provincie, COROP, arbeidsmarktregio and Nederland of the drawn gemeente counts; every cell rounded to "
            "100 as CBS rounds this table (small counts become 0; CBS suppresses nothing here).")
