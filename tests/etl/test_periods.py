"""Period arithmetic and short period names, worked by hand: every step back in time (a year, half a year, the year
before the corona crisis) and every short label in the tables and small charts comes from these functions."""

from __future__ import annotations

import pytest

from dashboard.ui.i18n import period_label, period_label_short, period_tick
from etl.transform.periods import (
    PeriodError,
    PeriodLabel,
    parse_period_title,
    pre_corona_period,
    read_label,
    school_year_ending,
    shift_period,
)


@pytest.mark.parametrize(("text", "expected"), [
    ("2023", PeriodLabel(2023, "year")), ("2023KW02", PeriodLabel(2023, "quarter", 2)),
    ("2023MM10", PeriodLabel(2023, "month", 10)), ("2023HJ01", PeriodLabel(2023, "half_year", 1)),
    ("2022/2023", PeriodLabel(2022, "school_year", next_year=2023)),
    ("2023-10-01", PeriodLabel(2023, "day", 10, day=1)),                 # an API bound
    ("2023MM1", None), ("23", None), ("2023 ", None), ("", None),
])
def test_read_label(text, expected):
    assert read_label(text) == expected


@pytest.mark.parametrize(("period", "years", "months", "expected"), [
    ("2024", 1, 0, "2023"), ("2024", 3, 0, "2021"), ("2023/2024", 1, 0, "2022/2023"),
    ("2026MM04", 0, 6, "2025MM10"), ("2026MM04", 1, 0, "2025MM04"), ("2026MM01", 0, 1, "2025MM12"),
    ("2026MM12", 0, 1, "2026MM11"), ("2026MM01", 1, 0, "2025MM01"),
    ("2026KW02", 0, 6, "2025KW04"), ("2024KW02", 0, 3, "2024KW01"), ("2024KW01", 1, 0, "2023KW01"),
    ("2024KW01", 0, 6, "2023KW03"), ("2024KW01", 0, 4, None),
    ("2025HJ01", 0, 6, "2024HJ02"), ("2025HJ02", 1, 0, "2024HJ02"), ("2025HJ01", 0, 12, "2024HJ01"),
    ("2025HJ01", 0, 3, None),
    ("2024", 0, 6, None), ("2023/2024", 0, 6, None), ("2023-10-01", 1, 0, None), ("nonsense", 1, 0, None),
    (None, 1, 0, None),
])
def test_shift_period(period, years, months, expected):
    assert shift_period(period, years=years, months=months) == expected


@pytest.mark.parametrize(("period", "expected"), [
    ("2024", "2019"), ("2020", "2019"), ("2023/2024", "2018/2019"), ("2019/2020", "2018/2019"),
    ("2026MM06", "2019MM06"), ("2026KW03", "2019KW03"), ("2019", None), ("2018/2019", None), ("x", None),
])
def test_pre_corona_is_the_same_period_in_2019(period, expected):
    assert pre_corona_period(period) == expected


@pytest.mark.parametrize(("period", "expected"), [
    ("2023", "2022/2023"), (2023, "2022/2023"), ("2000", "1999/2000"), ("2023MM10", "2022/2023"),
])
def test_school_year_ending_in_the_youth_year(period, expected):
    assert school_year_ending(period) == expected


@pytest.mark.parametrize(("period", "expected"), [("2023", "2022"), (2017, "2016"), ("2000", "1999")])
def test_a_year_earlier_of_a_year_given_as_text_or_number(period, expected):
    assert shift_period(period, years=1) == expected


@pytest.mark.parametrize(("period", "lang", "expected"), [
    ("2024", "nl", "2024"), ("2022/2023", "nl", "2022/23"), ("2009/2010", "en", "2009/10"),
    ("2025MM10", "nl", "okt 2025"), ("2025MM10", "en", "Oct 2025"),
    ("2025MM03", "nl", "mrt 2025"),                      # not "maa": the abbreviation the small charts use
    ("2025MM03", "en", "Mar 2025"), ("2025MM05", "nl", "mei 2025"),
])
def test_short_labels_for_tables(period, lang, expected):
    assert period_label_short(period, None, lang) == expected


@pytest.mark.parametrize("period", ["2024KW02", "2024HJ01"])
def test_quarters_and_half_years_keep_their_full_label_in_tables(period):
    for lang in ("nl", "en"):
        assert period_label_short(period, None, lang) == period_label(period, None, lang)


@pytest.mark.parametrize(("period", "lang", "expected"), [
    ("2024", "nl", "2024"), ("2023/2024", "nl", "2023/24"), ("2026MM06", "nl", "jun '26"),
    ("2026MM06", "en", "Jun '26"), ("2026MM03", "nl", "mrt '26"), ("2026KW02", "nl", "K2 '26"),
    ("2026KW02", "en", "Q2 '26"), ("2005MM01", "en", "Jan '05"), ("2024HJ01", "nl", "2024"),
])
def test_ticks_of_small_charts(period, lang, expected):
    assert period_tick(period, lang) == expected


# --- period titles as CBS's and Eurostat's downloads write them -----------------------------------------------------

@pytest.mark.parametrize(("title", "code", "status"), [
    ("2005", "2005JJ00", None), ("2005 ", "2005JJ00", None), (" 2019 ", "2019JJ00", None),
    ("2023*", "2023JJ00", "voorlopig"), ("2023**", "2023JJ00", "nader voorlopig"),
    ("2012/'13", "2012SJ13", None), ("2012/2013", "2012SJ13", None), ("2022/'23*", "2022SJ23", "voorlopig"),
    ("2013 januari", "2013MM01", None), ("2024  november", "2024MM11", None), ("2013 Januari", "2013MM01", None),
    ("2013 mei*", "2013MM05", "voorlopig"), ("2020 december**", "2020MM12", "nader voorlopig"),
    ("2023 1e kwartaal", "2023KW01", None), ("2023 4e kwartaal**", "2023KW04", "nader voorlopig"),
    ("2021-12", "2021MM12", None), ("2021-01", "2021MM01", None),
])
def test_a_download_title_reads_as_cbs_code_and_status(title, code, status):
    assert parse_period_title(title) == (code, status)


@pytest.mark.parametrize(("title", "reason"), [
    ("", None), ("   ", None), ("2019***", None), ("2013 jan", None), ("2013 januari 1", None),
    ("2023 5e kwartaal", None), ("2023 13e kwartaal", None), ("19", None), ("2021-12*", None),
    ("2012/'14", "must end with the next year's two digits"), ("2021-13", "month out of range"),
    ("2021-00", "month out of range"),
])
def test_a_title_cbs_would_not_write_is_refused_with_its_text(title, reason):
    with pytest.raises(PeriodError) as raised:
        parse_period_title(title)
    message = str(raised.value)
    assert message.startswith(f"unknown period title {title!r}")
    if reason is None:
        assert message == f"unknown period title {title!r}"
    else:
        assert reason in message
