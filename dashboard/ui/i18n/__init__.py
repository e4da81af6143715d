"""All user-facing text, Dutch and English, and the formatting of numbers and periods.

Every module in this package exposes ``TEXT = {"nl": {...}, "en": {...}}`` with keys
prefixed by its area (``overview.title``); :func:`t` merges them all.  Dutch is the
reference language: a key missing in English falls back to Dutch, then to the key itself.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
import re
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from dashboard.data.rounding import display_round
from etl.transform.periods import read_label

LANGUAGES = ("nl", "en")
DEFAULT_LANG = "nl"
MISSING = "–"                      # en dash: shown for suppressed or missing values, never 0

_DECIMALS = {"percent": 1, "per_1000": 1, "persons": 0}
_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
           "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
}
_MONTHS_SHORT = {"nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
                 "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")}


def normalise_lang(lang: Any) -> str:
    """``"en"`` (any case, or a list from a repeated query parameter) -> "en"; anything else -> "nl"."""
    if isinstance(lang, (list, tuple)):
        lang = lang[-1] if lang else None
    return "en" if str(lang or "").strip().lower() == "en" else DEFAULT_LANG


@lru_cache(maxsize=1)
def _catalogue() -> MappingProxyType:
    """Every ``TEXT`` of the modules in this package, merged per language (read-only)."""
    merged: dict[str, dict[str, str]] = {lang: {} for lang in LANGUAGES}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for lang, texts in getattr(module, "TEXT", {}).items():
            clash = set(texts) & set(merged.setdefault(lang, {}))
            if clash:
                raise ValueError(f"i18n key(s) defined twice ({info.name}): {sorted(clash)[:3]}")
            merged[lang].update(texts)
    return MappingProxyType({lang: MappingProxyType(texts) for lang, texts in merged.items()})


def has_text(key: str, lang: str = DEFAULT_LANG) -> bool:
    return key in _catalogue().get(normalise_lang(lang), {})


def t(key: str, lang: str = DEFAULT_LANG, **fmt: Any) -> str:
    """The text for ``key`` in ``lang`` (falling back to Dutch, then the key), formatted with ``fmt``.

    Plurals: when ``fmt`` has a count ``n`` equal to 1 and ``<key>.one`` exists, that text is used
    ("1 regio geselecteerd" next to "{n} regio's geselecteerd"); Dutch and English need no other forms.
    """
    texts = _catalogue()
    if not isinstance(lang, str) or lang not in texts:
        lang = normalise_lang(lang)
    if _is_one(fmt.get("n")):
        one = f"{key}.one"
        if one in texts[lang] or one in texts[DEFAULT_LANG]:
            key = one
    text = texts[lang].get(key) or texts[DEFAULT_LANG].get(key) or key
    return text.format(**fmt) if fmt else text


def _is_one(count: Any) -> bool:
    try:
        return count is not None and not isinstance(count, bool) and float(count) == 1
    except (TypeError, ValueError):
        return False


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError):
        return True


def fmt_number(value: Any, lang: str = DEFAULT_LANG, decimals: int = 1) -> str:
    """1234.5 -> "1.234,5" (nl) or "1,234.5" (en); NaN/None -> "–"; rounded by :func:`display_round`."""
    if _is_missing(value):
        return MISSING
    text = f"{display_round(value, decimals):,.{decimals}f}"
    if text[0] == "-":
        if float(text.replace(",", "")) == 0:
            return _dutch(text[1:], lang)                  # no "-0,0"
        return _dutch(text, lang).replace("-", "−")        # proper minus sign
    return _dutch(text, lang)


def _dutch(text: str, lang: str) -> str:
    """``text`` with Dutch separators (1.234,5) unless ``lang`` is English."""
    if lang == "en" or (lang != DEFAULT_LANG and normalise_lang(lang) == "en"):
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def unit_decimals(unit: str) -> int:
    return _DECIMALS.get(unit, 1)


def unit_label(unit: str, lang: str = DEFAULT_LANG) -> str:
    """"%", "per 1.000" / "per 1,000", "personen" / "persons"."""
    return t(f"common.unit.{unit}", lang)


def fmt_value(value: Any, unit: str, lang: str = DEFAULT_LANG, decimals: int | None = None) -> str:
    """A value with its unit: "12,3%", "45,6 per 1.000", "1.234"; missing -> "–"."""
    if _is_missing(value):
        return MISSING
    lang = lang if lang in LANGUAGES else normalise_lang(lang)
    number = fmt_number(value, lang, unit_decimals(unit) if decimals is None else decimals)
    return number + _suffixes(unit, lang)[0]


def fmt_change(delta: Any, unit: str, lang: str = DEFAULT_LANG) -> str:
    """A signed difference: "+0,4 procentpunt", "−3,1 per 1.000", "+120"."""
    if _is_missing(delta):
        return MISSING
    lang = lang if lang in LANGUAGES else normalise_lang(lang)
    number = fmt_number(abs(float(delta)), lang, unit_decimals(unit))
    sign = "" if number.strip("0,.") == "" else ("+" if float(delta) > 0 else "−")
    return f"{sign}{number}{_suffixes(unit, lang)[1]}"


@lru_cache(maxsize=64)
def _suffixes(unit: str, lang: str) -> tuple[str, str]:
    """What follows a value and a change in ``unit`` ("%" and " procentpunt"); looked up once per unit and language."""
    if unit == "percent":
        return "%", " " + t("common.unit.percent_point", lang)
    if unit == "per_1000":
        return (" " + unit_label(unit, lang),) * 2
    return "", ""


def period_label(period: str, frequency: str | None = None, lang: str = DEFAULT_LANG) -> str:
    """Store period -> readable: "2023KW02" -> "2e kwartaal 2023" / "Q2 2023"; "2023MM10" -> "oktober 2023";
    "2022/2023" -> "schooljaar 2022/'23" / "school year 2022/23"; "2023HJ01" -> "1e halfjaar 2023"."""
    lang = normalise_lang(lang)
    try:
        return _period_label(period, frequency, lang)
    except TypeError:                                    # an unhashable period: not one of ours
        return _period_label.__wrapped__(period, frequency, lang)


@lru_cache(maxsize=4096)
def _period_label(period: Any, frequency: str | None, lang: str) -> str:
    """:func:`period_label` for a normalised language (a pure function of its arguments, so kept)."""
    label = read_label(str(period or ""))
    if label is None or label.kind == "day":
        return str(period)
    year = f"{label.year:04d}"
    if label.kind == "school_year":
        return t("common.period.school_year", lang, start=year, end2=f"{label.next_year:04d}"[2:])
    if label.kind == "quarter":
        return t("common.period.quarter", lang, year=year, n=label.number)
    if label.kind == "month":
        return f"{_MONTHS[lang][label.number - 1]} {year}"
    if label.kind == "half_year":
        return t("common.period.half_year", lang, year=year, n=label.number)
    return year


def period_label_short(period: str, frequency: str | None = None, lang: str = DEFAULT_LANG) -> str:
    """For tables: "2024", "2022/23", "okt 2025" / "Oct 2025"; quarters and half years as :func:`period_label`."""
    label = read_label(str(period or ""))
    if label is not None and label.kind == "school_year":
        return f"{label.year:04d}/{label.next_year % 100:02d}"
    if label is not None and label.kind == "month":
        return f"{_MONTHS_SHORT[normalise_lang(lang)][label.number - 1]} {label.year:04d}"
    return period_label(period, frequency, lang)


def period_tick(period: str, lang: str = DEFAULT_LANG) -> str:
    """For a small chart's axis: "2024", "2023/24", "jun '26" / "Jun '26", "K2 '26" / "Q2 '26"."""
    label = read_label(str(period or ""))
    if label is None:
        return str(period)[:4]
    if label.kind == "school_year":
        return f"{label.year:04d}/{label.next_year % 100:02d}"
    if label.kind == "month":
        return f"{_MONTHS_SHORT[normalise_lang(lang)][label.number - 1]} '{label.year % 100:02d}"
    if label.kind == "quarter":
        return f"{'Q' if normalise_lang(lang) == 'en' else 'K'}{label.number} '{label.year % 100:02d}"
    return f"{label.year:04d}"


def plotly_separators(lang: str = DEFAULT_LANG) -> str:
    """Plotly ``layout.separators``: decimal then thousands; ",." (Dutch) or ".," (English)."""
    return ",." if normalise_lang(lang) == "nl" else ".,"


def flag_reason(flag: str | None, lang: str = DEFAULT_LANG) -> str:
    """Why a value is missing, from the store's ``flag`` (confidential, not available, ...)."""
    if not flag:
        return t("common.flag.missing", lang)
    return t("common.flag." + str(flag).replace(" ", "_"), lang)


def fmt_date(iso: str | None, lang: str = DEFAULT_LANG) -> str:
    """"2024-03-05T10:00:00Z" -> "5 maart 2024" / "5 March 2024"; empty -> "–"."""
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", str(iso or ""))
    if not m:
        return MISSING
    year, month, day = int(m[1]), int(m[2]), int(m[3])
    if not 1 <= month <= 12:
        return str(iso)
    return f"{day} {_MONTHS[normalise_lang(lang)][month - 1]} {year}"
