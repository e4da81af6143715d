"""The address bar shows what is on screen, and Back steps back through a page's own changes (/prioriteit as
/verkennen): in Chromium."""

from __future__ import annotations

from browsersupport import console_errors, wait_for_page
from playwright.sync_api import Page


def test_a_broken_link_is_replaced_by_what_is_shown(page: Page, app_url: str):
    page.goto(app_url + "verkennen?indicator=bogus&regio=AM01,XX99")
    wait_for_page(page, "#explorer-url-notice")
    page.wait_for_function("() => !location.search.includes('bogus')")
    assert "indicator=neet_share" in page.evaluate("location.search") and "XX99" not in page.evaluate("location.search")
    assert "bestaat niet" in page.locator("#explorer-url-notice").inner_text()
    page.wait_for_timeout(500)
    assert page.locator("#explorer-url-notice").is_visible()           # it stays while the page shows the link's view
    page.locator("#explorer-level input[value=rmc]").check()            # the reader's own change: the notice is past
    page.wait_for_function("() => location.search.includes('niveau=rmc')")
    page.wait_for_selector("#explorer-url-notice", state="hidden")
    page.go_back()
    page.wait_for_function("() => !location.search.includes('niveau=rmc')")
    page.go_back()                                    # the broken link was replaced, not kept as a step back
    assert "bogus" not in page.evaluate("location.href")
    assert console_errors(page) == []


def test_priority_changes_are_steps_in_the_history(page: Page, app_url: str):
    page.goto(app_url + "prioriteit")
    wait_for_page(page, "#priority-level")
    page.wait_for_selector("#priority-ranking .rank-row", timeout=60_000)
    start = page.evaluate("history.length")
    page.locator("#priority-level input[value=rmc]").check()
    page.wait_for_function("() => location.search.includes('niveau=rmc')", timeout=60_000)
    assert page.evaluate("history.length") == start + 1
    page.go_back()
    page.wait_for_function("() => !location.search.includes('niveau=rmc')", timeout=60_000)
    page.wait_for_function("() => document.querySelector('#priority-level input[value=arbeidsmarktregio]').checked",
                           timeout=60_000)
    assert console_errors(page) == []


TABLES = ("#priority-table", "#priority-sensitivity-table")
CAPTIONS = ("() => [...document.querySelectorAll('#priority-table caption, #priority-sensitivity-table caption')]"
            ".map(c => c.textContent)")


def _tables_show(page: Page, year: str) -> None:
    """Both on-request tables open and built for ``year`` (their captions name it)."""
    page.wait_for_function(f"() => {{ const c = ({CAPTIONS})(); return c.length === 2 && "
                           f"c.every(t => t.includes('{year}')); }}", timeout=30_000)
    for table in TABLES:
        assert page.locator(f"{table}-details").evaluate("d => d.open"), table
        assert page.locator(f"{table} tbody tr").count() >= 25, table


def test_priority_open_tables_follow_the_year_and_come_back_open(page: Page, app_url: str):
    """The ranking and sensitivity tables, opened, follow a change of year; Back shows the year before, with both
    tables open again (and built for that year)."""
    page.goto(app_url + "prioriteit")
    wait_for_page(page, "#priority-ranking .rank-row")
    for table in TABLES:
        assert page.locator(f"{table} table").count() == 0         # built only when opened
        page.locator(f"{table}-details > summary").click()
    _tables_show(page, "2023")
    assert page.locator("#priority-period input[value='2023']").is_checked()
    start = page.evaluate("history.length")
    page.locator("#priority-period input[value='2022']").check()
    page.wait_for_function("() => location.search.includes('periode=2022')", timeout=30_000)
    _tables_show(page, "2022")
    assert page.evaluate("history.length") == start + 1
    page.go_back()
    page.wait_for_function("() => !location.search.includes('periode=2022')", timeout=30_000)
    page.wait_for_function("() => document.querySelector(\"#priority-period input[value='2023']\").checked",
                           timeout=30_000)
    _tables_show(page, "2023")
    assert not page.locator("#priority-period input[value='2022']").is_checked()
    assert console_errors(page) == []
