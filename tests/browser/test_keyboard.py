"""Keyboard users reach what mouse users click: the comparison table's sort, the chart toolbars (one Tab stop each,
arrow keys inside), and every focused control shows the 3 px ring."""

from __future__ import annotations

from browsersupport import wait_for_page
from playwright.sync_api import Page

ACTIVE = """() => { const e = document.activeElement; const s = getComputedStyle(e);
  return {cls: String(e.className), width: s.outlineWidth, style: s.outlineStyle, label: e.getAttribute('aria-label')}; }"""


def _tab_until(page: Page, cls: str, limit: int = 80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if cls in active["cls"]:
            return active
    raise AssertionError(f"Tab never reached .{cls}")


def test_the_comparison_table_sorts_from_the_keyboard(page: Page, app_url: str):
    page.goto(app_url + "verkennen?regio=AM15,AM01")
    wait_for_page(page)
    details = page.locator("#explorer-table-details summary")
    details.focus()
    page.keyboard.press("Enter")                           # the table is built when opened
    page.wait_for_selector(".dash-spreadsheet td", state="attached", timeout=30_000)
    active = _tab_until(page, "column-header--sort")
    assert active["width"] == "3px" and active["style"] == "solid" and active["label"].startswith("Sorteer op")
    first = page.eval_on_selector_all(".dash-spreadsheet tbody tr td:first-child", "ns => ns.map(n => n.textContent)")
    page.keyboard.press("Enter")
    page.wait_for_function("(before) => document.querySelector('.dash-spreadsheet tbody tr td').textContent !== before",
                           arg=next(c for c in first if c), timeout=10_000)
    codes = page.eval_on_selector_all(".dash-spreadsheet tbody tr td:first-child", "ns => ns.map(n => n.textContent)")
    codes = [c for c in codes if c]
    assert codes == sorted(codes)                          # sorted by the first column (code), ascending


def test_a_chart_toolbar_is_one_tab_stop_and_arrows_move_inside(page: Page, app_url: str):
    page.goto(app_url + "verkennen?regio=AM15")
    wait_for_page(page)
    page.locator("#explorer-map-details > summary").focus()       # focus inside a chart: Plotly's charts come
    page.wait_for_selector("#explorer-map .modebar-btn", state="attached", timeout=30_000)
    page.locator("#explorer-add-peers").focus()                      # Tab on from the last control, to the map's
    page.wait_for_function("() => document.querySelectorAll('.modebar-btn[data-roving]').length > 0", timeout=10_000)
    per_bar = page.evaluate("""() => Array.from(document.querySelectorAll('.modebar')).map(bar =>
        Array.from(bar.querySelectorAll('.modebar-btn')).filter(b => b.tabIndex >= 0).length)""")
    assert per_bar and all(n == 1 for n in per_bar)
    active = _tab_until(page, "modebar-btn")
    assert active["width"] == "3px"
    first = page.evaluate("() => document.activeElement.getAttribute('data-title')")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("() => document.activeElement.getAttribute('data-title')") != first
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("() => document.activeElement.getAttribute('data-title')") == first


def test_a_dropdown_shows_the_same_focus_ring(page: Page, app_url: str):
    page.goto(app_url + "verkennen")
    wait_for_page(page, "button.dash-dropdown")
    active = _tab_until(page, "dash-dropdown")
    assert (active["width"], active["style"]) == ("3px", "solid")


def test_tab_moves_on_from_a_sort_button_of_the_comparison_table(page: Page, app_url: str):
    """No keyboard trap (WCAG 2.1.2): from a sort button, Tab reaches the next sort button and on to the region
    links, Shift+Tab goes back (the DataTable took Tab for its own cell navigation and focus stayed put)."""
    page.goto(app_url + "verkennen?regio=AM15,AM01")
    wait_for_page(page)
    page.locator("#explorer-table-details summary").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".dash-spreadsheet td", state="attached", timeout=30_000)
    first = _tab_until(page, "column-header--sort")["label"]
    page.keyboard.press("Tab")
    second = page.evaluate(ACTIVE)
    assert "column-header--sort" in second["cls"] and second["label"] != first, second
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(ACTIVE)["label"] == first
    labels = {first}
    for _ in range(30):                                       # past the last sort button: out of the header
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if "column-header--sort" not in active["cls"]:
            break
        labels.add(active["label"])
    else:
        raise AssertionError("Tab never left the table's header")
    assert len(labels) >= 4
    assert page.evaluate("() => document.activeElement.tagName") in ("A", "BUTTON", "SUMMARY", "INPUT", "TD", "DIV")


def test_the_page_buttons_of_the_table_of_every_gemeente_have_names(page: Page, app_url: str):
    """342 gemeenten in pages of 50: the page buttons are icons, so each gets a name in the page's language (axe's
    "button-name", critical), and the page number field too."""
    for lang, first in (("", "Eerste pagina"), ("&lang=en", "First page")):
        page.goto(app_url + "verkennen?niveau=gemeente" + lang)
        wait_for_page(page)
        if not page.evaluate("() => document.querySelector('#explorer-table-details').open"):  # reopened after Back
            page.locator("#explorer-table-details summary").click()
        page.wait_for_selector(".previous-next-container button", state="attached", timeout=30_000)
        page.wait_for_function("() => [...document.querySelectorAll('.previous-next-container button')]"
                               ".every(b => b.getAttribute('aria-label'))")
        names = page.eval_on_selector_all(".previous-next-container button", "bs => bs.map(b => b.getAttribute('aria-label'))")
        assert names[0] == first and len(set(names)) == 4, names
        assert page.get_attribute(".previous-next-container input.current-page", "aria-label")
