"""The attribution line under every chart and table: CBS table(s) with links, licence, demo mark."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from dash import html

from dashboard.ui.i18n import t
from etl.catalog import EUROSTAT_LICENCE_URL, LICENCE_URL, publisher, source


def manifest_source(manifest: Mapping[str, Any] | None, table_id: str) -> Mapping[str, Any]:
    """The manifest's entry for ``table_id`` (case-insensitive), or an empty mapping."""
    for entry in (manifest or {}).get("sources", []):
        if str(entry.get("table_id", "")).lower() == table_id.lower():
            return entry
    return {}


_CBS_TABLE = re.compile(r"^\d{5}[A-Za-z]{3}$")       # 86087NED, 80590ned


def is_cbs_table(table_id: str) -> bool:
    """True for a CBS StatLine table id; False for derived reference sources such as ``gebieden-2025``."""
    return bool(_CBS_TABLE.match(table_id or ""))


def statline_url(manifest: Mapping[str, Any] | None, table_id: str) -> str:
    """StatLine link for a CBS table (Eurostat's data browser for Eurostat's): from the manifest, else from the
    catalogue; "" for other sources."""
    entry = manifest_source(manifest, table_id)
    if entry or not (is_cbs_table(table_id) or publisher(table_id) == "Eurostat"):
        return str(entry.get("statline_url") or "")
    try:
        return source(table_id).statline_url
    except KeyError:
        return ""


def source_note(table_ids: Iterable[str], lang: str, manifest: Mapping[str, Any] | None = None,
                is_demo: bool | None = None) -> html.P:
    """The source line under a chart or table, each table linked to StatLine.

    Real tables: "Bron: CBS, 85984NED · CC BY 4.0". Demo tables never say "Bron: CBS": "DEMO — gegenereerd in de
    vorm van CBS-tabel 86087NED, geen CBS-cijfers". ``is_demo`` marks every table demo (True) or real (False);
    by default each table is what the manifest says it is.
    """
    tables = list(dict.fromkeys(table_ids))
    if is_demo is None:
        demo = [tid for tid in tables if manifest_source(manifest, tid).get("is_demo")]
    else:
        demo = list(tables) if is_demo else []
    real = [tid for tid in tables if tid not in demo]
    parts: list[Any] = []
    cbs = [tid for tid in real if publisher(tid) == "CBS"]
    eurostat = [tid for tid in real if publisher(tid) == "Eurostat"]
    if cbs:
        parts += [_prefix("common.source_note", lang), *_links(cbs, manifest), " · ",
                  html.A(t("common.source_note_licence", lang), href=LICENCE_URL, rel="license noopener")]
    if eurostat:
        if parts:
            parts.append(" · ")
        parts += [_prefix("common.source_note_eurostat", lang), *_links(eurostat, manifest), " · ",
                  html.A(t("common.source_note_eurostat_licence", lang), href=EUROSTAT_LICENCE_URL,
                         rel="license noopener")]
    if demo:
        if parts:
            parts.append(" · ")
        parts += [html.Strong(t("common.demo_mark", lang), className="demo-mark"), " ",
                  _prefix("common.source_note_demo", lang), *_links(demo, manifest),
                  t("common.source_note_demo_end", lang)]
    return html.P(parts, className="source-note")


def figure_mark(meta: Mapping[str, Any] | None, lang: str, is_demo: bool | None = None,
                tables: Iterable[str] | None = None) -> html.Span:
    """The mark that stands next to a figure, on screen and on paper: ``DEMO`` for a figure with any demo input,
    else where it comes from (``CBS 84780NED``, ``Eurostat une_rt_m``).  ``meta``: the indicator's entry of
    indicators.json (its ``is_demo``, ``source_tables``, ``publisher``); ``is_demo``/``tables`` override them (a
    figure made of several indicators, such as the need index)."""
    meta = meta or {}
    demo = bool(meta.get("is_demo")) if is_demo is None else is_demo
    about = {"data-indicator": str(meta.get("id") or "")}         # which figure the mark is about (tests read it)
    if demo:
        return html.Span(t("common.demo_mark", lang), className="figure-mark demo-mark",
                         title=t("common.mark_demo_title", lang), **about)
    listed = list(tables if tables is not None else meta.get("source_tables") or [])
    who = str(meta.get("publisher") or (publisher(listed[0]) if listed else "CBS"))
    text = f"{who} {', '.join(listed)}".strip()
    return html.Span(text, className="figure-mark real-mark", title=t("common.mark_real_title", lang, source=text),
                     **about)


def composite_note(meta: Mapping[str, Any], parts: Sequence[Mapping[str, Any]], lang: str) -> html.P:
    """The source line of a figure made of several indicators (the need index): its mark, then which of its parts
    are demo and which real with their tables — never "Bron: CBS" under a figure with demo input."""
    title = "title_en" if lang == "en" else "title_nl"
    demo = [str(p.get(title) or p.get("id")) for p in parts if p.get("is_demo")]
    real = [p for p in parts if not p.get("is_demo")]
    tables = sorted({str(tbl) for p in real for tbl in p.get("source_tables") or []}, key=str.lower)
    text = []
    if demo:
        text.append(t("common.composite_demo", lang, parts="; ".join(demo)))
    if real:
        text.append(t("common.composite_real", lang, parts="; ".join(str(p.get(title) or p.get("id")) for p in real),
                      tables=", ".join(tables)))
    return html.P([figure_mark(meta, lang), " ", " ".join(text)], className="source-note composite-note")


def _prefix(key: str, lang: str) -> str:
    """The text of ``key`` before its ``{tables}`` placeholder."""
    return t(key, lang, tables="\0").partition("\0")[0]


def _links(tables: list[str], manifest: Mapping[str, Any] | None) -> list[Any]:
    out: list[Any] = []
    for i, table_id in enumerate(tables):
        if i:
            out.append(", ")
        url = statline_url(manifest, table_id)
        out.append(html.A(table_id, href=url, rel="noopener") if url else table_id)
    return out
