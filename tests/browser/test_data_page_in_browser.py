"""/data in a real browser: loads without console errors; the preview count follows the indicator choice.

Uses the ``app_url`` and ``page`` fixtures of tests/browser/conftest.py (Playwright + Debian's Chromium).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from browsersupport import console_errors, wait_for_page


def _count(page) -> str:
    return page.inner_text("#data-count").strip()


def _rows(store: Path, indicators: tuple[str, ...]) -> int:
    """The rows the preview must count, straight from the store."""
    obs = pd.read_parquet(store / "observations.parquet")
    return int((obs["indicator"].isin(indicators) & (obs["region_level"] == "arbeidsmarktregio")).sum())


def test_data_page_preview_follows_the_indicator(app_url, page, built_store):
    page.goto(f"{app_url}data?indicator=neet_share&level=arbeidsmarktregio")
    wait_for_page(page, "#data-count p")
    before = _count(page)
    assert re.match(rf"^{_rows(built_store, ('neet_share',))} rijen", before), before
    assert page.locator("#data-preview table tbody tr").count() == 10
    csv_href = page.get_attribute("#data-download-csv", "href")
    assert csv_href == "/api/v1/observations.csv?indicator=neet_share&level=arbeidsmarktregio"

    page.click("#data-indicator")                                 # open the multi-select, add a second indicator
    page.get_by_role("option", name=re.compile(r"\(population\)")).click()
    page.keyboard.press("Escape")
    page.wait_for_function("prev => document.querySelector('#data-count').innerText.trim() !== prev", arg=before)
    after = _count(page)
    n = _rows(built_store, ("neet_share", "population"))
    assert re.match(rf"^{n} rijen · 2 indicatoren · 35 regio's", after), after    # + population for 35 regions
    page.wait_for_function("() => location.search.includes('indicator=neet_share,population')")  # replaceState
    assert page.get_attribute("#data-download-csv", "href") == \
        "/api/v1/observations.csv?indicator=neet_share,population&level=arbeidsmarktregio"

    page.click("#data-dialect")                                   # the dialect goes into the link and the URL
    page.get_by_role("option", name=re.compile("^Excel NL")).click()
    page.wait_for_function("() => document.querySelector('#data-download-csv').href.includes('format=excel-nl')")
    page.wait_for_function("() => location.search.includes('format=excel-nl')")

    response = page.request.get(app_url.rstrip("/") + page.get_attribute("#data-download-csv", "href"))
    assert response.status == 200
    body = response.body().decode("utf-8-sig")
    assert body.count("\r\n") == n + 1                            # header + the rows the preview counted
    assert console_errors(page) == []
