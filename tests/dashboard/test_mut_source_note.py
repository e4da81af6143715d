"""The source line under every chart and the mark next to every figure, as the user reads them (rendered text and
links), worked by hand from the manifest: "Bron: CBS" only for real tables, DEMO for demo ones."""

from __future__ import annotations

from pagesupport import texts, to_plain

from dashboard.ui.components.source_note import (
    composite_note,
    figure_mark,
    is_cbs_table,
    manifest_source,
    source_note,
    statline_url,
)

CBS_URL = "https://opendata.cbs.nl/#/CBS/nl/dataset/{}/table"
MANIFEST = {"sources": [
    {"table_id": "84780NED", "is_demo": False, "statline_url": "https://example.nl/84780"},
    {"table_id": "86087NED", "is_demo": True, "statline_url": "https://example.nl/86087"},
    {"table_id": "une_rt_m", "is_demo": False, "statline_url": "https://example.eu/une"},
    {"table_id": "gebieden-2025", "is_demo": False},
]}


def _links(node):
    out = []
    stack = [node]
    while stack:
        n = stack.pop(0)
        if isinstance(n, list):
            stack[0:0] = n
        elif isinstance(n, dict):
            props = n.get("props", {})
            if n.get("type") == "A":
                out.append((texts(props.get("children")), props.get("href"), props.get("rel")))
            children = props.get("children")
            if isinstance(children, (list, dict)):
                stack.insert(0, children)
    return out


def test_lookups():
    assert manifest_source(MANIFEST, "84780ned")["statline_url"] == "https://example.nl/84780"
    assert manifest_source(MANIFEST, "x") == {} and manifest_source(None, "84780NED") == {}
    assert is_cbs_table("86087NED") and is_cbs_table("80590ned") and not is_cbs_table("gebieden-2025")
    assert not is_cbs_table("une_rt_m") and not is_cbs_table("") and not is_cbs_table("86087NEDX")
    assert statline_url(MANIFEST, "86087NED") == "https://example.nl/86087"
    assert statline_url(None, "85984NED") == CBS_URL.format("85984NED")                 # from the catalogue
    assert statline_url({}, "une_rt_m") == "https://ec.europa.eu/eurostat/databrowser/view/une_rt_m/default/table"
    assert statline_url(MANIFEST, "gebieden-2025") == "" and statline_url(None, "gebieden-2025") == ""
    assert statline_url(None, "12345NED") == ""                                        # not in the catalogue


def test_real_cbs_tables_are_credited_with_links_and_licence():
    note = to_plain(source_note(["84780NED", "84780NED", "85984NED"], "nl", MANIFEST))
    assert note["props"]["className"] == "source-note"
    assert texts(note) == "Bron: CBS,  84780NED ,  85984NED  ·  CC BY 4.0"
    assert _links(note) == [("84780NED", "https://example.nl/84780", "noopener"),
                            ("85984NED", CBS_URL.format("85984NED"), "noopener"),
                            ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/deed.nl", "license noopener")]
    assert texts(to_plain(source_note(["84780NED"], "en", MANIFEST))).startswith("Source: CBS, ")


def test_demo_tables_never_say_bron_cbs():
    note = to_plain(source_note(["86087NED"], "nl", MANIFEST))
    assert texts(note) == "DEMO   gegenereerd in de vorm van CBS-tabel  86087NED , geen CBS-cijfers"
    assert "Bron" not in texts(note)
    strong = note["props"]["children"][0]
    assert strong["type"] == "Strong" and strong["props"]["className"] == "demo-mark"
    en = texts(to_plain(source_note(["86087NED"], "en", MANIFEST)))
    assert en == "DEMO   generated in the shape of CBS table  86087NED , not CBS figures"


def test_mixed_real_eurostat_and_demo_each_say_what_they_are():
    note = to_plain(source_note(["84780NED", "une_rt_m", "86087NED"], "nl", MANIFEST))
    text = texts(note)
    assert text == ("Bron: CBS,  84780NED  ·  CC BY 4.0  ·  Bron: Eurostat (op basis van CBS-gegevens),  une_rt_m  ·  "
                    "hergebruik met bronvermelding  ·  DEMO   gegenereerd in de vorm van CBS-tabel  86087NED , "
                    "geen CBS-cijfers")
    assert ("hergebruik met bronvermelding", "https://ec.europa.eu/eurostat/about-us/policies/copyright",
            "license noopener") in _links(note)
    only_eurostat = texts(to_plain(source_note(["une_rt_m"], "nl", MANIFEST)))
    assert only_eurostat.startswith("Bron: Eurostat") and "CBS, " not in only_eurostat
    eurostat_demo = texts(to_plain(source_note(["une_rt_m", "86087NED"], "nl", MANIFEST)))
    assert eurostat_demo.startswith("Bron: Eurostat") and " ·  DEMO " in eurostat_demo


def test_the_caller_can_mark_every_table_demo_or_real():
    assert texts(to_plain(source_note(["84780NED"], "nl", MANIFEST, is_demo=True))).startswith("DEMO")
    real = texts(to_plain(source_note(["86087NED"], "nl", MANIFEST, is_demo=False)))
    assert real.startswith("Bron: CBS,") and "DEMO" not in real
    plain = to_plain(source_note(["gebieden-2025"], "nl", MANIFEST))
    assert texts(plain).startswith("Bron: CBS,  gebieden-2025") and _links(plain)[0][0] == "CC BY 4.0"


def test_figure_marks():
    demo = to_plain(figure_mark({"id": "neet_share", "is_demo": True, "source_tables": ["86087NED"]}, "nl"))
    assert texts(demo) == "DEMO" and demo["props"]["className"] == "figure-mark demo-mark"
    assert demo["props"]["title"] == "Demonstratiedata: gegenereerd, geen CBS-cijfer"
    assert demo["props"]["data-indicator"] == "neet_share"
    real = to_plain(figure_mark({"id": "early_school_leaver_rate", "is_demo": False,
                                 "source_tables": ["84780NED", "85984NED"]}, "en"))
    assert texts(real) == "CBS 84780NED, 85984NED" and real["props"]["className"] == "figure-mark real-mark"
    assert real["props"]["title"] == "Real figure; source: CBS 84780NED, 85984NED"
    euro = to_plain(figure_mark({"id": "youth_unemployment_rate", "source_tables": ["une_rt_m"]}, "nl"))
    assert texts(euro) == "Eurostat une_rt_m"
    named = to_plain(figure_mark({"id": "x", "publisher": "Eurostat", "source_tables": ["86087NED"]}, "nl"))
    assert texts(named) == "Eurostat 86087NED"
    assert texts(to_plain(figure_mark(None, "nl"))) == "CBS" and to_plain(figure_mark(None, "nl"))["props"][
        "data-indicator"] == ""
    assert texts(to_plain(figure_mark({"is_demo": True}, "nl", is_demo=False, tables=["84780NED"]))) == \
        "CBS 84780NED"
    assert texts(to_plain(figure_mark({"is_demo": False}, "nl", is_demo=True))) == "DEMO"


def test_composite_note_names_demo_and_real_parts():
    parts = [{"id": "neet_share", "title_nl": "NEET", "title_en": "NEET en", "is_demo": True},
             {"id": "early_school_leaver_rate", "title_nl": "Vsv", "is_demo": False,
              "source_tables": ["85984NED", "84780NED"]},
             {"id": "youth_jobseeker_rate", "is_demo": False, "source_tables": ["86087NED"]}]
    note = to_plain(composite_note({"id": "need_index", "is_demo": True}, parts, "nl"))
    assert note["props"]["className"] == "source-note composite-note"
    assert texts(note) == ("DEMO   Leest demonstratiedata (geen CBS-cijfers): NEET. Echte cijfers: Vsv; "
                           "youth_jobseeker_rate (CBS-tabel 84780NED, 85984NED, 86087NED).")
    en = texts(to_plain(composite_note({"id": "need_index", "is_demo": True}, parts, "en")))
    assert en == ("DEMO   Reads demonstration data (not CBS figures): NEET en. Real figures: "
                  "early_school_leaver_rate; youth_jobseeker_rate (CBS table 84780NED, 85984NED, 86087NED).")
    real_only = texts(to_plain(composite_note({"id": "n", "source_tables": ["84780NED"]}, parts[1:2], "nl")))
    assert real_only == "CBS 84780NED   Echte cijfers: Vsv (CBS-tabel 84780NED, 85984NED)."


def test_composite_note_names_untitled_parts_by_id_and_sorts_tables_ignoring_case():
    parts = [{"id": "neet_share", "is_demo": True}, {"id": "youth_benefit_share", "title_en": "Benefits",
                                                      "is_demo": True},
             {"id": "a", "is_demo": False, "source_tables": ["86087NED", "86087abc"]}]
    note = to_plain(composite_note({"id": "need_index", "is_demo": True}, parts, "en"))
    assert texts(note) == ("DEMO   Reads demonstration data (not CBS figures): neet_share; Benefits. "
                           "Real figures: a (CBS table 86087abc, 86087NED).")
    assert note["props"]["children"][0]["props"]["title"] == "Demonstration data: generated, not a CBS figure"
