"""The genuine CBS (and Eurostat) figures, checked where the user reads them: in the built store.

Every expectation is computed here from the genuine lines the shipped raw snapshots keep (``download-<n>.csv``:
the header and the exact lines of CBS's own download, read with pandas, never through the importer or the
transforms) or stated as CBS publishes it; the store is built from the committed ``data/raw`` into a temp dir
(``built_store``, tests/conftest.py). Which gemeente lies in which region is the store's own ``regions.parquet``;
where Haaren went is the division snapshot's successor list (``data/raw/86247NED``, read as plain CSV).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"


def current(table: str, slice_: str) -> Path:
    """The snapshot a build reads: the newest that is not demo."""
    return sorted(p for p in (RAW / table / slice_).iterdir() if p.is_dir() and p.name != "demo")[-1]


def downloads(table: str, slice_: str) -> dict[str, Path]:
    """The original file name -> the snapshot's copy of its lines (``download-<n>.csv``), from the manifest."""
    snap = current(table, slice_)
    manifest = json.loads((snap / "manifest.json").read_text(encoding="utf-8"))
    return {d["name"]: snap / d["file"] for d in manifest["downloads"]}


VSV = downloads("84780NED", "totaal")["84780NED.csv"]
YOUTH_TOTAL = downloads("86087NED", "total")["86087NED.csv"]
YOUTH_JOBSEEKER_CBS = downloads("86087NED", "jobseeker")["86087NED.csv"]
YOUTH_JOBSEEKER_R = downloads("86087NED", "jobseeker")["86087NED_gem_unemployment.csv"]
YOUTH_TOTAL_R = downloads("86087NED", "total")["86087NED_gem_unemployment.csv"]
EUROSTAT = downloads("une_rt_m", "nl-jonger-dan-25")["eurostat_une_rt_m_NL_extract.csv"]
SUCCESSORS = current("86247NED", "gemeenten") / "gemeente_successors.csv"

TOTAL_SEX = "Totaal mannen en vrouwen"
LEAVERS, PUPILS = "VoortijdigSchoolverlaters_2", "Leerlingen_1"
REGISTERED = "Geregistreerd werkzoekende bij UWV"
# Tables imported from CBS's (or Eurostat's) downloads, and the indicators the store makes of their genuine slices.
REAL = {"early_school_leavers": "84780NED", "early_school_leaver_rate": "84780NED", "youth_population": "86087NED",
        "youth_jobseekers": "86087NED", "youth_jobseeker_rate": "86087NED", "ww_benefits": "85554NED",
        "youth_benefit_share_2005_2013": "82859NED", "youth_unemployment_rate": "une_rt_m"}
DEMO = ("neet_share", "neet_count", "youth_benefit_share", "youth_ww_benefits")


# --- the genuine lines, read plainly -------------------------------------------------------------------------------
def norm(text: str) -> str:
    """A title without CBS's padding (``"Totaal "``) and doubled spaces."""
    return " ".join(str(text).split())


def read_download(path: Path) -> pd.DataFrame:
    """A download as strings, titles trimmed; ``;`` with BOM (cbsodata) or ``,`` (R's write.csv)."""
    head = path.read_bytes()[:400].decode("utf-8-sig")
    sep = ";" if head.count(";") > head.count(",") else ","
    frame = pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame.apply(lambda col: col.map(norm))


def number(cell: str) -> float | None:
    return None if cell == "" else float(cell)


def school_year(title: str) -> str:
    """``2022/'23`` -> the store's label ``2022/2023``."""
    start = int(title[:4])
    return f"{start}/{start + 1}"


@pytest.fixture(scope="module")
def vsv() -> pd.DataFrame:
    """84780NED, both sexes: one row per region title and school year, counts as numbers (None when empty)."""
    frame = read_download(VSV)
    frame = frame[frame["Geslacht"] == TOTAL_SEX].copy()
    for col in (LEAVERS, PUPILS):
        frame[col] = frame[col].map(number)
    frame["period"] = frame["Perioden"].map(school_year)
    assert not frame.duplicated(["Regiokenmerken", "period"]).any()
    return frame.set_index(["Regiokenmerken", "period"])[[LEAVERS, PUPILS]]


def youth_cells(path: Path) -> dict[tuple[str, str, str, str, str, str], float | None]:
    """86087NED: (Onderwijsvolgend, Arbeidskenmerken, Uitkering, Geregistreerd, region title, year) -> count."""
    frame = read_download(path)
    dims = [c for c in frame.columns if c not in ("ID", "") and not c.startswith("Unnamed")]
    measure = dims.pop()                           # the last column: Jongeren15Tot27Jaar_1 / R's mangled title
    onderwijs, arbeid, uitkering, uwv = (c for c in dims if c not in ("RegioS", "Regio.s", "Perioden"))
    region = "RegioS" if "RegioS" in frame else "Regio.s"
    out = {}
    for row in frame.to_dict("records"):
        key = (row[onderwijs], row[arbeid], row[uitkering], row[uwv], row[region], row["Perioden"].rstrip("*"))
        assert key not in out, f"{path.name}: {key} twice"
        out[key] = number(row[measure])
    return out


# --- the store ------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def obs(built_store: Path) -> pd.DataFrame:
    return pd.read_parquet(built_store / "observations.parquet")


@pytest.fixture(scope="module")
def regions(built_store: Path) -> pd.DataFrame:
    return pd.read_parquet(built_store / "regions.parquet")


@pytest.fixture(scope="module")
def manifest(built_store: Path) -> dict:
    return json.loads((built_store / "manifest.json").read_text(encoding="utf-8"))


def rows(obs: pd.DataFrame, indicator: str) -> pd.DataFrame:
    return obs[obs["indicator"] == indicator].set_index(["region_code", "period"])


def one(obs: pd.DataFrame, indicator: str, region: str, period: str) -> pd.Series:
    hit = obs[(obs["indicator"] == indicator) & (obs["region_code"] == region) & (obs["period"] == period)]
    assert len(hit) == 1, f"{indicator} {region} {period}: {len(hit)} rows in the store"
    return hit.iloc[0]


def members(regions: pd.DataFrame, column: str) -> dict[str, list[str]]:
    """Region code -> today's gemeenten in it (``parent_code``: arbeidsmarktregio, ``rmc_code``: RMC region)."""
    gm = regions[regions["region_level"] == "gemeente"]
    return {code: sorted(part["region_code"]) for code, part in gm.groupby(column)}


def source_entry(manifest: dict, table: str) -> dict:
    return next(s for s in manifest["sources"] if s["table_id"] == table)


# --- 84780NED: early school leavers -----------------------------------------------------------------------------------
def test_nederland_2022_23_early_school_leavers(vsv: pd.DataFrame, obs: pd.DataFrame) -> None:
    line = vsv.loc[("Nederland", "2022/2023")]
    assert (line[LEAVERS], line[PUPILS]) == (35_430, 1_277_200)          # what CBS publishes
    count = one(obs, "early_school_leavers", "NL01", "2022/2023")
    assert count["value"] == 35_430
    rate = one(obs, "early_school_leaver_rate", "NL01", "2022/2023")
    assert (rate["numerator"], rate["denominator"]) == (35_430, 1_277_200)
    assert rate["value"] == pytest.approx(100 * 35_430 / 1_277_200)
    assert round(rate["value"], 2) == 2.77
    for row in (count, rate):
        assert row["derivation"] == "published" and row["source_table"] == "84780NED" and not row["is_demo"]


def test_the_twelve_provinces_add_up_to_nederland(vsv: pd.DataFrame) -> None:
    provinces = vsv[vsv.index.get_level_values(0).str.endswith("(PV)")]
    assert provinces.index.get_level_values(0).nunique() == 12
    sums = provinces.groupby(level="period").sum(min_count=12)
    nl = vsv.xs("Nederland", level=0)
    assert sums.loc["2022/2023"].tolist() == nl.loc["2022/2023"].tolist() == [35_430, 1_277_200]
    # the other school years within CBS's rounding to tens: each of 13 figures off by at most 5
    assert ((sums - nl.loc[sums.index]).abs() <= 5 * 13).all().all()


def test_each_arbeidsmarktregio_is_the_sum_of_its_gemeenten(obs: pd.DataFrame, regions: pd.DataFrame) -> None:
    am_members = members(regions, "parent_code")
    for indicator, column in (("early_school_leavers", "value"), ("early_school_leaver_rate", "numerator"),
                              ("early_school_leaver_rate", "denominator")):
        table = rows(obs, indicator)
        checked = 0
        for (code, period), row in table[table["region_level"] == "arbeidsmarktregio"].iterrows():
            parts = table.reindex([(gm, period) for gm in am_members[code]])[column]
            if parts.isna().any():
                continue          # a gemeente incomplete (part of a split within the region): not checkable here
            assert row[column] == parts.sum(), (indicator, column, code, period, row[column], parts.sum())
            assert row["derivation"] == "summed"
            checked += 1
        assert checked >= 35 * 10, (indicator, checked)


def test_rmc_regions_are_cbs_figures_or_the_sum_of_their_gemeenten(vsv: pd.DataFrame, obs: pd.DataFrame,
                                                                    regions: pd.DataFrame) -> None:
    """Published: CBS's own (MC) line; summed: the sum of today's gemeenten in the region (every count of it)."""
    titles = {code: f"{name} (MC)" for code, name in zip(regions["region_code"], regions["region_name"])
              if code.startswith("MC")}
    rmc_members = members(regions, "rmc_code")
    leavers, rates = rows(obs, "early_school_leavers"), rows(obs, "early_school_leaver_rate")
    wrong = []
    for indicator, table, columns in (("early_school_leavers", leavers, {"value": LEAVERS}),
                                      ("early_school_leaver_rate", rates, {"numerator": LEAVERS, "denominator": PUPILS})):
        for (code, period), row in table[table["region_level"] == "rmc"].iterrows():
            for column, measure in columns.items():
                if row["derivation"] == "published":
                    expected = vsv.loc[(titles[code], period), measure]
                else:
                    assert row["derivation"] == "summed", (indicator, code, period, row["derivation"])
                    gm_table = leavers if measure == LEAVERS else rates
                    gm_column = "value" if measure == LEAVERS else "denominator"
                    parts = gm_table.reindex([(gm, period) for gm in rmc_members[code]])[gm_column]
                    if parts.isna().any():
                        continue          # a gemeente incomplete (a split): the region's sum is not checkable here
                    expected = parts.sum()
                if pd.isna(row[column]) and pd.isna(expected):
                    continue
                if row[column] != expected:
                    wrong.append(f"{indicator}.{column} {code} {period} ({row['derivation']}): store {row[column]}, "
                                 f"expected {expected}")
    assert not wrong, f"{len(wrong)} RMC figures neither CBS's nor the sum of their gemeenten: " + "; ".join(wrong[:8])


def test_merged_gemeenten_are_carried_onto_today(vsv: pd.DataFrame, obs: pd.DataFrame) -> None:
    cases = {("GM0363", "2021/2022"): ("Amsterdam", "Weesp"),
             ("GM1992", "2022/2023"): ("Brielle", "Hellevoetsluis", "Westvoorne")}
    for (code, period), formers in cases.items():
        leavers = sum(vsv.loc[(name, period), LEAVERS] for name in formers)
        pupils = sum(vsv.loc[(name, period), PUPILS] for name in formers)
        count = one(obs, "early_school_leavers", code, period)
        rate = one(obs, "early_school_leaver_rate", code, period)
        assert count["value"] == leavers, (code, period, count["value"], leavers)
        assert (rate["numerator"], rate["denominator"]) == (leavers, pupils), (code, period)
        assert rate["value"] == pytest.approx(100 * leavers / pupils)
        assert count["derivation"] == rate["derivation"] == "carried"
    assert one(obs, "early_school_leavers", "GM0363", "2021/2022")["value"] == 1_920 + 20
    assert one(obs, "early_school_leavers", "GM1992", "2022/2023")["value"] == 30 + 90 + 20


def test_a_split_gemeente_leaves_its_receivers_incomplete_and_the_manifest_says_why(obs: pd.DataFrame,
                                                                                       manifest: dict) -> None:
    receivers = {}
    with SUCCESSORS.open(encoding="utf-8") as fh:
        for rec in csv.DictReader(fh):
            if rec["former_name"] == "Haaren":
                receivers[rec["successor_code"]] = rec["kind"]
    assert receivers.get("GM0865") == "split"                    # Vught took Helvoirt from Haaren (2021)
    for indicator in ("early_school_leavers", "early_school_leaver_rate"):
        row = one(obs, indicator, "GM0865", "2019/2020")
        assert pd.isna(row["value"]) and row["flag"] == "incomplete", (indicator, row["value"], row["flag"])
    # after the split Vught is whole again: 2021/'22 is CBS's own line for today's Vught
    assert one(obs, "early_school_leavers", "GM0865", "2021/2022")["value"] == 60
    reasons = [e for e in source_entry(manifest, "84780NED").get("incomplete", [])
               if e["region"] == "GM0865" and e["period"] == "2019/2020"]
    assert len(reasons) == 1, reasons
    assert "Haaren" in reasons[0]["reason"] and "GM0788" in reasons[0]["reason"] and "split" in reasons[0]["reason"]


def test_manifest_region_checks_for_rmc_agree_with_the_store(vsv: pd.DataFrame, obs: pd.DataFrame,
                                                             regions: pd.DataFrame, manifest: dict) -> None:
    """A region the manifest reports as replaced (CBS's region was made of other gemeenten that year) is the sum in
    the store, for the count and both counts of the rate; a region it reports equal is CBS's own line."""
    check = next(c for c in source_entry(manifest, "84780NED")["region_checks"] if c["level"] == "rmc")
    leavers, rates = rows(obs, "early_school_leavers"), rows(obs, "early_school_leaver_rate")
    assert check["compared"] == check["equal"] + len(check["replaced"])
    wrong = []
    for entry in check["replaced"]:
        key = (entry["region"], entry["period"])
        got = {"early_school_leavers": (leavers.loc[key, "value"], leavers.loc[key, "derivation"]),
               "rate numerator": (rates.loc[key, "numerator"], rates.loc[key, "derivation"]),
               "rate denominator": (rates.loc[key, "denominator"], rates.loc[key, "derivation"])}
        want = {"early_school_leavers": entry["leavers_sum"], "rate numerator": entry["leavers_sum"],
                "rate denominator": entry["participants_sum"]}
        for what, (value, derivation) in got.items():
            if value != want[what] or derivation != "summed":
                wrong.append(f"{key[0]} {key[1]} {what}: store {value} ({derivation}), manifest sum {want[what]} "
                             f"(CBS {entry['leavers_cbs']}/{entry['participants_cbs']})")
    assert not wrong, f"{len(wrong)} figures of replaced RMC regions are not the sum in the store: " + "; ".join(wrong[:6])
    summed = leavers[(leavers["region_level"] == "rmc") & (leavers["derivation"] == "summed")]
    assert len(summed) == len(check["replaced"]) + check["filled_from_sum"], (len(summed), check)


# --- 86087NED: young people 15-27 and registered jobseekers ----------------------------------------------------------
def test_young_people_nederland_2023(obs: pd.DataFrame) -> None:
    cells = youth_cells(YOUTH_TOTAL)
    assert cells[("Totaal", "Totaal", "Totaal met of zonder uitkering", "Totaal", "Nederland", "2023")] == 2_668_600
    row = one(obs, "youth_population", "NL01", "2023")
    assert row["value"] == 2_668_600
    assert row["derivation"] == "published" and row["source_table"] == "86087NED" and not row["is_demo"]


def test_each_arbeidsmarktregio_is_within_rounding_of_its_gemeenten(obs: pd.DataFrame, regions: pd.DataFrame) -> None:
    table = rows(obs, "youth_population")
    am = table[(table["region_level"] == "arbeidsmarktregio") & (table.index.get_level_values(1) == "2023")]
    assert len(am) == 35
    for (code, period), row in am.iterrows():
        parts = table.reindex([(gm, period) for gm in members(regions, "parent_code")[code]])["value"]
        assert not parts.isna().any(), code
        assert abs(row["value"] - parts.sum()) <= 50 * (len(parts) + 1), (code, row["value"], parts.sum(), len(parts))


def test_registered_young_jobseekers_nederland_2023(obs: pd.DataFrame) -> None:
    cells = youth_cells(YOUTH_JOBSEEKER_CBS)
    assert cells[("Totaal", "Totaal", "Totaal met of zonder uitkering", REGISTERED, "Nederland", "2023")] == 86_300
    row = one(obs, "youth_jobseekers", "NL01", "2023")
    assert row["value"] == 86_300
    assert row["derivation"] == "published" and row["source_table"] == "86087NED" and not row["is_demo"]


def test_the_two_86087NED_downloads_agree_on_every_cell_they_share() -> None:
    """cbsodata's download (first 10,000 rows) and the StatLine download R re-saved share every total of 2020-2023
    and the registered jobseekers of Nederland and the first 35 gemeenten. The shipped snapshots keep both files'
    lines of a shared cell."""
    cbs = {**youth_cells(YOUTH_TOTAL), **youth_cells(YOUTH_JOBSEEKER_CBS)}
    r_cells = {**youth_cells(YOUTH_JOBSEEKER_R), **youth_cells(YOUTH_TOTAL_R)}
    shared = set(r_cells) & set(cbs)
    disagree = {k: (cbs[k], r_cells[k]) for k in shared if cbs[k] != r_cells[k]}
    assert not disagree, list(disagree.items())[:5]
    totals = {k for k in shared if k[3] == "Totaal"}
    registered = {k for k in shared if k[3] == REGISTERED}
    assert (len(totals), len(registered)) == (343 * 4, 36 * 4)
    assert {k[5] for k in shared} == {"2020", "2021", "2022", "2023"}
    # the R lines of the snapshots hold the whole registered block of the R file: 343 regions x 4 years
    assert len({k for k in r_cells if k[3] == REGISTERED}) == 343 * 4


# --- demo and real, side by side ------------------------------------------------------------------------------------
def test_real_tables_are_real_and_demo_indicators_are_demo(obs: pd.DataFrame) -> None:
    for indicator, table in REAL.items():
        part = obs[obs["indicator"] == indicator]
        assert len(part), indicator
        assert set(part["source_table"]) == {table}, (indicator, set(part["source_table"]))
        assert not part["is_demo"].any(), f"{indicator}: {int(part['is_demo'].sum())} demo rows"
    for indicator in DEMO:
        part = obs[obs["indicator"] == indicator]
        assert len(part) and part["is_demo"].all(), indicator
    mixed = [ind for ind, part in obs.groupby("indicator") if part["is_demo"].nunique() > 1]
    assert not mixed, f"indicators mixing demo and real rows: {mixed}"


def test_youth_unemployment_is_eurostats_une_rt_m(obs: pd.DataFrame) -> None:
    frame = read_download(EUROSTAT)
    young = frame[frame["age"] == "Less than 25 years"]
    expected = {f"{p[:4]}MM{p[5:]}": float(v) for p, v in zip(young["TIME_PERIOD"], young["OBS_VALUE"])}
    assert len(expected) == 50
    part = obs[obs["indicator"] == "youth_unemployment_rate"].set_index("period")
    assert set(part["source_table"]) == {"une_rt_m"}
    assert part["value"].to_dict() == expected
    # checked against CBS as quoted by the news (shared/data/README.md): end of 2022 7.5 %, August 2023 8.7 %
    assert part.loc["2022MM12", "value"] == 7.5
    assert part.loc["2023MM08", "value"] == 8.7
    assert not part["is_demo"].any() and (part["region_code"] == "NL01").all()


def test_empty_cells_stay_missing_and_zeros_stay_values(vsv: pd.DataFrame, obs: pd.DataFrame) -> None:
    """CBS's empty cell is no value (never 0); CBS's 0 (a count rounded to 0) is a value, flagged as rounded."""
    cells = youth_cells(YOUTH_JOBSEEKER_CBS)
    empty = sorted(k[5] for k, v in cells.items() if k[4] == "Nederland" and v is None)
    assert empty == [str(y) for y in range(2005, 2018)]
    for period in empty:
        row = one(obs, "youth_jobseekers", "NL01", period)
        assert pd.isna(row["value"]) and row["flag"] == "not available", (period, row["value"], row["flag"])
        assert pd.isna(one(obs, "youth_jobseeker_rate", "NL01", period)["value"])
    assert one(obs, "youth_jobseekers", "NL01", "2018")["value"] == cells[
        ("Totaal", "Totaal", "Totaal met of zonder uitkering", REGISTERED, "Nederland", "2018")] == 120_900
    zero = one(obs, "early_school_leavers", "GM1723", "2012/2013")           # Alphen-Chaam
    assert vsv.loc[("Alphen-Chaam", "2012/2013"), LEAVERS] == 0
    assert zero["value"] == 0 and zero["flag"] == "rounded_zero"
