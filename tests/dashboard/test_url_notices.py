"""A URL a page cannot show as asked: a visible notice per replaced value, and the query of what is shown, which the
browser writes into the address bar (assets/shell.js, tested in tests/browser/test_history.py)."""

from __future__ import annotations

import pytest
from pagesupport import render_page, texts


def notice(app_client, path: str, search: str, notice_id: str):
    content = render_page(app_client, path, search)["content"]
    stack = [content]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if props.get("id") == notice_id:
                return texts(node), props.get("data-canonical-search")
            stack.extend(v for v in props.values() if isinstance(v, (list, dict)))
    raise KeyError(notice_id)


def test_explorer_names_every_value_it_replaced(app_client):
    twelve = ",".join(f"AM{n:02d}" for n in (1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 13))
    text, search = notice(app_client, "/verkennen", f"?indicator=bogus&niveau=wijk&periode=1999&regio={twelve},XX99",
                          "explorer-url-notice")
    assert "indicator ‘bogus’ bestaat niet: Jongeren zonder werk en opleiding" in text
    assert "niveau ‘wijk’ is er niet" in text and "periode ‘1999’ heeft geen cijfers" in text
    assert "onbekende regiocode(s) XX99 weggelaten" in text and "hoogstens 10 regio's tegelijk: AM12, AM13" in text
    assert search.startswith("?indicator=neet_share&niveau=arbeidsmarktregio&periode=") and "AM12" not in search


def test_a_good_url_gets_no_notice(app_client):
    text, search = notice(app_client, "/verkennen", "?indicator=early_school_leaver_rate&niveau=rmc",
                          "explorer-url-notice")
    assert text == "" and "niveau=rmc" in search


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_priority_says_all_weights_zero_became_the_defaults(app_client, lang):
    zero = ",".join(f"{c}:0" for c in ("neet_share", "youth_jobseeker_rate", "youth_benefit_share",
                                        "early_school_leaver_rate", "neet_share_change"))
    text, search = notice(app_client, "/prioriteit", f"?w={zero}&niveau=wijk&lang={lang}", "priority-url-notice")
    assert ("standaardgewichten" if lang == "nl" else "default weights") in text
    assert "wijk" in text and "neet_share:1" in search and "niveau" not in search


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_priority_names_each_weight_it_moved_onto_the_sliders_grid(app_client, lang):
    """Weights off the 0–3 grid in steps of 0.5 are shown as the nearest step: each one named, with what is used,
    and the address bar gets the weights on screen.  A weight already on the grid (also written ``2.00``) is not."""
    given = "neet_share:99,youth_jobseeker_rate:1.3,youth_benefit_share:2.00,early_school_leaver_rate:0.2"
    text, search = notice(app_client, "/prioriteit", f"?w={given}&lang={lang}", "priority-url-notice")
    if lang == "nl":
        assert "gewicht ‘99’ voor" in text and "ligt niet op de schuif (0 tot 3, in stappen van 0,5): 3" in text
        assert "gewicht ‘1.3’ voor" in text and "0,5): 1,5" in text and "gewicht ‘0.2’ voor" in text
    else:
        assert "weight ‘99’ for" in text and "is not on the slider (0 to 3 in steps of 0.5): 3" in text
        assert "weight ‘1.3’ for" in text and "0.5): 1.5" in text and "weight ‘0.2’ for" in text
    assert "2.00" not in text and text.count("‘") == 3
    assert ("w=neet_share:3,youth_jobseeker_rate:1.5,youth_benefit_share:2,early_school_leaver_rate:0,"
            "neet_share_change:0") in search


def test_priority_weights_on_the_grid_get_no_notice(app_client):
    text, search = notice(app_client, "/prioriteit", "?w=neet_share:2.5,early_school_leaver_rate:0.5",
                          "priority-url-notice")
    assert text == "" and "neet_share:2.5" in search


@pytest.mark.parametrize(("lang", "other", "unknown"), [
    ("nl", "regiocode(s) GM0363, MC21 van een ander niveau dan het getoonde (arbeidsmarktregio's) weggelaten",
     "onbekende regiocode(s) XX99 weggelaten"),
    ("en", "region code(s) GM0363, MC21 of another level than the one shown (labour-market regions) left out",
     "unknown region code(s) XX99 left out")])
def test_a_region_of_another_level_is_named_so_not_unknown(app_client, lang, other, unknown):
    """A gemeente's or RMC region's code in an arbeidsmarktregio view exists: the notice says it is of another level
    (it called it unknown); a code that exists nowhere is still unknown."""
    text, search = notice(app_client, "/verkennen", f"?regio=AM15,GM0363,MC21,XX99&lang={lang}", "explorer-url-notice")
    assert other in text and unknown in text
    assert "regio=AM15" in search and "GM0363" not in search
