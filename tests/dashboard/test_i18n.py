"""Texts and number/period formatting (dashboard.ui.i18n)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dashboard.ui.i18n import (
    MISSING,
    common,
    fmt_change,
    fmt_date,
    fmt_number,
    fmt_value,
    methode,
    normalise_lang,
    overview,
    period_label,
    plotly_separators,
    t,
)


@pytest.mark.parametrize(("value", "lang", "decimals", "expected"), [
    (1234.5, "nl", 1, "1.234,5"),
    (1234.5, "en", 1, "1,234.5"),
    (1234567.891, "nl", 2, "1.234.567,89"),
    (1234567.891, "en", 0, "1,234,568"),
    (0.05, "nl", 1, "0,1"),
    (12, "nl", 0, "12"),
    (-3.25, "nl", 1, "−3,3"),            # the one display rounding: half away from zero; a real minus sign
    (6.25, "nl", 1, "6,3"), (6.25, "en", 1, "6.3"), (2.675, "en", 2, "2.68"), (-0.04, "nl", 1, "0,0"),
    (-0.04, "nl", 1, "0,0"),             # no "-0,0"
])
def test_fmt_number(value, lang, decimals, expected):
    assert fmt_number(value, lang, decimals) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), "n/a"])
def test_missing_numbers_are_a_dash_never_zero(missing):
    assert fmt_number(missing, "nl") == MISSING
    assert fmt_value(missing, "percent", "en") == MISSING
    assert fmt_change(missing, "percent", "nl") == MISSING


@given(st.floats(min_value=-1e9, max_value=1e9, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_dutch_and_english_formats_are_the_same_number(value, decimals):
    nl, en = fmt_number(value, "nl", decimals), fmt_number(value, "en", decimals)
    as_float_nl = float(nl.replace(".", "").replace(",", ".").replace("−", "-"))
    as_float_en = float(en.replace(",", "").replace("−", "-"))
    assert as_float_nl == as_float_en
    assert math.isclose(as_float_en, value, abs_tol=0.5 * 10 ** -decimals + 1e-9 * abs(value))


def test_fmt_value_units():
    assert fmt_value(12.34, "percent", "nl") == "12,3%"
    assert fmt_value(12.34, "percent", "en") == "12.3%"
    assert fmt_value(45.67, "per_1000", "nl") == "45,7 per 1.000"
    assert fmt_value(45.67, "per_1000", "en") == "45.7 per 1,000"
    assert fmt_value(12345.0, "persons", "nl") == "12.345"
    assert fmt_value(12345.0, "persons", "en") == "12,345"


def test_fmt_change_has_sign_and_unit():
    assert fmt_change(0.44, "percent", "nl") == "+0,4 procentpunt"
    assert fmt_change(-1.26, "per_1000", "en") == "−1.3 per 1,000"
    assert fmt_change(0.01, "percent", "nl") == "0,0 procentpunt"    # rounds to zero: no sign


@pytest.mark.parametrize(("period", "frequency", "nl", "en"), [
    ("2023", "year", "2023", "2023"),
    ("2023KW02", "quarter", "2e kwartaal 2023", "Q2 2023"),
    ("2023MM10", "month", "oktober 2023", "October 2023"),
    ("2023MM01", None, "januari 2023", "January 2023"),
    ("2022/2023", "school_year", "schooljaar 2022/'23", "school year 2022/23"),
    ("2023HJ02", "half_year", "2e halfjaar 2023", "H2 2023"),
    ("weird", None, "weird", "weird"),
])
def test_period_label(period, frequency, nl, en):
    assert period_label(period, frequency, "nl") == nl
    assert period_label(period, frequency, "en") == en


def test_plotly_separators():
    assert plotly_separators("nl") == ",."
    assert plotly_separators("en") == ".,"
    assert plotly_separators("fr") == ",."       # anything else is Dutch


def test_fmt_date():
    assert fmt_date("2024-03-05T10:00:00Z", "nl") == "5 maart 2024"
    assert fmt_date("2024-03-05", "en") == "5 March 2024"
    assert fmt_date(None, "nl") == MISSING
    assert fmt_date("x", "en") == MISSING


def test_normalise_lang():
    assert normalise_lang("en") == "en"
    assert normalise_lang("EN ") == "en"
    assert normalise_lang(["nl", "en"]) == "en"
    assert normalise_lang(None) == "nl"
    assert normalise_lang("de") == "nl"


def test_t_merges_modules_falls_back_to_dutch_then_key():
    assert t("common.nav.overview", "nl") == "Overzicht"
    assert t("common.nav.overview", "en") == "Overview"
    assert t("brief.position", "en", rank=3, of=35) == "Position 3 of 35 with a figure (1 = highest)"
    assert t("no.such.key", "en") == "no.such.key"


def test_t_falls_back_to_dutch_for_a_missing_english_text(monkeypatch):
    import dashboard.ui.i18n as i18n

    fake = {"nl": {"x.only_dutch": "alleen Nederlands"}, "en": {}}
    monkeypatch.setattr(i18n, "_catalogue", lambda: fake)
    assert i18n.t("x.only_dutch", "en") == "alleen Nederlands"


@pytest.mark.parametrize("module", [common, overview, methode])
def test_every_text_exists_in_both_languages(module):
    assert set(module.TEXT["nl"]) == set(module.TEXT["en"])
    area = module.__name__.rsplit(".", 1)[-1]
    assert all(key.startswith(area + ".") for key in module.TEXT["nl"])


def test_demo_banner_names_the_demo_and_the_real_figures():
    from pagesupport import texts, to_plain

    from dashboard.ui.components.demo_banner import demo_banner

    indicators = [{"id": "a", "title_nl": "Alfa", "title_en": "Alpha", "is_demo": True},
                  {"id": "b", "title_nl": "Beta", "title_en": "Beta", "is_demo": False},
                  {"id": "c", "title_nl": "Gamma", "title_en": "Gamma", "is_demo": True}]
    nl = texts(to_plain(demo_banner(indicators, "nl")))
    assert "gegenereerd en niet van CBS: Alfa; Gamma." in nl and "Echte CBS-cijfers: Beta." in nl
    en = to_plain(demo_banner(indicators, "en"))
    assert "not from CBS: Alpha; Gamma." in texts(en) and "Real CBS figures: Beta." in texts(en)
    assert "etl refresh" not in json.dumps(en)                  # no developer's command for a board member
    assert "2 of 3 figures are demo." in texts(en) and "2 van 3 cijfers zijn demo." in nl      # a phone's line
    assert demo_banner([{**i, "is_demo": False} for i in indicators], "nl") is None        # nothing demo, no banner
