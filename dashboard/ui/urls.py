"""Every link the app writes, built in one place: pages in a language, API queries, anchors."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

API_PREFIX = "/api/v1"


def last_value(value: Any) -> str:
    """A query parameter as one stripped string: the last one when repeated, "" when absent."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value).strip() if value is not None else ""


def lang_query(lang: str) -> str:
    """``"?lang=en"`` for English, ``""`` for Dutch (the default, left out of URLs)."""
    return "?lang=en" if lang == "en" else ""


def page_href(path: str, lang: str, anchor: str = "") -> str:
    """A page of the app in ``lang``: ``/methode?lang=en#methode-sources``."""
    return path + lang_query(lang) + (f"#{anchor}" if anchor else "")


def region_href(code: str, lang: str) -> str:
    """The profile page of a region: ``/regio/GM0363``."""
    return page_href(f"/regio/{code}", lang)


def explorer_view_href(level: str, code: str, lang: str) -> str:
    """The explorer at ``level`` with one region selected."""
    return f"/verkennen?niveau={level}&regio={code}" + ("&lang=en" if lang == "en" else "")


def need_index_csv_href(level: str, period: str, weights: str | None = None, normalisation: str | None = None,
                        seed: int | None = None, draws: int | None = None) -> str:
    """The need index as CSV for a level and period; with ``weights`` (``neet_share:2,...``), the index of that
    weighting, normalisation, seed and draws (the /prioriteit page's) instead of the published one."""
    if weights is None:
        return f"{API_PREFIX}/need-index.csv?" + urlencode({"level": level, "period": period})
    query = {"period": period, "weights": weights, "normalisation": normalisation, "level": level, "seed": seed,
             "draws": draws}
    return f"{API_PREFIX}/need-index.csv?" + urlencode(query, safe=":,")
