"""Parsing of CBS codes in one place: periods, period status, region codes, region titles."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from etl.transform.periods import PeriodError, parse_period, parse_status
from etl.transform.regions import RegionCodeError, clean_region_title, parse_region_code, region_level


@pytest.mark.parametrize(("code", "label", "start", "frequency"), [
    ("2023JJ00", "2023", date(2023, 1, 1), "year"),
    ("2023KW01", "2023KW01", date(2023, 1, 1), "quarter"),
    ("2023KW02", "2023KW02", date(2023, 4, 1), "quarter"),
    ("2023KW04", "2023KW04", date(2023, 10, 1), "quarter"),
    ("2023MM01", "2023MM01", date(2023, 1, 1), "month"),
    ("2023MM10", "2023MM10", date(2023, 10, 1), "month"),
    ("2023MM12", "2023MM12", date(2023, 12, 1), "month"),
    ("2023HJ02", "2023HJ02", date(2023, 7, 1), "half_year"),
    ("2022SJ23", "2022/2023", date(2022, 10, 1), "school_year"),
    ("1999SJ00", "1999/2000", date(1999, 10, 1), "school_year"),
    ("  2023JJ00 ", "2023", date(2023, 1, 1), "year"),          # v3 pads codes with spaces
    ("2023MM10    ", "2023MM10", date(2023, 10, 1), "month"),
])
def test_parse_period_valid(code: str, label: str, start: date, frequency: str) -> None:
    period = parse_period(code)
    assert (period.code, period.label, period.start, period.frequency) == (code.strip(), label, start, frequency)


@pytest.mark.parametrize("code", [
    "2023KW05", "2023KW00", "2023MM13", "2023MM00", "2023JJ01", "2022SJ25", "2022SJ22", "2023HJ03",
    "2023X000",                          # a kind the regex knows but the parser does not support
    "abc", "", "   ", None, "2023", "23JJ00", "2023jj00", "2023JJ0", "2023JJ000", "2023 JJ00", "2023QQ01",
])
def test_parse_period_invalid(code: str | None) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(code)  # type: ignore[arg-type]
    message = str(info.value)
    assert repr(code) in message and "\n" not in message


def test_period_error_is_a_value_error() -> None:
    assert issubclass(PeriodError, ValueError)


@given(year=st.integers(1900, 2099), kind=st.sampled_from(["JJ", "KW", "MM", "HJ", "SJ"]),
       num=st.integers(0, 99), pad_left=st.integers(0, 3), pad_right=st.integers(0, 6))
def test_parse_period_properties(year: int, kind: str, num: int, pad_left: int, pad_right: int) -> None:
    """Every code either parses to a consistent period or raises PeriodError; padding never matters."""
    code = f"{year}{kind}{num:02d}"
    valid = {"JJ": num == 0, "KW": 1 <= num <= 4, "MM": 1 <= num <= 12, "HJ": num in (1, 2),
             "SJ": num == (year + 1) % 100}[kind]
    if not valid:
        with pytest.raises(PeriodError):
            parse_period(" " * pad_left + code + " " * pad_right)
        return
    period = parse_period(" " * pad_left + code + " " * pad_right)
    assert period == parse_period(code)
    assert period.code == code
    assert period.start.year == year
    if kind == "JJ":
        assert period.label == str(year) and period.start == date(year, 1, 1)
    elif kind == "SJ":
        assert period.label == f"{year}/{year + 1}" and period.start == date(year, 10, 1)
    else:
        assert period.label == code
        months_per_unit = {"KW": 3, "MM": 1, "HJ": 6}[kind]
        assert period.start == date(year, months_per_unit * (num - 1) + 1, 1)


@given(st.lists(st.sampled_from(["2023JJ00", "2022JJ00", "2023KW01", "2023KW03", "2023MM02", "2023MM11"]),
                min_size=2, max_size=6, unique=True))
def test_period_starts_sort_like_codes_within_a_frequency(codes: list[str]) -> None:
    periods = [parse_period(c) for c in codes]
    for freq in {p.frequency for p in periods}:
        same = [p for p in periods if p.frequency == freq]
        assert sorted(same, key=lambda p: p.start) == sorted(same, key=lambda p: p.code)


@pytest.mark.parametrize(("status", "expected"), [
    ("Definitief", "definitief"), ("Voorlopig", "voorlopig"), ("NaderVoorlopig", "nader voorlopig"),
    ("Nader voorlopig", "nader voorlopig"), ("  voorlopig ", "voorlopig"), ("DEFINITIEF", "definitief"),
    (None, "definitief"), ("", "definitief"),
])
def test_parse_status(status: str | None, expected: str) -> None:
    assert parse_status(status) == expected


@pytest.mark.parametrize("status", ["Demo", "Revised", "voorlopig2", "Nadervoorlopig?"])
def test_parse_status_unknown(status: str) -> None:
    with pytest.raises(PeriodError, match="unknown period status"):
        parse_status(status)


@pytest.mark.parametrize(("code", "expected", "level"), [
    ("GM0363", "GM0363", "gemeente"),
    ("GM0363    ", "GM0363", "gemeente"),           # v3 pads to 10 characters
    ("  GM0014", "GM0014", "gemeente"),
    ("AM15", "AM15", "arbeidsmarktregio"),
    ("AM15      ", "AM15", "arbeidsmarktregio"),
    ("NL01", "NL01", "land"),
    ("NL01  ", "NL01", "land"),
    ("PV27", "PV27", "provincie"),
    ("LD03", "LD03", "landsdeel"),
    ("CR01", "CR01", "corop"),
])
def test_parse_region_code(code: str, expected: str, level: str) -> None:
    assert parse_region_code(code) == expected
    assert region_level(code) == level


@pytest.mark.parametrize("code", [
    "", "   ", None, "GM", "GM1", "GM03634", "gm0363", "XX0363", "WK036300", "BU03630000", "GM03 63", "GM0363X",
    "0363", "Amsterdam", "RE01",
])
def test_parse_region_code_invalid(code: str | None) -> None:
    with pytest.raises(RegionCodeError) as info:
        parse_region_code(code)  # type: ignore[arg-type]
    assert repr(code) in str(info.value)


@given(prefix=st.sampled_from(["GM", "AM", "NL", "PV", "LD", "CR"]), digits=st.integers(0, 9999),
       width=st.integers(2, 4), left=st.integers(0, 4), right=st.integers(0, 8))
def test_region_code_padding_is_stripped(prefix: str, digits: int, width: int, left: int, right: int) -> None:
    code = f"{prefix}{digits % 10 ** width:0{width}d}"
    assert parse_region_code(" " * left + code + " " * right) == code


@pytest.mark.parametrize(("title", "expected"), [
    ("Noord-Holland Noord (AM)", "Noord-Holland Noord"),
    ("Groot Amsterdam (AM)  ", "Groot Amsterdam"),
    ("  Groningen (PV)", "Groningen"),
    ("Noord-Nederland (LD)", "Noord-Nederland"),
    ("Utrecht (gemeente)", "Utrecht"),
    ("Rijnmond (CR)", "Rijnmond"),
    ("Amsterdam", "Amsterdam"),
    ("  Amsterdam    ", "Amsterdam"),
    ("Bergen (L.)", "Bergen (L.)"),               # gemeente names keep their own parentheses
    ("Bergen (NH.)", "Bergen (NH.)"),
    ("Hengelo (O.)", "Hengelo (O.)"),
    ("Stedendriehoek en Noordwest Veluwe (AM)", "Stedendriehoek en Noordwest Veluwe"),
    ("", ""),
    (None, ""),
])
def test_clean_region_title(title: str | None, expected: str) -> None:
    assert clean_region_title(title) == expected  # type: ignore[arg-type]
