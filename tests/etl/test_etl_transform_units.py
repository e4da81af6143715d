"""Unit and property tests of etl.transform that pin behaviour the golden files do not reach (written against the
survivors of `make mutation`): expectations come from fixtures and independent computations, not copied numbers."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.catalog import Slice, source
from etl.snapshot import Snapshot
from etl.transform.raw import RawShapeError, _parse_flag, _parse_value, read_code_titles, read_observations
from etl.transform.regions import (
    DROP_REASONS,
    NOT_ASSIGNABLE,
    OTHER_LEVEL,
    RETIRED,
    UNKNOWN,
    DroppedRegions,
)
from etl.transform.resolve import ResolvedSlice, filter_text

# --- dropped region codes: merged counts, grouping and the one-line description -----------------------------
DROPPABLE = [f"GM{n:04d}" for n in range(9990, 10000)] + ["PV20", "LD01", "AM04", "AM39"]
REASON = {code: DROP_REASONS[i % len(DROP_REASONS)] for i, code in enumerate(DROPPABLE)}   # one reason per code,
CODES = st.dictionaries(st.sampled_from(DROPPABLE), st.integers(1, 5000), max_size=12).map(     # as in a build
    lambda rows: {code: (REASON[code], n) for code, n in rows.items()})


@given(CODES, CODES)
def test_merging_dropped_codes_adds_their_rows(a: dict, b: dict) -> None:
    merged = DroppedRegions(a).merged(DroppedRegions(b))
    assert set(merged.codes) == set(a) | set(b)
    for code, (reason, rows) in merged.codes.items():
        assert rows == a.get(code, (None, 0))[1] + b.get(code, (None, 0))[1]
        assert reason == REASON[code]
    assert merged.rows == DroppedRegions(a).rows + DroppedRegions(b).rows
    assert DroppedRegions(a).merged(DroppedRegions()).codes == a         # merging nothing changes nothing


@given(CODES)
def test_by_reason_groups_every_code_under_its_reason_in_a_fixed_order(codes: dict) -> None:
    grouped = DroppedRegions(codes).by_reason()
    assert list(grouped) == [r for r in DROP_REASONS if any(reason == r for reason, _ in codes.values())]
    for reason, listed in grouped.items():
        assert listed == sorted(c for c, (r, _) in codes.items() if r == reason)
    assert sorted(c for listed in grouped.values() for c in listed) == sorted(codes)


@given(CODES)
def test_manifest_and_unknown_list_every_code(codes: dict) -> None:
    dropped = DroppedRegions(codes)
    manifest = dropped.as_manifest()
    assert manifest["rows"] == sum(n for _, n in codes.values())
    assert list(manifest["codes"]) == sorted(codes)
    assert all(manifest["codes"][c] == {"reason": r, "rows": n} for c, (r, n) in codes.items())
    assert dropped.unknown == sorted(c for c, (r, _) in codes.items() if r == UNKNOWN)


def test_describe_names_reasons_codes_and_rows_in_one_line() -> None:
    assert DroppedRegions().describe() == ""
    seven = {f"GM999{i}": (UNKNOWN, 1) for i in range(7)}
    dropped = DroppedRegions({"PV20": (OTHER_LEVEL, 1200), "AM04": (RETIRED, 3), **seven})
    expected = ("dropped 9 region code(s), 1,210 rows - " + f"{OTHER_LEVEL}: PV20 (1); {RETIRED}: AM04 (1); "
                f"{UNKNOWN}: GM9990, GM9991, GM9992, GM9993, GM9994, GM9995 ... (7)")
    assert dropped.describe() == expected
    six = DroppedRegions({f"GM999{i}": (NOT_ASSIGNABLE, 2) for i in range(6)})
    assert six.describe() == f"dropped 6 region code(s), 12 rows - {NOT_ASSIGNABLE}: " + ", ".join(
        f"GM999{i}" for i in range(6)) + " (6)"                       # six codes: all shown, no ' ...'


# --- the $filter a fetch sends and a build re-applies -----------------------------------------------------------
def test_filter_text_joins_the_slice_filter_and_the_measures() -> None:
    src = source("85554NED")
    measures = {"M1": "persons", "M2": "other"}
    bare = Slice("bare", {})
    assert filter_text(src, bare, ResolvedSlice({}, measures, ())) == "(Measure eq 'M1' or Measure eq 'M2')"
    sliced = Slice("sliced", {"Geslacht": ("x",)}, region_prefixes=("NL01", "AM"))
    resolved = ResolvedSlice({"Geslacht": ("T001038",)}, {"M1": "persons"}, ("2024JJ00",))
    expected = (f"(Geslacht eq 'T001038') and ({src.region_dim} eq 'NL01' or startswith({src.region_dim},'AM')) "
                "and (Perioden eq '2024JJ00') and (Measure eq 'M1')")
    assert filter_text(src, sliced, resolved) == expected


# --- values and value attributes of v4 observations -------------------------------------------------------------
@pytest.mark.parametrize("value", [None, "", ".", "x", "-", "  ", " x "])
def test_missing_values_are_nan(value: object) -> None:
    assert math.isnan(_parse_value(value, "T"))


@given(st.one_of(st.integers(-10**9, 10**9), st.floats(allow_nan=False, allow_infinity=False)))
def test_numbers_and_numeric_text_are_read_as_floats(number: int | float) -> None:
    parsed = _parse_value(number, "T")
    assert type(parsed) is float and parsed == float(number)
    assert _parse_value(f"  {number!r} ", "T") == float(number)


@pytest.mark.parametrize("value", [True, False, [1], {"v": 1}, "12,5", "abc", math.inf, -math.inf])
def test_values_that_are_not_finite_numbers_raise_naming_the_table(value: object) -> None:
    with pytest.raises(RawShapeError) as info:
        _parse_value(value, "86087NED")
    assert str(info.value).startswith(f"86087NED: value {value!r} is not ")


@pytest.mark.parametrize(("attribute", "flag"), [
    (None, None), ("None", None), ("Confidential", "confidential"), ("NotAvailable", "not available"),
    ("Impossible", "impossible"), ("ValueUnknown", "not available"), ("Unknown", "not available"),
])
def test_value_attributes_map_to_the_store_flags(attribute: str | None, flag: str | None) -> None:
    assert _parse_flag(attribute, "T") == flag


@pytest.mark.parametrize("attribute", ["confidential", "Secret", "", 0])
def test_unknown_value_attributes_raise(attribute: object) -> None:
    with pytest.raises(RawShapeError, match=f"^T: unknown ValueAttribute {attribute!r}$"):
        _parse_flag(attribute, "T")


# --- reading a v4 snapshot: the slice's filter applied again, codes checked -------------------------------------------



WW = source("85554NED")
WW_SLICE = WW.slice("jonger-dan-27")     # Geslacht T001038, Leeftijd 41600, Marges (3); regions NL01 and AM..
DIMS = ["Geslacht", "Leeftijd", "Marges", "RegioS", "Perioden"]


def obs(region: str = "NL01", period: str = "2024MM03", value: object = 10, attribute: str = "None",
        measure: str = "D001908", marges: str = "MW00000", geslacht: str = "T001038") -> dict:
    return {"Measure": measure, "ValueAttribute": attribute, "Value": value, "Geslacht": geslacht,
            "Leeftijd": "41600", "Marges": marges, "RegioS": region, "Perioden": period}


def tiny_snapshot(folder: Path, observations: list[dict], dims: list[str] = DIMS, is_demo: bool = False,
                  status: dict[str, str] | None = None, extra: dict[str, object] | None = None) -> Snapshot:
    """A hand-made 85554NED snapshot in CBS's v4 shapes (dimension and code lists, one observation page)."""
    status = status or {"2024MM03": "Voorlopig", "2024MM02": "Definitief", "2024JJ00": "Definitief"}
    files: dict[str, object] = {
        "dimensions.json": {"value": [{"Identifier": d} for d in dims]},
        "measure-codes.json": {"value": [{"Identifier": "D001908 ", "Title": "Personen met WW"},
                                         {"Identifier": "D999", "Title": "Iets anders"}]},
        "codes-Geslacht.json": {"value": [{"Identifier": "T001038", "Title": "Totaal"}, {"Identifier": "3000"}]},
        "codes-Leeftijd.json": {"value": [{"Identifier": "41600", "Title": "Jonger dan 27 jaar"}]},
        "codes-Marges.json": {"value": [{"Identifier": c} for c in ("MW00000", "MOG0095", "MBG0095")]},
        "codes-Perioden.json": {"value": [{"Identifier": p, "Status": s} for p, s in status.items()]},
        "observations-page-1.json": {"value": observations},
        **(extra or {}),
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, payload in files.items():
        (folder / name).write_text(json.dumps(payload), encoding="utf-8")
    manifest = {"table_id": "85554NED", "is_demo": is_demo, "files": {n: {} for n in files}}
    return Snapshot(folder, manifest)


def test_read_observations_keeps_what_the_slice_asks_for(tmp_path: Path) -> None:
    records = [obs("NL01", value=120), obs("  AM01 ", value="35", attribute="None"),
               obs("AM02", value=None, attribute="Confidential"), obs("AM03", period="2024MM02", value=7.5),
               obs("NL01", marges="MOG0095", value=99), obs("NL01", geslacht="3000", value=98),
               obs("NL01", measure="D999", value=97), obs("PV20", value=96), obs("GM0363", value=95)]
    frame = read_observations(tiny_snapshot(tmp_path / "s", records, is_demo=True), WW, WW_SLICE)
    assert frame["region"].tolist() == ["NL01", "AM01", "AM02", "AM03"]
    assert frame["Value"].tolist()[:2] == [120.0, 35.0] and pd.isna(frame["Value"].iloc[2])
    assert frame["Value"].iloc[3] == 7.5
    assert [f if isinstance(f, str) else None for f in frame["flag"]] == [None, None, "confidential", None]
    assert (frame["role"] == "persons").all() and (frame["Measure"] == "D001908").all()
    assert frame["period"].tolist() == ["2024MM03"] * 3 + ["2024MM02"]
    assert frame["period_start"].tolist() == [pd.Timestamp("2024-03-01")] * 3 + [pd.Timestamp("2024-02-01")]
    assert frame["frequency"].tolist() == ["month"] * 4
    assert frame["status"].tolist() == ["voorlopig"] * 3 + ["definitief"]
    assert (frame["source_table"] == "85554NED").all() and frame["is_demo"].all()
    assert "ValueAttribute" not in frame and "RegioS" not in frame
    assert frame.index.tolist() == [0, 1, 2, 3]
    live = read_observations(tiny_snapshot(tmp_path / "l", records[:1]), WW, WW_SLICE)
    assert not live["is_demo"].any()


def test_yearly_figures_start_in_their_reference_month(tmp_path: Path) -> None:
    snap = tiny_snapshot(tmp_path / "s", [obs(period="2024JJ00")])
    assert read_observations(snap, WW, WW_SLICE)["period_start"].tolist() == [pd.Timestamp("2024-01-01")]
    october = replace(WW, reference_month=10)
    frame = read_observations(snap, october, WW_SLICE)
    assert frame["period_start"].tolist() == [pd.Timestamp("2024-10-01")] and frame["period"].tolist() == ["2024"]
    monthly = read_observations(tiny_snapshot(tmp_path / "m", [obs()]), october, WW_SLICE)
    assert monthly["period_start"].tolist() == [pd.Timestamp("2024-03-01")]      # months keep their own start


def test_read_code_titles_strips_the_codes(tmp_path: Path) -> None:
    snap = tiny_snapshot(tmp_path / "s", [obs()])
    assert list(read_code_titles(snap, WW, "measures")) == ["D001908", "D999"]
    assert read_code_titles(snap, WW, "Marges")["MOG0095"] == {"Identifier": "MOG0095"}


@pytest.mark.parametrize(("change", "message"), [
    (dict(dims=["Geslacht", "Leeftijd", "RegioS", "Perioden"]),
     "85554NED: dimension 'Marges' missing (table has Geslacht, Leeftijd, RegioS, Perioden)"),
    (dict(dims=["Geslacht", "Leeftijd", "Marges", "Perioden"]), "85554NED: dimension 'RegioS' missing"),
    (dict(observations=[]), "85554NED: no observations in s"),
    (dict(observations=[{k: v for k, v in obs().items() if k != "Value"}]), "observation field(s) Value missing"),
    (dict(observations=[{k: v for k, v in obs().items() if k not in ("Marges", "Measure")}]),
     "85554NED: observation field(s) Measure, Marges missing"),
    (dict(observations=[obs(marges="MOG0095")]), "85554NED: no observation matches the slice 'jonger-dan-27' in s"),
    (dict(observations=[obs("AMX1")]), "85554NED: unknown region code 'AMX1'"),
    (dict(observations=[obs(period="2024MM13")]), "85554NED: month out of range in '2024MM13'"),
    (dict(observations=[obs()], status={"2024MM03": "Herzien"}), "85554NED: unknown period status 'Herzien'"),
    (dict(observations=[obs(attribute="Secret")]), "85554NED: unknown ValueAttribute 'Secret'"),
    (dict(observations=[obs(value="n/a")]), "85554NED: value 'n/a' is not a number"),
    (dict(observations=[obs()], extra={"observations-page-1.json": [obs()]}),
     "85554NED: observations-page-1.json is not an OData response with a 'value' list"),
    (dict(observations=[obs()], extra={"dimensions.json": {"value": "Geslacht"}}),
     "85554NED: dimensions is not an OData response with a 'value' list"),
])
def test_raw_shape_errors_name_the_table_and_what_is_wrong(tmp_path: Path, change: dict, message: str) -> None:
    kwargs = {"observations": [obs()], **change}
    snap = tiny_snapshot(tmp_path / "s", **kwargs)
    with pytest.raises(RawShapeError) as info:
        read_observations(snap, WW, WW_SLICE)
    assert message in str(info.value)


def test_an_unknown_period_status_counts_as_final(tmp_path: Path) -> None:
    frame = read_observations(tiny_snapshot(tmp_path / "s", [obs()], status={"2024MM02": "Definitief"}), WW, WW_SLICE)
    assert frame["status"].tolist() == ["definitief"]            # a period the code list does not know: no status
