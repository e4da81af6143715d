"""Unit and property tests of etl.transform that pin behaviour the golden files do not reach (written against the
survivors of `make mutation`): expectations come from fixtures and independent computations, not copied numbers."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.catalog import Slice, source
from etl.transform.raw import RawShapeError, _parse_flag, _parse_value
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
