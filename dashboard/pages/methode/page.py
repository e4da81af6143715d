"""Method ("/methode"): definitions, computation, sources (real or demo), licence, accessibility."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import Any

import dash
from dash import html

from dashboard.data.store import get_view
from dashboard.ui import ids
from dashboard.ui.components.chart import data_table
from dashboard.ui.components.source_note import is_cbs_table, statline_url
from dashboard.ui.components.text import markdown_components
from dashboard.ui.i18n import flag_reason, fmt_date, has_text, normalise_lang, t
from etl.catalog import LICENCE_URL, publisher

SECTIONS = (
    (ids.METHODE_INDICATORS, "methode.indicators"),
    ("methode-rates", "methode.rates"),
    ("methode-missing", "methode.missing"),
    (ids.METHODE_SOURCES, "methode.sources"),
    ("methode-regions", "methode.regions"),
    (ids.METHODE_NEED_INDEX, "methode.need"),
    (ids.METHODE_LICENCE, "methode.licence"),
    (ids.METHODE_ACCESSIBILITY, "methode.a11y"),
)
FLAGS = ("confidential", "not available", "impossible", "incomplete")


def layout(lang: str = "nl", **_query: Any) -> html.Div:
    lang = normalise_lang(lang)
    view = get_view()
    toc = html.Nav(
        [html.H2(t("methode.toc", lang), id="methode-toc-heading", className="toc-heading"),
         html.Ul([html.Li(html.A(t(key, lang), href=f"#{anchor}")) for anchor, key in SECTIONS])],
        className="toc", **{"aria-labelledby": "methode-toc-heading"},
    )
    return html.Div(
        [
            html.H1(t("methode.title", lang), className="page-title"),
            html.P(t("methode.intro", lang), className="lead"),
            toc,
            _section(ids.METHODE_INDICATORS, "methode.indicators", lang,
                     [indicator_entry(meta, lang, view.manifest) for meta in view.indicators]),
            _section("methode-rates", "methode.rates", lang,
                     [html.P(t(f"methode.rates.p{i}", lang)) for i in range(1, 7)]),
            _section("methode-missing", "methode.missing", lang, [
                html.P(t("methode.missing.p1", lang)),
                html.Ul([html.Li([html.Code(flag), ": ", flag_reason(flag, lang)]) for flag in FLAGS]),
            ]),
            _section(ids.METHODE_SOURCES, "methode.sources", lang, sources_content(view.manifest, lang)),
            _section("methode-regions", "methode.regions", lang,
                     [html.P(t(f"methode.regions.p{i}", lang)) for i in range(1, 4)]),
            _section(ids.METHODE_NEED_INDEX, "methode.need", lang, need_index_content(lang)),
            _section(ids.METHODE_LICENCE, "methode.licence", lang, licence_content(view.manifest, lang)),
            _section(ids.METHODE_ACCESSIBILITY, "methode.a11y", lang, accessibility_content(lang)),
        ],
        className="page page-methode",
    )


def _section(anchor: str, key: str, lang: str, children: list) -> html.Section:
    heading = f"{anchor}-heading"
    return html.Section([html.H2(t(key, lang), id=heading), *children], id=anchor, className="methode-section",
                        **{"aria-labelledby": heading})


def _text(meta: Mapping[str, Any], field: str, lang: str) -> str:
    return str(meta.get(f"{field}_{lang}") or meta.get(f"{field}_nl") or "")


def indicator_entry(meta: Mapping[str, Any], lang: str, manifest: Mapping[str, Any]) -> html.Article:
    """One indicator: title, definition, computation, unit, source links, levels, periods, direction."""
    need = meta.get("higher_is_more_need")
    direction = t("methode.dir.none" if need is None else f"methode.dir.{str(bool(need)).lower()}", lang)
    unit = (meta.get("unit_label") or {}).get(lang) or t(f"common.unit.{meta.get('unit')}", lang)
    sources: list[Any] = []
    for i, table_id in enumerate(meta.get("source_tables", [])):
        url = statline_url(manifest, table_id)
        sources += [", " if i else "", html.A(table_id, href=url, rel="noopener") if url else table_id]
    terms = [
        ("methode.ind.definition", _text(meta, "definition", lang)),
        ("methode.ind.computation", _text(meta, "computation", lang)),
        ("methode.ind.unit", unit),
        ("methode.ind.sources", sources),
        ("methode.ind.levels", ", ".join(t(f"methode.level.{lv}", lang) for lv in meta.get("levels", []))),
        ("methode.ind.frequencies", ", ".join(t(f"methode.freq.{f}", lang) for f in meta.get("frequencies", []))),
        ("methode.ind.direction", direction),
        ("methode.ind.data", html.Strong(t("methode.src.demo", lang), className="demo-mark")
         if meta.get("is_demo") else t("methode.src.real_eurostat" if meta.get("publisher") == "Eurostat"
                                        else "methode.src.real", lang)),
        ("methode.ind.id", html.Code(str(meta.get("id")))),
    ]
    heading = f"methode-ind-{meta.get('id')}"
    return html.Article(
        [html.H3(_text(meta, "title", lang), id=heading),
         html.Dl([html.Div([html.Dt(t(k, lang)), html.Dd(v)], className="dl-row") for k, v in terms],
                 className="definition-list")],
        className="indicator-entry", **{"aria-labelledby": heading},
    )


def slice_label(table_id: str, slice_id: str, lang: str) -> str:
    """A part of a table in words ("15 tot 25 jaar"); the part's code when there are no words for it yet."""
    key = f"methode.slice.{table_id.lower()}.{slice_id}"
    return t(key, lang) if has_text(key, lang) else slice_id


def slice_kind(table_id: str, part: Mapping[str, Any], lang: str) -> tuple[Any, str]:
    """(the kind: DEMO, real or derived; what that means in one sentence, in the page's language)."""
    if part.get("is_demo"):
        return html.Strong(t("methode.src.demo", lang), className="demo-mark"), t("methode.src.about.demo", lang)
    if publisher(table_id) == "Eurostat":
        return t("methode.src.real_eurostat", lang), t("methode.src.about.real_eurostat", lang)
    if not is_cbs_table(table_id):
        return t("common.derived_mark", lang), t("methode.src.about.derived", lang)
    return t("methode.src.real", lang), t("methode.src.about.real", lang)


def sources_content(manifest: Mapping[str, Any], lang: str) -> list:
    """Per source table: a heading with the StatLine link and a table of its parts (real or demo), in words.

    The technical provenance of every file (snapshot, OData filter, checksums, calibration notes) is for
    researchers and is in metadata.json in every download, not on this page.
    """
    demo = bool(manifest.get("is_demo"))
    out: list[Any] = [html.P(t("methode.sources.p1", lang)),
                      html.P(t("methode.sources.p_demo" if demo else "methode.sources.p_real", lang),
                             className="notice" if demo else None),
                      html.P(t("methode.sources.p_metadata", lang), className="help")]
    for entry in manifest.get("sources", []):
        table_id = str(entry.get("table_id", ""))
        url = entry.get("statline_url") or statline_url(manifest, table_id)
        rows = []
        for part in entry.get("slices", []):
            kind, about = slice_kind(table_id, part, lang)
            rows.append([slice_label(table_id, str(part.get("slice", "")), lang), kind,
                         fmt_date(part.get("fetched_at"), lang), about])
        heading = f"methode-src-{table_id}"
        columns = [t(f"methode.src.{k}", lang) for k in ("slice", "kind", "fetched", "about")]
        title = t(f"methode.table.{table_id.lower()}", lang) if has_text(f"methode.table.{table_id.lower()}", lang) \
            else entry.get("title") or ""
        out.append(html.Article([
            html.H3([html.A(table_id, href=url, rel="noopener") if url else table_id, " – ", title], id=heading),
            html.P([t("methode.src.modified", lang), ": ", fmt_date(entry.get("cbs_modified"), lang)]),
            html.Div(data_table(columns, rows, caption=f"{table_id}: {title}", numeric=[False] * 4,
                                class_name="data-table sources-table", caption_hidden=True),
                     className="table-scroll", tabIndex="0", role="region",
                     **{"aria-label": f"{table_id}: {title}"}),
        ], className="source-entry", **{"aria-labelledby": heading}))
    return out


def need_index_content(lang: str) -> list:
    """The need-index method text from ``analysis.need_index.METHOD_TEXT`` when that module exists."""
    try:
        module = importlib.import_module("analysis.need_index")
    except ModuleNotFoundError as exc:
        if exc.name not in ("analysis", "analysis.need_index"):
            raise
        return [html.P(t("methode.need.absent", lang))]
    text = getattr(module, "METHOD_TEXT", None)
    if isinstance(text, Mapping):
        text = text.get(lang) or text.get("nl")
    if not text:
        return [html.P(t("methode.need.absent", lang))]
    return [html.Div(markdown_components(str(text)), className="need-index-text")]


def licence_content(manifest: Mapping[str, Any], lang: str) -> list:
    version = manifest.get("data_version") or "–"
    return [
        html.P(t("methode.licence.p1", lang)),
        html.P(t("methode.licence.p2", lang)),
        html.P(t("methode.licence.p3", lang)),
        html.P([html.A(t("methode.licence.link", lang), href=manifest.get("licence_url") or LICENCE_URL,
                       rel="license noopener"), ". ",
                t("methode.licence.version", lang, version=version, built=fmt_date(manifest.get("built_at"), lang))]),
    ]


def accessibility_content(lang: str) -> list:
    return [
        html.P(t("methode.a11y.p1", lang)),
        html.H3(t("methode.a11y.tested", lang)),
        html.Ul([html.Li(t(f"methode.a11y.t{i}", lang)) for i in range(1, 7)]),
        html.H3(t("methode.a11y.limits", lang)),
        html.Ul([html.Li(t(f"methode.a11y.l{i}", lang)) for i in range(1, 5)]),
        html.P(t("methode.a11y.contact", lang)),
    ]


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`)."""
    dash.register_page(
        __package__, layout=layout, path="/methode", name="Methode", order=2, title="Methode – Jongeren en arbeidsmarkt",
        description="Definities, berekeningen, bronnen en licentie van de cijfers over jongeren en de arbeidsmarkt.",
    )
