"""The demo of the youth register (86087NED, and 2024 in its newer edition 86223NED): gemeenten, exact counts
calibrated to CBS's published figures, and the observations CBS's rounding and suppression would publish.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from etl import demo_shape as shape
from etl.catalog import Source
from etl.demo_calibration import (
    BENEFIT_PATH,
    GWU_FIRST_YEAR,
    JOBSEEKER_PATH,
    LANDSDEEL,
    LANDSDEEL_NAMES,
    NEET_PATH,
    SUPPRESS_BELOW_YOUTH,
    TABLE_FIRST_YEAR,
    YEARS,
    YOUTH_GROWTH,
    calibrate,
    cbs_round,
    counts_with_share,
    fit_to_published,
    normalise_name,
    published,
    share_factor,
)
from etl.transform.reference import Division
from etl.transform.resolve import filter_text, resolve_slice

LEVEL_COLUMNS = ("nl", "ld", "pv", "cr", "am", "gm")      # membership columns of the gemeente frame
YOUTH_CATEGORIES = {
    "Onderwijsvolgend": ("Totaal", "Onderwijsvolgend", "Niet onderwijsvolgend"),
    "Arbeidskenmerken": ("Totaal", "Arb.pos.: werkzame beroepsbevolking", "Werknemer", "Zelfstandige",
                         "Arb.pos.: niet-werkzame bevolking"),
    "Uitkering": ("Totaal met of zonder uitkering", "Met uitkering", "Zonder uitkering"),
    "GeregistreerdWerkzoekendeBijUWV": ("Totaal", "Geregistreerd werkzoekende bij UWV",
                                        "Niet geregistreerd werkzoekende bij UWV"),
}


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
                         years: tuple[int, ...], region_list: list[shape.Code], seed: int) -> list[Path]:
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
    records_of = shape.code_lists(common)
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
        written.append(shape.write_demo(raw_dir, src, slice_, files, filter_text(src, slice_, resolved),
                                        _youth_note(table), seed))
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
