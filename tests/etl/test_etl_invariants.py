"""Invariants of the built store: regions, real and demo, credit lines, reference dates, and how every region's
figure was made from its gemeenten (carried, summed, or CBS's own within rounding).

Which parts are real and which demo is read from the raw snapshots' own manifests and the catalogue, never from
the store that is being checked.  The recipes themselves (regroup, reconcile) are tested on a made-up division in
test_etl_divisions.py.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from etl.catalog import INDICATORS, SOURCES, indicator, indicator_ids
from etl.schema import MISSING_FLAGS
from etl.snapshot import current_snapshot, list_snapshots
from etl.store import Store, load_store

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
SCALE = {"neet_share": ("neet_count", 100.0), "youth_benefit_share": (None, 100.0),
         "youth_jobseeker_rate": ("youth_jobseekers", 1000.0),
         "early_school_leaver_rate": ("early_school_leavers", 100.0), "youth_benefit_share_2005_2013": (None, 100.0)}
AM_2024 = [f"AM{n:02d}" for n in (*range(1, 4), *range(5, 16), *range(17, 31), *range(32, 39))]
RMC = [f"MC{n:02d}" for n in (*range(1, 14), *range(15, 42))]     # MC14 Arnhem/Nijmegen was split (MC40, MC41)
REGION_LEVELS = ("arbeidsmarktregio", "rmc")
COUNT_INDICATORS = [i.id for i in INDICATORS if i.unit == "persons"]
# The levels each table gives itself (CBS's own figures); every other level is summed from gemeenten.
OWN_LEVELS = {"86087NED": {"land", "arbeidsmarktregio", "gemeente"}, "84780NED": {"land", "rmc", "gemeente"},
              "82859NED": {"land", "gemeente"}, "85554NED": {"land", "arbeidsmarktregio"}, "85984NED": {"gemeente"},
              "80590ned": {"land"}, "une_rt_m": {"land"}}
CARRYING_TABLES = ("84780NED", "82859NED")        # gemeenten of their own period / of 2014, carried onto today's


@pytest.fixture(scope="module")
def store(built_store: Path) -> Store:
    return load_store(built_store)


@pytest.fixture(scope="module")
def obs(store: Store) -> pd.DataFrame:
    return store.observations


@pytest.fixture(scope="module")
def sources(store: Store) -> dict[str, dict]:
    return {s["table_id"]: s for s in store.manifest["sources"]}


def _rows(obs: pd.DataFrame, indicator_id: str, level: str | None = None) -> pd.DataFrame:
    rows = obs[obs["indicator"] == indicator_id]
    return rows if level is None else rows[rows["region_level"] == level]


def _raw_demo() -> dict[tuple[str, str], bool]:
    """(table, slice) -> whether the snapshot the build uses is demo, as its own manifest says."""
    out = {}
    for src in SOURCES:
        for sl in src.slices:
            if list_snapshots(RAW, src.table_id, sl.name):
                out[(src.table_id, sl.name)] = current_snapshot(RAW, src.table_id, sl.name).is_demo
    return out


# --- regions ------------------------------------------------------------------------------------------
def test_regions_division(store: Store) -> None:
    regions = store.regions
    counts = regions["region_level"].value_counts().to_dict()
    assert counts == {"gemeente": 342, "rmc": 40, "arbeidsmarktregio": 35, "land": 1}
    assert regions["region_code"].is_unique
    am = regions[regions["region_level"] == "arbeidsmarktregio"]
    assert sorted(am["region_code"]) == AM_2024                     # AM04, AM16, AM31 retired
    rmc = regions[regions["region_level"] == "rmc"]
    assert sorted(rmc["region_code"]) == RMC
    assert (am["parent_code"] == "NL01").all() and (rmc["parent_code"] == "NL01").all()
    gm = regions[regions["region_level"] == "gemeente"]
    assert gm["parent_code"].isin(am["region_code"]).all()           # every gemeente has an arbeidsmarktregio
    assert set(gm["parent_code"]) == set(am["region_code"])          # and every region has gemeenten
    assert gm["rmc_code"].isin(rmc["region_code"]).all() and set(gm["rmc_code"]) == set(rmc["region_code"])
    assert regions.loc[regions["region_level"] != "gemeente", "rmc_code"].isna().all()
    assert regions.loc[regions["region_code"] == "NL01", "parent_code"].isna().all()
    assert not regions["region_name"].str.contains(r"\((?:AM|PV|LD|MC)\)").any()
    names = regions.set_index("region_code")["region_name"]
    assert names["GM0363"] == "Amsterdam" and names["MC21"] == "Agglomeratie Amsterdam"


def test_regions_are_cbs_division(store: Store) -> None:
    """Parents and names come from CBS's Gebieden in Nederland 2026 (86247NED) and, for the RMC regions, from its
    2025 edition (the newest with the RMC column), as the manifest says."""
    folder = next(RAW.glob("86247NED/gemeenten/*/"))
    division = pd.read_csv(folder / "gemeente_arbeidsmarktregio_cbs_2026.csv", dtype=str)
    rmc = pd.read_csv(folder / "gemeente_rmc_2025.csv", dtype=str).set_index("gemeente_code")
    regions = store.regions.set_index("region_code")
    gm = division.set_index("gemeente_code")
    assert (regions.loc[gm.index, "parent_code"] == gm["arbeidsmarktregio_code"]).all()
    assert (regions.loc[gm.index, "region_name"] == gm["gemeente_name"]).all()
    assert (regions.loc[rmc.index, "rmc_code"] == rmc["rmc_code"]).all()
    am = division.drop_duplicates("arbeidsmarktregio_code").set_index("arbeidsmarktregio_code")["arbeidsmarktregio_name"]
    assert (regions.loc[am.index, "region_name"] == am).all()
    names = rmc.drop_duplicates("rmc_code").set_index("rmc_code")["rmc_name"]
    assert (regions.loc[names.index, "region_name"] == names).all()
    assert regions.loc["AM06", "region_name"] == "Veluwe Stedendriehoek"          # 2026 name, not the 85554NED title
    assert store.manifest["division"] == {
        "table_id": "86247NED", "title": "Gebieden in Nederland 2026", "year": 2026,
        "regions": "names and parents of the arbeidsmarktregio's, RMC regions and gemeenten", "rmc_edition": 2025}
    sources = {s["table_id"]: s for s in store.manifest["sources"]}
    assert sources["86247NED"]["kind"] == "division" and sources["86247NED"]["division_year"] == 2026
    assert sources["gebieden-2025"]["kind"] == "geometry" and "geometry" in sources["gebieden-2025"]["used_for"]
    assert sources["gebieden-2025"]["title"].startswith("Grenzen")           # not the old "afgeleid" division title


def test_rmc_boundaries_are_the_union_of_their_gemeenten(built_store: Path, store: Store) -> None:
    from shapely.geometry import shape
    rmc = json.loads((built_store / "geo" / "rmc.geojson").read_text(encoding="utf-8"))
    gemeenten = json.loads((built_store / "geo" / "gemeente.geojson").read_text(encoding="utf-8"))
    regions = store.regions.set_index("region_code")
    shapes = {f["id"]: shape(f["geometry"]) for f in rmc["features"]}
    assert sorted(shapes) == RMC
    for f in rmc["features"]:
        assert f["properties"] == {"statcode": f["id"], "statnaam": regions.loc[f["id"], "region_name"]}
        assert f["geometry"]["type"] == "MultiPolygon"
        for polygon in f["geometry"]["coordinates"]:                  # no ring collapsed by rounding to a line
            for ring in polygon:
                assert ring[0] == ring[-1] and len({tuple(p) for p in ring}) >= 3, (f["id"], ring)
    area: dict[str, float] = {}
    for f in gemeenten["features"]:
        gm = shape(f["geometry"])
        region = regions.loc[f["id"], "rmc_code"]
        assert shapes[region].contains(gm.representative_point()), f["id"]
        area[region] = area.get(region, 0.0) + gm.area
    for region, total in area.items():
        assert shapes[region].area == pytest.approx(total, rel=1e-3), region


# --- the whole table ----------------------------------------------------------------------------------
def test_rows_are_unique(obs: pd.DataFrame) -> None:
    assert not obs.duplicated(["indicator", "region_code", "period"]).any()


def test_flag_matches_value(obs: pd.DataFrame, store: Store) -> None:
    """A missing value has a reason; a present value has no flag, except a 0 built from a count CBS rounded to 0."""
    missing = obs["value"].isna()
    assert obs.loc[missing, "flag"].isin(MISSING_FLAGS).all()
    present = obs[~missing]
    zero = present[present["flag"] == "rounded_zero"]
    assert present["flag"].isna().sum() + len(zero) == len(present)
    assert (zero["value"] == 0).all() and len(zero) > 0                # CBS rounds small gemeenten to 0: exercised
    rounding = {m["id"]: m["rounding"] for m in store.indicators}
    for row in zero.itertuples():
        assert rounding[row.indicator][row.region_level]["unit"] > 1
    counted = present[(present["flag"].isna()) & (present["value"] == 0)]
    assert all(rounding[r.indicator].get(r.region_level, {}).get("unit", 1) <= 1 for r in counted.itertuples())


def test_every_indicator_is_built(obs: pd.DataFrame, store: Store) -> None:
    assert set(obs["indicator"]) == set(indicator_ids())
    meta = {m["id"]: m for m in store.indicators}
    assert list(meta) == [i.id for i in INDICATORS]
    shipped = {t for t, _ in _raw_demo()}
    for ind in INDICATORS:
        rows = _rows(obs, ind.id)
        assert set(rows["region_level"]) == set(ind.levels), ind.id
        assert meta[ind.id]["levels"] == [lvl for lvl in ("land", "arbeidsmarktregio", "rmc", "gemeente")
                                          if lvl in ind.levels]
        assert meta[ind.id]["is_demo"] == bool(rows["is_demo"].any())
        assert (rows["unit"] == ind.unit).all()
        tables = set(rows["source_table"])
        assert tables <= set(ind.source_tables) & shipped, ind.id
    # CBS's youth slice of 80590ned is not shipped: youth unemployment is Eurostat's stand-in, and 86223NED has nothing
    assert set(_rows(obs, "youth_unemployment_rate")["source_table"]) == {"une_rt_m"}
    assert "86223NED" not in set(obs["source_table"])


def test_real_and_demo_as_the_raw_snapshots_say(obs: pd.DataFrame, store: Store, sources: dict[str, dict]) -> None:
    raw = _raw_demo()
    assert sorted(k for k, demo in raw.items() if demo) == sorted(
        [("86087NED", "neet"), ("86087NED", "benefit"), ("85554NED", "jonger-dan-27")])
    for (table, slice_name), demo in raw.items():                     # the catalogue says the same
        assert next(s for s in SOURCES if s.table_id == table).slice(slice_name).demo == demo
    by_table = obs.groupby("source_table")["is_demo"].agg(["all", "any"])
    for table in ("84780NED", "82859NED", "une_rt_m", "80590ned", "85984NED"):          # wholly real tables
        assert not by_table.loc[table, "any"], table
    for ind in ("youth_population", "youth_jobseekers", "youth_jobseeker_rate", "ww_benefits", "early_school_leavers",
                "early_school_leaver_rate", "youth_benefit_share_2005_2013", "youth_unemployment_rate",
                "unemployment_rate", "population"):
        assert not _rows(obs, ind)["is_demo"].any(), ind                 # CBS's real totals and jobseekers
    for ind in ("neet_count", "neet_share", "youth_benefit_share", "youth_ww_benefits"):
        assert _rows(obs, ind)["is_demo"].all(), ind                     # demo counts (on real youth totals)
    for table, entry in sources.items():
        expected = sorted(s for (t, s), demo in raw.items() if t == table and demo)
        assert sorted(entry["demo_slices"]) == expected, table
        assert entry["is_demo"] == bool(expected)
        assert {s["slice"]: s["is_demo"] for s in entry["slices"]} == {s: d for (t, s), d in raw.items() if t == table}
    assert store.manifest["is_demo"] is True
    demo_slices = sorted(f"{t}/{s}" for (t, s), demo in raw.items() if demo)
    assert sorted(store.manifest["demo_slices"]) == demo_slices
    assert all(d in store.manifest["demo_notice"] for d in demo_slices)


def test_a_series_is_real_or_demo_never_a_mix(obs: pd.DataFrame, store: Store) -> None:
    mixed = obs.groupby("indicator")["is_demo"].nunique()
    assert (mixed == 1).all(), mixed[mixed > 1]
    assert store.manifest["set_aside"] == []              # nothing shipped needs setting aside
    for ind, levels in store.manifest["series"].items():
        for level, series in levels.items():
            rows = _rows(obs, ind, level)
            assert series["is_demo"] == bool(rows["is_demo"].any()), (ind, level)
            assert series["tables"] == sorted(set(rows["source_table"]))
            assert series["derivation"] == sorted(set(rows.loc[rows["value"].notna(), "derivation"]))


def test_attributions_credit_only_the_publisher_of_real_figures(store: Store, sources: dict[str, dict]) -> None:
    """'Bron: CBS' only on genuine CBS figures, 'Bron: Eurostat' on Eurostat's; demo says so itself and never credits
    CBS ('Bron: CBS ... demo' must not exist)."""
    for table, src in sources.items():
        for sl in src["slices"]:
            text = sl["attribution"]
            if sl["is_demo"]:
                assert text.startswith("Demo — geen CBS-cijfers / demo — not CBS figures"), sl
                assert "Bron:" not in text
            elif table == "une_rt_m":
                assert text.startswith("Bron: Eurostat") and "Bron: CBS" not in text and "emo" not in text
            elif src["kind"] == "geometry":
                assert text.startswith("Grenzen: CBS/PDOK")
            else:
                assert text.startswith(f"Bron: CBS, tabel {table}") and "emo" not in text, sl
        if not src["is_demo"]:
            assert "emo" not in src["attribution"]
    assert store.manifest["attribution"].startswith("Bron: CBS") and "emo" not in store.manifest["attribution"]
    for meta in store.indicators:
        for part in meta["sources"]:
            text = part["attribution"]
            assert text.startswith("Demo") == part["is_demo"], (meta["id"], part)
            if not part["is_demo"]:
                publisher = "Eurostat" if part["table_id"] == "une_rt_m" else "CBS"
                assert part["publisher"] == publisher and text.startswith(f"Bron: {publisher}"), (meta["id"], part)
            else:
                assert "Bron: CBS" not in text
        assert meta["is_demo"] == any(p["is_demo"] for p in meta["sources"])


def test_period_start_is_the_reference_date(obs: pd.DataFrame) -> None:
    """Youth years describe October (86087NED, 82859NED), so they line up with monthly series; labels stay '2023'."""
    youth = obs[obs["source_table"].isin(["86087NED", "86223NED", "82859NED"])]
    assert (youth["period_start"].dt.month == 10).all() and (youth["period_start"].dt.day == 1).all()
    assert (youth["period"] == youth["period_start"].dt.year.astype(str)).all()
    yearly = obs[(obs["source_table"].isin(["80590ned", "85984NED"])) & (obs["frequency"] == "year")]
    assert (yearly["period_start"].dt.month == 1).all()                # annual averages, 1 January population
    school = obs[obs["frequency"] == "school_year"]
    assert (school["period_start"].dt.month == 10).all() and set(school["source_table"]) == {"84780NED"}
    monthly = obs[obs["frequency"] == "month"]
    assert (monthly["period_start"].dt.day == 1).all()
    assert (monthly["period"] == monthly["period_start"].dt.strftime("%YMM%m")).all()


def test_values_in_domain(obs: pd.DataFrame) -> None:
    assert (obs["value"].dropna() >= 0).all()
    assert (obs.loc[obs["unit"] == "percent", "value"].dropna() <= 100).all()
    assert (obs.loc[obs["unit"] == "per_1000", "value"].dropna() <= 1000).all()


@pytest.mark.parametrize("indicator_id", list(SCALE))
def test_rate_is_scale_times_numerator_over_denominator(obs: pd.DataFrame, indicator_id: str) -> None:
    rows = _rows(obs, indicator_id).dropna(subset=["value"])
    count_id, scale = SCALE[indicator_id]
    assert len(rows) > 0
    np.testing.assert_allclose(rows["value"], scale * rows["numerator"] / rows["denominator"], rtol=1e-12)
    if count_id:                                 # the count indicator shows the numerator the rate was made of
        counts = _rows(obs, count_id).set_index(["region_code", "period"])["value"]
        both = rows.set_index(["region_code", "period"])["numerator"]
        assert (counts.reindex(both.index) == both).all()


# --- how each region's figure was made ------------------------------------------------------------------------
def test_derivation_says_how_a_figure_was_made(obs: pd.DataFrame, sources: dict[str, dict]) -> None:
    """Gemeenten: published, or carried (a gemeente of today holding former gemeenten); a level the table does not
    give itself: summed; carrying only by the tables whose gemeenten are of their own period."""
    assert set(obs["derivation"]) <= {"published", "carried", "summed"}
    gm = obs[obs["region_level"] == "gemeente"]
    assert set(gm["derivation"]) <= {"published", "carried"}
    carried = gm[gm["derivation"] == "carried"]
    assert set(carried["source_table"]) == set(CARRYING_TABLES)
    for table in CARRYING_TABLES:                 # every carried gemeente is in the manifest, with where it came from
        listed = sources[table]["carried_onto_today"]
        assert set(carried.loc[carried["source_table"] == table, "region_code"]) <= set(listed)
        assert all(entry["from"] for entry in listed.values())
    assert "GM0457" in " ".join(sources["84780NED"]["carried_onto_today"]["GM0363"]["from"])   # Weesp -> Amsterdam
    for (table, level), rows in obs.groupby(["source_table", "region_level"]):
        if level not in OWN_LEVELS[table]:
            assert (rows["derivation"] == "summed").all(), (table, level)


def _members(store: Store, level: str) -> pd.Series:
    gm = store.regions[store.regions["region_level"] == "gemeente"].set_index("region_code")
    return gm["parent_code" if level == "arbeidsmarktregio" else "rmc_code"]


def _incomplete_gemeenten(sources: dict[str, dict]) -> set[tuple[str, str, str]]:
    """(table, gemeente, period) the manifest lists as incomplete (holding part of a split gemeente)."""
    return {(t, i["region"], i["period"]) for t, s in sources.items() for i in s.get("incomplete", [])}


@pytest.mark.parametrize(("indicator_id", "level"), [(i, lvl) for i in COUNT_INDICATORS for lvl in REGION_LEVELS
                                                     if lvl in indicator(i).levels])
def test_summed_regions_are_the_sum_of_their_gemeenten(obs: pd.DataFrame, store: Store, sources: dict[str, dict],
                                                      indicator_id: str, level: str) -> None:
    """A summed region is exactly the sum of today's gemeenten in it where each has a count.  Where one has none,
    the region has none either ('incomplete'), unless that gemeente only lacks its count because it holds part of a
    split gemeente whose parts all lie in this region (the manifest names it): then the region is the whole sum."""
    parent = _members(store, level)
    gm = _rows(obs, indicator_id, "gemeente").assign(region=lambda f: f["region_code"].map(parent))
    split = _incomplete_gemeenten(sources)
    regions = _rows(obs, indicator_id, level)
    summed = regions[regions["derivation"] == "summed"].set_index(["region_code", "period"])
    grouped = gm.groupby(["region", "period"])
    total = grouped["value"].sum(min_count=1)
    missing = grouped["value"].apply(lambda s: int(s.isna().sum()))
    members = parent.value_counts()
    present = grouped["region_code"].nunique()
    checked = 0
    for (region, period), row in summed.iterrows():
        key = (region, period)
        complete = key in missing.index and missing[key] == 0 and present[key] == members[region]
        if complete:
            assert row["value"] == total[key], (indicator_id, region, period, row["value"], total[key])
            checked += 1
        elif pd.notna(row["value"]):
            holes = gm[(gm["region"] == region) & (gm["period"] == period) & gm["value"].isna()]
            assert len(holes) and all((row["source_table"], h, period) in split for h in holes["region_code"]), \
                (indicator_id, region, period)
            assert row["value"] >= total.get(key, 0)
        else:
            assert row["flag"] in MISSING_FLAGS
    if len(summed):
        assert checked > 0


@pytest.mark.parametrize("indicator_id", COUNT_INDICATORS)
def test_a_region_with_gemeenten_in_the_table_is_never_silently_absent(obs: pd.DataFrame, store: Store,
                                                                       indicator_id: str) -> None:
    """For every period: each arbeidsmarktregio and RMC region one of whose gemeenten has a row has a row itself (a
    value, or the reason it has none), whether CBS gives that level or the build sums it."""
    gm = _rows(obs, indicator_id, "gemeente")
    for level in REGION_LEVELS:
        if level not in indicator(indicator_id).levels:
            continue
        parent = _members(store, level)
        expected = set(zip(gm["region_code"].map(parent), gm["period"], strict=True))
        rows = _rows(obs, indicator_id, level)
        have = set(zip(rows["region_code"], rows["period"], strict=True))
        lacking = sorted(expected - have)
        assert not lacking, f"{indicator_id} {level}: {len(lacking)} region-periods absent, e.g. {lacking[:3]}"


@pytest.mark.parametrize(("indicator_id", "level"), [("youth_population", "arbeidsmarktregio"),
                                                     ("neet_count", "arbeidsmarktregio"),
                                                     ("early_school_leavers", "rmc")])
def test_cbs_region_figures_are_within_rounding_of_their_gemeenten(obs: pd.DataFrame, store: Store,
                                                                  sources: dict[str, dict], indicator_id: str,
                                                                  level: str) -> None:
    """A region CBS gives itself is kept only where it agrees with the sum of today's gemeenten within rounding:
    each of the n summed counts and CBS's own off by at most unit/2 (n counts former gemeenten carried in)."""
    rows = _rows(obs, indicator_id, level)
    table = rows["source_table"].iloc[0]
    unit = next(s for s in SOURCES if s.table_id == table).rounding[level].unit
    parent = _members(store, level)
    carried = sources[table].get("carried_onto_today", {})
    terms = parent.groupby(parent).size() + parent.index.map(lambda g: len(carried.get(g, {}).get("from", []))
                                                             ).to_series(index=parent.index).groupby(parent).sum()
    gm = _rows(obs, indicator_id, "gemeente").assign(region=lambda f: f["region_code"].map(parent))
    grouped = gm.groupby(["region", "period"])["value"]
    total, complete = grouped.sum(min_count=1), grouped.apply(lambda s: s.notna().all())
    published = rows[(rows["derivation"] == "published") & rows["value"].notna()].set_index(["region_code", "period"])
    assert len(published) > 0
    compared = 0
    for (region, period), row in published.iterrows():
        if complete.get((region, period), False):
            assert abs(row["value"] - total[(region, period)]) <= unit / 2 * (terms[region] + 1), (region, period)
            compared += 1
        assert row["value"] % unit == 0                                    # published rounded, as CBS does
    assert compared > 0


def test_replaced_region_figures_are_the_sums_in_every_count(obs: pd.DataFrame, sources: dict[str, dict]) -> None:
    """A region-period whose CBS figure was replaced (the region was other gemeenten then) takes every count from
    the sum: the count shown and both sides of its rate are the sums, never CBS's figure of another area."""
    replaced = [(c["level"], r) for c in sources["84780NED"]["region_checks"] for r in c["replaced"]]
    assert replaced                                               # MC regions whose gemeenten changed: exercised
    rate = _rows(obs, "early_school_leaver_rate").set_index(["region_code", "period"])
    count = _rows(obs, "early_school_leavers").set_index(["region_code", "period"])
    for _, r in replaced:
        key = (r["region"], r["period"])
        assert count.loc[key, "value"] == r["leavers_sum"], key
        assert (rate.loc[key, "numerator"], rate.loc[key, "denominator"]) == (r["leavers_sum"], r["participants_sum"])
        assert rate.loc[key, "derivation"] == count.loc[key, "derivation"] == "summed"


def test_manifest_region_checks_add_up(sources: dict[str, dict]) -> None:
    for table in ("84780NED", "86087NED"):
        checks = sources[table]["region_checks"]
        assert checks and {c["level"] for c in checks} <= OWN_LEVELS[table] - {"gemeente"}
        for c in checks:
            assert c["compared"] == c["equal"] + len(c["replaced"])
            assert re.fullmatch(r"\|CBS - som\| <= \d+/2 x \(aantal gemeenten \+ 1\)", c["tolerance"])


def test_population_sums_up(obs: pd.DataFrame, store: Store) -> None:
    pop = _rows(obs, "population").set_index("region_code")["value"]
    gm = pop[pop.index.str.startswith("GM")]
    assert len(gm) == 342
    for level in REGION_LEVELS:
        parent = _members(store, level)
        regions = _rows(obs, "population", level).set_index("region_code")["value"]
        assert len(regions) == {"arbeidsmarktregio": 35, "rmc": 40}[level]
        assert (gm.groupby(gm.index.map(parent)).sum() == regions.reindex(sorted(regions.index))).all()
        assert regions.sum() == gm.sum()
    assert pop["NL01"] == gm.sum() == 17_942_942


# --- genuine figures ---------------------------------------------------------------------------------
def test_population_is_the_genuine_total(obs: pd.DataFrame) -> None:
    """85984NED is genuine: Nederland is the sum of the 342 gemeenten in the raw file (CBS: 17,942,942)."""
    raw = json.loads(next(RAW.glob("85984NED/gemeenten/*/stripped_filtered_data_2024.json")).read_text("utf-8"))
    total = sum(v["AantalInwoners_5"] for k, v in raw.items() if k.strip().startswith("GM"))
    rows = obs[(obs["indicator"] == "population") & (obs["region_code"] == "NL01")]
    assert rows["value"].tolist() == [total] and not rows["is_demo"].any()


def test_indicators_json_matches_store(built_store: Path, obs: pd.DataFrame) -> None:
    meta = json.loads((built_store / "indicators.json").read_text(encoding="utf-8"))
    for m in meta:
        rows = _rows(obs, m["id"])
        assert m["frequencies"] == sorted(set(rows["frequency"]))
        publishers = {p["publisher"] for p in m["sources"]}
        if publishers == {"Eurostat"}:
            assert m["licence"].startswith("Eurostat") and m["attribution"].startswith("Bron: Eurostat")
        else:
            assert m["licence"] == "CC BY 4.0"
        for level, rounding in m["rounding"].items():         # summed_from says a level is summed from gemeenten
            valued = rows[(rows["region_level"] == level) & rows["value"].notna()]
            assert (rounding["summed_from"] == "gemeente") == bool(len(valued) and (valued["derivation"] == "summed").all())
