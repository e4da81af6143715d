"""Download links for an observations query: CSV, Excel (NL) and a zip with metadata.

For any chart or table that shows store observations::

    download_links({"indicator": "neet_share", "level": "gemeente", "region": ["GM0363"]}, lang)

``params`` uses the API's parameter names (``indicator``, ``level``, ``region``, ``period_from``,
``period_to``; lists or comma-separated strings); other keys are ignored. The links point at /api/v1, which
validates the query, so the file is exactly the rows the query selects.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from dash import html

from dashboard.data.observation_query import ObservationQuery
from dashboard.ui.i18n import t
from dashboard.ui.urls import API_PREFIX as PREFIX


def download_urls(params: Mapping[str, Any]) -> dict[str, str]:
    """``{"csv", "excel", "zip", "json"}`` -> API URL for the same query."""
    query = ObservationQuery.from_params(params)
    standard, excel = replace(query, dialect="standard"), replace(query, dialect="excel-nl")
    return {
        "csv": standard.url(f"{PREFIX}/observations.csv"),
        "excel": excel.url(f"{PREFIX}/observations.csv"),
        "zip": query.url(f"{PREFIX}/observations.zip"),
        "json": query.url(f"{PREFIX}/observations.json", with_format=False),
    }


def download_links(params: Mapping[str, Any], lang: str) -> html.Div:
    """A small group of links: "Download: CSV · Excel (NL) · Zip met metadata"."""
    urls = download_urls(params)
    links: list[Any] = [html.Span(t("data.links.label", lang) + ": ", className="download-links-label")]
    for i, key in enumerate(("csv", "excel", "zip")):
        if i:
            links.append(html.Span(" · ", **{"aria-hidden": "true"}))
        links.append(html.A(t(f"data.links.{key}", lang), href=urls[key], className=f"download-link download-{key}",
                            rel="nofollow"))
    return html.Div(links, className="download-links", role="group", **{"aria-label": t("data.links.group", lang)})
