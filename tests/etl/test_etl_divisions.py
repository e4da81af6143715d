"""Counts onto today's division (etl.transform.divisions): carrying former gemeenten, summing gemeenten into regions,
checking CBS's own region figures.  Every expectation here is worked out by hand on a tiny made-up division:

    Nederland NL01
      AM01 = GM0001 + GM0002            MC01 = GM0001 + GM0002 + GM0003
      AM02 = GM0003 + GM0004            MC02 = GM0004
    GM0001 was formed in 2020 by merging GM0101 (X) and GM0102 (Y);
    GM0201 (S) existed until 2018 and was split over GM0002 (AM01) and GM0003 (AM02), both in MC01.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.transform.divisions import (
    CARRIED,
    PUBLISHED,
    SUMMED,
    DivisionError,
    Geography,
    reconcile,
    regroup,
    same_basis,
)
from etl.transform.indicators import make_rows

REGIONS = pd.DataFrame({
    "region_code": ["NL01", "AM01", "AM02", "MC01", "MC02", "GM0001", "GM0002", "GM0003", "GM0004"],
    "region_name": ["Nederland", "Een", "Twee", "R-een", "R-twee", "A", "B", "C", "D"],
    "region_level": ["land", "arbeidsmarktregio", "arbeidsmarktregio", "rmc", "rmc", "gemeente", "gemeente",
                     "gemeente", "gemeente"],
    "parent_code": [None, "NL01", "NL01", "NL01", "NL01", "AM01", "AM01", "AM02", "AM02"],
    "rmc_code": [None, None, None, None, None, "MC01", "MC01", "MC01", "MC02"],
})
TODAY = ["GM0001", "GM0002", "GM0003", "GM0004"]
GEO_TODAY = Geography(REGIONS)                                   # no history: every table on today's gemeenten
GEO = Geography(
    REGIONS,
    successors={"GM0101": ("GM0001",), "GM0102": ("GM0001",), "GM0201": ("GM0002", "GM0003")},
    former_names={"GM0101": "X", "GM0102": "Y", "GM0201": "S"},
    lifetimes={"GM0101": (None, 2019), "GM0102": (None, 2019), "GM0201": (None, 2018), "GM0001": (2020, None)},
)
LEVELS = ("gemeente", "arbeidsmarktregio", "rmc", "land")


def counts(cells: dict[tuple[str, str], float | None], roles: tuple[str, ...] = ("n",),
           flag: str = "not available") -> pd.DataFrame:
    """One row per (region, year): each role the same value (None: missing, with ``flag``)."""
    rows = []
    for (region, year), value in cells.items():
        row = {"region": region, "period": year, "period_start": pd.Timestamp(f"{year}-10-01"), "frequency": "year",
               "status": "definitief", "source_table": "T", "is_demo": False, "derivation": PUBLISHED}
        for role in roles:
            row[role] = np.nan if value is None else float(value)
            row[f"{role}_flag"] = flag if value is None else None
        rows.append(row)
    return pd.DataFrame(rows)


def by_region(frame: pd.DataFrame, year: str) -> pd.DataFrame:
    return frame[frame["period"] == year].set_index("region")


def assert_value(frame: pd.DataFrame, region: str, value: float, derivation: str, role: str = "n") -> None:
    row = frame.loc[region]
    assert row[role] == value and pd.isna(row[f"{role}_flag"]), (region, row[role], row[f"{role}_flag"])
    assert row["derivation"] == derivation, (region, row["derivation"])


def assert_incomplete(frame: pd.DataFrame, region: str, role: str = "n") -> None:
    row = frame.loc[region]
    assert math.isnan(row[role]) and row[f"{role}_flag"] == "incomplete", (region, row[role], row[f"{role}_flag"])


# --- today's gemeenten ----------------------------------------------------------------------------------------
def test_todays_gemeenten_count_for_themselves_and_their_regions() -> None:
    table = counts({("GM0001", "2023"): 1, ("GM0002", "2023"): 20, ("GM0003", "2023"): 300, ("GM0004", "2023"): 4000})
    out = {lvl: by_region(regroup(table, ["n"], GEO_TODAY, lvl, None, "T").counts, "2023") for lvl in LEVELS}
    for code, value in zip(TODAY, (1, 20, 300, 4000), strict=True):
        assert_value(out["gemeente"], code, value, PUBLISHED)
    assert_value(out["arbeidsmarktregio"], "AM01", 21, SUMMED)
    assert_value(out["arbeidsmarktregio"], "AM02", 4300, SUMMED)
    assert_value(out["rmc"], "MC01", 321, SUMMED)
    assert_value(out["rmc"], "MC02", 4000, SUMMED)
    assert_value(out["land"], "NL01", 4321, SUMMED)
    assert out["rmc"].loc["MC01", "terms"] == 3 and out["land"].loc["NL01", "terms"] == 4
    assert (out["land"]["source_table"] == "T").all() and not out["land"]["is_demo"].any()


def test_a_parent_with_an_absent_child_is_incomplete_never_short() -> None:
    """GM0002 sends no row at all: its arbeidsmarktregio, RMC region and Nederland have no value, flag 'incomplete'."""
    table = counts({("GM0001", "2023"): 1, ("GM0003", "2023"): 300, ("GM0004", "2023"): 4000})
    out = {lvl: by_region(regroup(table, ["n"], GEO_TODAY, lvl, None, "T").counts, "2023") for lvl in LEVELS}
    assert "GM0002" not in out["gemeente"].index                 # nothing is invented for the absent gemeente
    assert_incomplete(out["arbeidsmarktregio"], "AM01")
    assert_incomplete(out["rmc"], "MC01")
    assert_incomplete(out["land"], "NL01")
    assert_value(out["arbeidsmarktregio"], "AM02", 4300, SUMMED)   # the regions it is not in are complete
    assert_value(out["rmc"], "MC02", 4000, SUMMED)


def test_a_missing_count_makes_its_regions_incomplete_and_a_role_none_has_stays_absent() -> None:
    table = counts({("GM0001", "2023"): 1, ("GM0002", "2023"): None, ("GM0003", "2023"): 300,
                    ("GM0004", "2023"): 4000})
    table["m"] = np.nan                                           # a role no gemeente has, nor a reason for
    table["m_flag"] = None
    am = by_region(regroup(table, ["n", "m"], GEO_TODAY, "arbeidsmarktregio", None, "T").counts, "2023")
    assert_incomplete(am, "AM01")
    assert am.loc["AM02", "n"] == 4300
    assert am["m"].isna().all() and am["m_flag"].isna().all()     # absent, not 'incomplete'


def test_all_gemeenten_missing_for_one_reason_give_that_reason() -> None:
    table = counts({(code, "2010"): None for code in TODAY}, flag="not available")
    am = by_region(regroup(table, ["n"], GEO_TODAY, "arbeidsmarktregio", None, "T").counts, "2010")
    assert am["n"].isna().all() and (am["n_flag"] == "not available").all()


# --- former gemeenten ---------------------------------------------------------------------------------------
def test_a_merged_former_gemeente_is_carried() -> None:
    """2019: X and Y (merged into GM0001 in 2020) are carried onto GM0001; from 2020 GM0001 is as published."""
    table = counts({("GM0101", "2019"): 10, ("GM0102", "2019"): 4, ("GM0002", "2019"): 20, ("GM0003", "2019"): 300,
                    ("GM0004", "2019"): 4000, ("GM0001", "2020"): 15, ("GM0002", "2020"): 21,
                    ("GM0003", "2020"): 301, ("GM0004", "2020"): 4001})
    result = regroup(table, ["n"], GEO, "gemeente", "period", "T")
    y2019, y2020 = by_region(result.counts, "2019"), by_region(result.counts, "2020")
    assert sorted(y2019.index) == TODAY and sorted(y2020.index) == TODAY
    assert_value(y2019, "GM0001", 14, CARRIED)
    assert_value(y2019, "GM0002", 20, PUBLISHED)
    assert_value(y2020, "GM0001", 15, PUBLISHED)
    assert result.carried == {"GM0001": {"name": "A", "from": ["X (GM0101)", "Y (GM0102)"], "periods": "2019"}}
    assert result.incomplete == []
    am = by_region(regroup(table, ["n"], GEO, "arbeidsmarktregio", "period", "T").counts, "2019")
    assert_value(am, "AM01", 34, SUMMED)
    nl = regroup(table, ["n"], GEO, "land", "period", "T").counts.set_index("period")
    assert nl.loc["2019", "n"] == 4334 and nl.loc["2020", "n"] == 4338


def test_a_merged_gemeente_whose_former_part_is_absent_is_incomplete() -> None:
    """2019: Y (GM0102) existed but the table sends no row for it: GM0001 of today would hold X alone, so it is
    incomplete, and so are its regions; never silently short."""
    table = counts({("GM0101", "2019"): 10, ("GM0002", "2019"): 20, ("GM0003", "2019"): 300, ("GM0004", "2019"): 4000})
    out = {lvl: by_region(regroup(table, ["n"], GEO, lvl, "period", "T").counts, "2019") for lvl in LEVELS}
    assert_incomplete(out["gemeente"], "GM0001")
    assert_incomplete(out["arbeidsmarktregio"], "AM01")
    assert_incomplete(out["rmc"], "MC01")
    assert_incomplete(out["land"], "NL01")
    assert_value(out["arbeidsmarktregio"], "AM02", 4300, SUMMED)


def test_a_split_whose_parts_lie_in_one_region_sums_there_but_each_part_is_incomplete() -> None:
    """2018: S (GM0201) was split over GM0002 (AM01) and GM0003 (AM02), both in MC01.  Its counts cannot be divided:
    GM0002 and GM0003 are incomplete that year (the manifest says why), AM01 and AM02 too; MC01 and Nederland
    hold every part, so they are the exact sums."""
    table = counts({("GM0201", "2018"): 50, ("GM0101", "2018"): 10, ("GM0102", "2018"): 4, ("GM0002", "2018"): 20,
                    ("GM0003", "2018"): 300, ("GM0004", "2018"): 4000})
    result = regroup(table, ["n"], GEO, "gemeente", "period", "T")
    gm = by_region(result.counts, "2018")
    assert_incomplete(gm, "GM0002")
    assert_incomplete(gm, "GM0003")
    assert_value(gm, "GM0001", 14, CARRIED)
    assert_value(gm, "GM0004", 4000, PUBLISHED)
    assert sorted((i["region"], i["period"]) for i in result.incomplete) == [("GM0002", "2018"), ("GM0003", "2018")]
    assert all("S (GM0201)" in i["reason"] and "split" in i["reason"] for i in result.incomplete)
    am = by_region(regroup(table, ["n"], GEO, "arbeidsmarktregio", "period", "T").counts, "2018")
    assert_incomplete(am, "AM01")
    assert_incomplete(am, "AM02")
    rmc = by_region(regroup(table, ["n"], GEO, "rmc", "period", "T").counts, "2018")
    assert_value(rmc, "MC01", 50 + 14 + 20 + 300, SUMMED)
    assert_value(rmc, "MC02", 4000, SUMMED)
    nl = by_region(regroup(table, ["n"], GEO, "land", "period", "T").counts, "2018")
    assert_value(nl, "NL01", 4384, SUMMED)


@pytest.mark.parametrize(("cells", "division", "needles"), [
    ({("GM0101", "2020"): 10}, "period", ["X (GM0101)", "2020", "did not exist"]),          # merged away in 2020
    ({("GM0001", "2019"): 10}, "period", ["A (GM0001)", "2019", "did not exist"]),          # formed in 2020
    ({("GM0101", "2012"): 5, ("GM0001", "2012"): 10}, 2019, ["A (GM0001)", "2012", "division of 2019"]),
])
def test_figures_in_a_year_the_gemeente_did_not_exist_raise(cells: dict, division: object, needles: list[str]) -> None:
    with pytest.raises(DivisionError) as info:
        regroup(counts(cells), ["n"], GEO, "gemeente", division, "T")
    message = str(info.value)
    assert message.startswith("T: ") and "\n" not in message
    for needle in needles:
        assert needle in message


def test_an_empty_row_of_a_gemeente_that_did_not_exist_is_no_error() -> None:
    """CBS lists every code in every year, with empty cells where a gemeente did not exist: those rows go."""
    table = counts({("GM0101", "2020"): None, ("GM0102", "2020"): None, ("GM0001", "2020"): 15,
                    ("GM0002", "2020"): 21, ("GM0003", "2020"): 301, ("GM0004", "2020"): 4001})
    gm = by_region(regroup(table, ["n"], GEO, "gemeente", "period", "T").counts, "2020")
    assert sorted(gm.index) == TODAY and gm.loc["GM0001", "n"] == 15


def test_a_gemeente_code_neither_of_today_nor_former_raises() -> None:
    table = counts({("GM0001", "2023"): 1, ("GM0999", "2023"): 2})
    with pytest.raises(DivisionError, match="GM0999"):
        regroup(table, ["n"], GEO_TODAY, "arbeidsmarktregio", None, "T")


def test_a_demo_role_stays_demo_through_the_sums() -> None:
    table = counts({(code, "2023"): 10 for code in TODAY}, roles=("total", "neet"))
    table["total_demo"] = False
    table["neet_demo"] = True
    table["is_demo"] = True
    am = by_region(regroup(table, ["total", "neet"], GEO_TODAY, "arbeidsmarktregio", None, "T").counts, "2023")
    assert am["neet_demo"].all() and not am["total_demo"].any() and am["is_demo"].all()


# --- CBS's own region figures -------------------------------------------------------------------------------
def region_rows(values: dict[str, float | None], terms: int | None = None, flag: str | None = None,
                derivation: str = PUBLISHED) -> pd.DataFrame:
    """Rows of AM01 for 2023: CBS's own (no ``terms``) or a sum of ``terms`` gemeenten."""
    row: dict[str, object] = {"region": "AM01", "period": "2023", "period_start": pd.Timestamp("2023-10-01"),
                              "frequency": "year", "status": "definitief", "source_table": "T", "is_demo": False,
                              "derivation": derivation}
    for role, value in values.items():
        row[role] = np.nan if value is None else float(value)
        row[f"{role}_flag"] = (flag or "not available") if value is None else None
    if terms is not None:
        row["terms"] = terms
    return pd.DataFrame([row])


@pytest.mark.parametrize(("cbs", "kept"), [(1000 + 250, True), (1000 - 250, True), (1000 + 251, False),
                                           (1000 - 251, False), (1000, True)])
def test_reconcile_keeps_cbs_within_half_a_unit_per_term_and_replaces_it_outside(cbs: float, kept: bool) -> None:
    """Four gemeenten and CBS's own figure, each rounded to 100: they may differ by up to 100/2 x (4 + 1) = 250."""
    out, check = reconcile(region_rows({"n": cbs}), region_rows({"n": 1000}, terms=4, derivation=SUMMED), ["n"], 100,
                           "arbeidsmarktregio")
    row = out.set_index("region").loc["AM01"]
    assert row["n"] == (cbs if kept else 1000)
    assert row["n_derivation"] == (PUBLISHED if kept else SUMMED)
    assert check.compared == 1 and check.kept == int(kept)
    if kept:
        assert check.replaced == []
    else:
        assert check.replaced == [{"region": "AM01", "period": "2023", "n_cbs": float(cbs), "n_sum": 1000.0,
                                   "gemeenten": 4}]
    manifest = check.as_manifest()
    assert manifest["level"] == "arbeidsmarktregio" and manifest["equal"] == int(kept)
    assert manifest["tolerance"] == "|CBS - som| <= 100/2 x (aantal gemeenten + 1)"


def test_reconcile_takes_every_count_from_the_sum_when_one_differs() -> None:
    """A region whose figure is off is made of other gemeenten that year: none of its counts is CBS's then, so a
    rate never divides counts of two different areas."""
    out, check = reconcile(region_rows({"a": 110, "b": 2000}), region_rows({"a": 100, "b": 1000}, terms=3,
                                                                              derivation=SUMMED),
                           ["a", "b"], 10, "arbeidsmarktregio")
    row = out.iloc[0]
    assert (row["a"], row["b"]) == (100, 1000)                     # |110 - 100| <= 20 alone would have kept CBS's a
    assert row["a_derivation"] == row["b_derivation"] == SUMMED
    assert len(check.replaced) == 1 and check.kept == 0


def test_reconcile_fills_from_the_sum_where_cbs_gives_none_and_keeps_cbs_where_the_sum_is_incomplete() -> None:
    given = pd.concat([region_rows({"n": None}), region_rows({"n": 777}).assign(region="AM02")], ignore_index=True)
    sums = pd.concat([region_rows({"n": 500}, terms=2, derivation=SUMMED),
                      region_rows({"n": None}, terms=2, flag="incomplete", derivation=SUMMED).assign(region="AM02")],
                     ignore_index=True)
    out, check = reconcile(given, sums, ["n"], 100, "arbeidsmarktregio")
    out = out.set_index("region")
    assert out.loc["AM01", "n"] == 500 and out.loc["AM01", "n_derivation"] == SUMMED and pd.isna(out.loc["AM01", "n_flag"])
    assert out.loc["AM02", "n"] == 777 and out.loc["AM02", "n_derivation"] == PUBLISHED    # unchecked, kept
    assert check.filled == 1 and check.unchecked == 1 and check.compared == 0


def test_reconcile_keeps_the_reason_of_an_incomplete_sum_where_cbs_has_no_count() -> None:
    """CBS gives the region for another role only; this role's sum is incomplete: the row says 'incomplete', it does
    not lose its reason (a row with neither value nor flag is dropped later, so the region would vanish)."""
    given = region_rows({"total": 5000, "seek": None}, flag=None)
    given["seek_flag"] = None                                    # no observation of this role for the region at all
    sums = region_rows({"total": 5000, "seek": None}, terms=2, derivation=SUMMED)
    sums["seek_flag"] = "incomplete"
    out, _ = reconcile(given, sums, ["total", "seek"], 100, "arbeidsmarktregio")
    row = out.iloc[0]
    assert math.isnan(row["seek"]) and row["seek_flag"] == "incomplete"


def test_an_incomplete_numerator_leaves_cbss_denominator_as_published() -> None:
    """The rate has no value (its numerator's sum is incomplete): the denominator stays CBS's own figure, the same
    number as the region's population row, not the sum of its gemeenten."""
    given = region_rows({"total": 5000, "seek": None}, flag=None)
    given["seek_flag"] = None
    sums = region_rows({"total": 4900, "seek": None}, terms=2, derivation=SUMMED)
    sums["seek_flag"] = "incomplete"
    out, _ = reconcile(given, sums, ["total", "seek"], 100, "arbeidsmarktregio")
    row = same_basis(out, "seek", "total").iloc[0]
    assert row["total"] == 5000 and row["total_derivation"] == PUBLISHED


def test_a_table_on_todays_division_is_short_when_a_gemeente_of_today_is_absent_whatever_else_it_sends() -> None:
    """On today's division only today's gemeenten count: a former code does not stand in for an absent one."""
    table = counts({("GM0101", "2023"): 5, ("GM0002", "2023"): 20, ("GM0003", "2023"): 300, ("GM0004", "2023"): 4000})
    out = by_region(regroup(table, ["n"], GEO, "arbeidsmarktregio", None, "T").counts, "2023")
    assert_incomplete(out, "AM01")
    assert_value(out, "AM02", 4300, SUMMED)


def test_reconcile_adds_the_regions_only_the_sum_has_and_passes_cbs_through_without_sums() -> None:
    out, check = reconcile(region_rows({"n": 300}).iloc[0:0], region_rows({"n": 300}, terms=2, derivation=SUMMED),
                           ["n"], 10, "rmc")
    assert out["n"].tolist() == [300] and out["n_derivation"].tolist() == [SUMMED] and check.compared == 0
    alone, check = reconcile(region_rows({"n": 300}), region_rows({"n": 1}).iloc[0:0], ["n"], 10, "rmc")
    assert alone["n"].tolist() == [300] and alone["n_derivation"].tolist() == [PUBLISHED]


# --- derivation of a value --------------------------------------------------------------------------------------
def test_a_value_is_as_derived_as_the_most_derived_count_it_reads() -> None:
    frame = pd.DataFrame({"region": ["GM0001", "GM0002", "AM01"], "period": "2023",
                          "period_start": pd.Timestamp("2023-10-01"), "frequency": "year", "status": "definitief",
                          "num": [1.0, 2.0, 3.0], "num_flag": None, "den": [10.0, 20.0, 30.0], "den_flag": None,
                          "source_table": "T", "is_demo": False, "derivation": [PUBLISHED, CARRIED, PUBLISHED],
                          "num_derivation": [None, None, PUBLISHED], "den_derivation": [None, None, SUMMED]})
    rows = make_rows(frame, REGIONS, "neet_share", "num", "den", 100.0).set_index("region_code")
    assert rows["derivation"].to_dict() == {"GM0001": PUBLISHED, "GM0002": CARRIED, "AM01": SUMMED}
    counts_only = make_rows(frame, REGIONS, "neet_count", "num", None, 1.0).set_index("region_code")
    assert counts_only.loc["AM01", "derivation"] == PUBLISHED                # reads the published numerator only


# --- properties (hypothesis) ------------------------------------------------------------------------------------
COUNT = st.one_of(st.none(), st.integers(0, 10**6))


def _table(num: list[int | None], den: list[int | None]) -> pd.DataFrame:
    return pd.DataFrame({
        "region": TODAY, "period": "2023", "period_start": pd.Timestamp("2023-10-01"), "frequency": "year",
        "status": "definitief",
        "num": [np.nan if v is None else float(v) for v in num],
        "den": [np.nan if v is None else float(v) for v in den],
        "num_flag": [("confidential" if v is None else None) for v in num],
        "den_flag": [("not available" if v is None else None) for v in den],
        "source_table": "86087NED", "is_demo": True, "derivation": PUBLISHED,
    })


MEMBERS = {"arbeidsmarktregio": {"AM01": [0, 1], "AM02": [2, 3]}, "rmc": {"MC01": [0, 1, 2], "MC02": [3]},
           "land": {"NL01": [0, 1, 2, 3]}}


@settings(max_examples=25, deadline=None)
@given(num=st.lists(COUNT, min_size=4, max_size=4), den=st.lists(COUNT, min_size=4, max_size=4),
       level=st.sampled_from(sorted(MEMBERS)))
def test_regions_are_exact_sums_or_incomplete(num: list[int | None], den: list[int | None], level: str) -> None:
    sums = regroup(_table(num, den), ["num", "den"], GEO_TODAY, level, None, "86087NED").counts
    regions = sums.set_index("region")
    assert sorted(regions.index) == sorted(MEMBERS[level])
    for region, members in MEMBERS[level].items():
        for role, values in (("num", num), ("den", den)):
            part = [values[i] for i in members]
            if any(v is None for v in part):
                if all(v is None for v in part):
                    expected_flag = "confidential" if role == "num" else "not available"
                else:
                    expected_flag = "incomplete"
                assert math.isnan(regions.loc[region, role]) and regions.loc[region, f"{role}_flag"] == expected_flag
            else:
                assert regions.loc[region, role] == sum(part) and pd.isna(regions.loc[region, f"{role}_flag"])
    assert (sums["derivation"] == SUMMED).all()

    rows = make_rows(sums, REGIONS, "neet_share", "num", "den", 100.0)
    assert (rows["value"].isna() == rows["flag"].notna()).all()
    ok = rows.dropna(subset=["value"])
    np.testing.assert_allclose(ok["value"], 100.0 * ok["numerator"] / ok["denominator"], rtol=1e-12)
    assert (ok["denominator"] > 0).all()
    zero = rows[(rows["denominator"] == 0) & rows["numerator"].notna()]
    assert zero["value"].isna().all() and (zero["flag"] == "not available").all()
    assert rows["is_demo"].all() and (rows["source_table"] == "86087NED").all()


@settings(max_examples=15, deadline=None)
@given(num=st.lists(st.integers(0, 10**6), min_size=4, max_size=4), offset=st.integers(-3000, 3000))
def test_cbs_figures_within_rounding_are_kept_and_others_replaced(num: list[int], offset: int) -> None:
    """A region CBS gives itself is never silently replaced: kept within 100/2 x (n + 1) of the sum, else the sum."""
    table = _table(num, num)
    sums = regroup(table, ["num"], GEO_TODAY, "arbeidsmarktregio", None, "86087NED").counts
    given_rows = sums.drop(columns="terms").assign(derivation=PUBLISHED)
    given_rows["num"] = given_rows["num"] + offset
    out, check = reconcile(given_rows, sums, ["num"], 100, "arbeidsmarktregio")
    out = out.set_index("region")
    kept = abs(offset) <= 100 / 2 * (2 + 1)
    for region, members in MEMBERS["arbeidsmarktregio"].items():
        total = sum(num[i] for i in members)
        assert out.loc[region, "num"] == (total + offset if kept else total)
        assert out.loc[region, "num_derivation"] == (PUBLISHED if kept else SUMMED)
    assert check.compared == 2 and check.kept == (2 if kept else 0) and len(check.replaced) == (0 if kept else 2)
