"""Data ("/data"): choose a selection, preview it, download it (CSV, Excel NL, zip with metadata, JSON).

The page's URL holds the same parameters as the API (``/data?indicator=neet_share&level=gemeente&format=excel-nl``),
and the preview runs the API's own parsing and selection (:func:`dashboard.data.observation_query.query_store`), so the
download links give exactly the rows the preview counts. Controls rewrite the URL with ``history.replaceState``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import dash
import flask
from dash import Input, Output, State, dcc, html

from dashboard.data.exports import COLUMNS, DIALECTS, format_rows, selection_sources
from dashboard.data.observation_query import (
    CSV_PARAMS,
    LEVELS,
    ObservationQuery,
    ParamError,
    absent_indicators,
    csv_name,
    download_stem,
    limits,
    parse_observation_query,
    parse_period,
    select_observations,
)
from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.ui.components.chart import data_table
from dashboard.ui.components.dropdown import dropdown_labels
from dashboard.ui.i18n import fmt_number, normalise_lang, period_label, t
from dashboard.ui.json_data import answers_json_data
from dashboard.ui.urls import API_PREFIX as PREFIX
from etl.store import StoreError

INDICATOR = "data-indicator"
LEVEL = "data-level"
REGION = "data-region"
PERIOD_FROM = "data-period-from"
PERIOD_TO = "data-period-to"
DIALECT = "data-dialect"
COUNT = "data-count"
PREVIEW = "data-preview"
DOWNLOADS = "data-downloads"
API_URL = "data-api-url"
SEARCH = "data-search"
URL_SINK = "data-url-sink"
LANG = "data-lang"
DOWNLOAD_ALL = "data-download-all"
PREVIEW_ROWS = 10
DEFAULT = ObservationQuery(("neet_share",), "arbeidsmarktregio")


@dataclass(frozen=True)
class Preview:
    query: ObservationQuery
    count: Any
    table: Any
    downloads: Any
    api_url: str


def initial_query(query: dict[str, Any], view: StoreView) -> ObservationQuery:
    """The page state from its URL: the API's parameters, with anything invalid left out (never an error)."""
    if not any(k in query for k in CSV_PARAMS):
        return DEFAULT
    asked = ObservationQuery.from_params(query)
    known = {i["id"] for i in view.indicators}
    level = asked.level if asked.level in LEVELS else None
    level_of = dict(zip(view.regions["region_code"], view.regions["region_level"], strict=True))
    regions = tuple(c for c in (r.upper() for r in asked.regions) if level_of.get(c) and level in (None, level_of[c]))
    return ObservationQuery(tuple(i for i in asked.indicators if i in known), level, regions,
                            _valid_period(asked.period_from), _valid_period(asked.period_to),
                            asked.dialect if asked.dialect in DIALECTS else "standard")


def _valid_period(text: str | None) -> str | None:
    if not text:
        return None
    try:
        return parse_period(text)[0]
    except ParamError:
        return None


def indicator_options(view: StoreView, lang: str) -> list[dict[str, str]]:
    key = "title_en" if lang == "en" else "title_nl"
    return [{"label": f"{ind[key]} ({ind['id']})", "value": ind["id"]} for ind in view.indicators]


def region_options(view: StoreView, level: str | None) -> list[dict[str, str]]:
    regions = view.regions if not level else view.regions[view.regions["region_level"] == level]
    rank = {lvl: i for i, lvl in enumerate(LEVELS)}
    rows = sorted(zip(regions["region_level"], regions["region_name"], regions["region_code"], strict=True),
                  key=lambda r: (rank.get(r[0], 9), r[1]))
    return [{"label": f"{name} ({code})", "value": code} for _, name, code in rows]


def period_options(view: StoreView, lang: str, *extra: str | None) -> list[dict[str, str]]:
    starts = view.observations["period_start"]
    years = [str(y) for y in range(starts.min().year, starts.max().year + 1)] if len(starts) else []
    values = years + sorted({e for e in extra if e and e not in years})
    return [{"label": period_label(v, None, lang), "value": v} for v in values]


def make_preview(view: StoreView, query: ObservationQuery, lang: str, max_regions: int, max_rows: int) -> Preview:
    """Count, first rows and download links for a selection, or the reason it cannot be downloaded."""
    api_url = query.url(f"{PREFIX}/observations.csv")
    if len(query.regions) > max_regions:
        return _problem(query, t("data.too_many_regions", lang, max=max_regions), api_url)
    try:
        checked = parse_observation_query(query.pairs(), [i["id"] for i in view.indicators], view.regions,
                                          CSV_PARAMS, max_regions)
    except ParamError as exc:
        return _problem(query, t("data.error", lang, message=exc.message), api_url)
    frame = select_observations(view.observations, checked)
    if len(frame) > max_rows:
        text = t("data.too_many_rows", lang, rows=fmt_number(len(frame), lang, 0), max=fmt_number(max_rows, lang, 0))
        return _problem(checked, text, api_url)
    if frame.empty:
        return Preview(checked, html.P(t("data.count_empty", lang), className="notice"), None, None, api_url)
    count = count_text(frame, lang)
    head = frame.head(PREVIEW_ROWS)
    caption = t("data.preview_caption", lang, n=len(head))
    table = html.Div(      # a keyboard-scrollable region: the table is wider than the page
        data_table(list(COLUMNS), format_rows(head, checked.dialect, COLUMNS), caption=caption,
                   numeric=[False] * len(COLUMNS), class_name="data-table data-preview-table"),
        className="table-scroll", tabIndex="0", role="region", style={"overflowX": "auto", "maxWidth": "100%"},
        **{"aria-label": caption})
    demo = credit_line(frame, lang)
    stem = download_stem(checked, frame, view.manifest)
    absent = absent_indicators(checked, frame)
    notice = html.P(absent_text(view, checked, absent, lang), className="notice", id="data-absent") if absent else None
    return Preview(checked, [html.P(count), notice], [demo, table], download_list(checked, stem, lang), api_url)


def credit_line(frame: Any, lang: str) -> html.P:
    """How to credit exactly the selection: CBS (or Eurostat) for its real tables, and which tables are demo (never
    credited to CBS)."""
    sources = selection_sources(frame)
    parts: list[Any] = []
    if sources["CBS"]:
        parts.append(t("data.credit_cbs", lang, tables=", ".join(sources["CBS"])))
    if sources["Eurostat"]:
        parts.append(t("data.credit_eurostat", lang, tables=", ".join(sources["Eurostat"])))
    if sources["demo"]:
        parts.append(t("data.credit_demo", lang, tables=", ".join(sources["demo"])))
    kind = "mixed" if sources["demo"] and (sources["CBS"] or sources["Eurostat"]) else \
        ("demo" if sources["demo"] else "real")
    return html.P([html.Strong(t(f"data.credit_kind.{kind}", lang)), " ", " ".join(parts)],
                  className="notice demo-note" if sources["demo"] else "help", id="data-credit")


def count_text(frame: Any, lang: str) -> str:
    """"280 rijen · 1 indicator · 35 regio's · 2017 t/m 2024" (singular and plural in both languages)."""
    first = frame.loc[frame["period_start"].idxmin()]
    last = frame.loc[frame["period_start"].idxmax()]
    rows = len(frame)
    return " · ".join([
        t("data.count_rows", lang, n=rows, rows=fmt_number(rows, lang, 0)),
        t("data.count_indicators", lang, n=int(frame["indicator"].nunique())),
        t("data.count_regions", lang, n=int(frame["region_code"].nunique())),
        t("data.count_span", lang, first=period_label(first["period"], first["frequency"], lang),
          last=period_label(last["period"], last["frequency"], lang)),
    ])


def absent_text(view: StoreView, query: ObservationQuery, absent: tuple[str, ...], lang: str) -> str:
    """Say which chosen indicators the file will not hold, and why (no figures at this level)."""
    key = "title_en" if lang == "en" else "title_nl"
    names = ", ".join(f"{(view.indicator(i) or {}).get(key, i)} ({i})" for i in absent)
    delivered = len(query.indicators) - len(absent)
    return t("data.absent", lang, n=delivered, names=names, asked=len(query.indicators),
             level=t(f"data.absent_level.{query.level or 'all'}", lang))


def _problem(query: ObservationQuery, text: str, api_url: str) -> Preview:
    return Preview(query, html.P(text, className="notice", role="alert"), None, None, api_url)


def download_list(query: ObservationQuery, stem: str, lang: str) -> html.Div:
    csv_label = f"{t('data.download_csv', lang)} – {t(f'data.dialect.{query.dialect}', lang)}"
    items = [
        html.Li(html.A(csv_label, href=query.url(f"{PREFIX}/observations.csv"), id="data-download-csv",
                       className="button download-button")),
        html.Li(html.A(t("data.download_zip", lang), href=query.url(f"{PREFIX}/observations.zip"),
                       id="data-download-zip", className="button download-button")),
        html.Li(html.A(t("data.download_json", lang), href=query.url(f"{PREFIX}/observations.json", False),
                       id="data-download-json", className="download-link")),
    ]
    return html.Div([
        html.Ul(items, className="download-list", **{"aria-label": t("data.download_label", lang)},
                style={"listStyle": "none", "padding": 0, "display": "flex", "flexWrap": "wrap", "gap": "0.75rem",
                       "alignItems": "center"}),
        html.P(t("data.file_name", lang, name=csv_name(stem, query.dialect)), className="help"),
    ])


def _control(label: str, component: Any, control_id: str) -> html.Div:
    """A labelled control. Dropdowns throughout: Dash 4's RadioItems render radios inside role="option"
    labels (axe: nested-interactive, aria-input-field-name)."""
    return html.Div([html.Label(label, htmlFor=control_id, id=f"{control_id}-label"), component],
                    className="control", style={"flex": "1 1 16rem"})


def layout(lang: str = "nl", **query: Any) -> html.Div:
    lang = normalise_lang(lang)
    try:
        view = get_view()
    except StoreError:
        return html.Div([html.H1(t("data.title", lang), className="page-title"),
                         html.P(t("data.no_store", lang), className="notice", role="alert")],
                        className="page page-data")
    state = initial_query(query, view)
    max_regions, max_rows = limits()
    preview = make_preview(view, state, lang, max_regions, max_rows)
    labels = dropdown_labels(lang)
    controls = html.Section([
        html.H2(t("data.controls", lang), id="data-controls-heading"),
        _control(t("data.indicator", lang), dcc.Dropdown(
            id=INDICATOR, options=indicator_options(view, lang), value=list(state.indicators), multi=True,
            placeholder=t("data.indicator_placeholder", lang), labels=labels), INDICATOR),
        _control(t("data.level", lang), dcc.Dropdown(
            id=LEVEL, value=state.level or "", clearable=False, searchable=False, labels=labels,
            options=[{"label": t("data.level.all", lang), "value": ""}]
            + [{"label": t(f"data.level.{lvl}", lang), "value": lvl} for lvl in LEVELS]), LEVEL),
        _control(t("data.region", lang, max=max_regions), dcc.Dropdown(
            id=REGION, options=region_options(view, state.level), value=list(state.regions), multi=True,
            placeholder=t("data.region_placeholder", lang), labels=labels), REGION),
        html.Div([
            _control(t("data.period_from", lang), dcc.Dropdown(
                id=PERIOD_FROM, options=period_options(view, lang, state.period_from), value=state.period_from,
                placeholder=t("data.period_any", lang), labels=labels), PERIOD_FROM),
            _control(t("data.period_to", lang), dcc.Dropdown(
                id=PERIOD_TO, options=period_options(view, lang, state.period_to), value=state.period_to,
                placeholder=t("data.period_any", lang), labels=labels), PERIOD_TO),
        ], className="control-row", style={"display": "flex", "flexWrap": "wrap", "gap": "0 1rem"}),
        _control(t("data.dialect", lang), dcc.Dropdown(
            id=DIALECT, value=state.dialect, clearable=False, searchable=False, labels=labels,
            options=[{"label": t(f"data.dialect.{d}", lang), "value": d} for d in DIALECTS]), DIALECT),
    ], className="data-controls", **{"aria-labelledby": "data-controls-heading"})
    return html.Div([
        html.H1(t("data.title", lang), className="page-title"),
        html.P(t("data.intro", lang), className="lead"),
        controls,
        html.Section([
            html.H2(t("data.preview", lang), id="data-preview-heading"),
            html.Div(preview.count, id=COUNT, role="status", **{"aria-live": "polite"}),
            html.Div(preview.table, id=PREVIEW),
        ], className="data-preview", **{"aria-labelledby": "data-preview-heading"}),
        html.Section([
            html.H2(t("data.downloads", lang), id="data-downloads-heading"),
            html.Div(preview.downloads, id=DOWNLOADS),
            html.P([html.A(t("data.download_all", lang), href=f"{PREFIX}/download.zip", id=DOWNLOAD_ALL,
                           className="button download-button"), " ", t("data.download_all_text", lang)]),
            html.P(t("data.licence", lang), className="help"),      # the credit of the selection is at its preview
        ], className="data-downloads", **{"aria-labelledby": "data-downloads-heading"}),
        api_section(preview.api_url, lang, max_regions, max_rows),
        dcc.Store(id=LANG, data=lang),
        dcc.Store(id=SEARCH),
        html.Div(id=URL_SINK, hidden=True),
    ], className="page page-data")


API_ENDPOINTS = (("/indicators", "indicators"), ("/regions?level=gemeente", "regions"),
                 ("/observations.csv", "csv"), ("/observations.json", "json"), ("/observations.zip", "zip"),
                 ("/download.zip", "all"), ("/need-index.csv", "need"))
PANDAS_EXAMPLE = """import pandas as pd

url = "{base}/api/v1/observations.csv?indicator=neet_share&level=arbeidsmarktregio"
frame = pd.read_csv(url, parse_dates=["period_start"])"""


def api_section(api_url: str, lang: str, max_regions: int, max_rows: int) -> html.Section:
    """The API for programmers, on this page (a website user cannot open the repository's docs/ folder)."""
    rows = [[html.Code(f"{PREFIX}{path}"), t(f"data.api.{key}", lang)] for path, key in API_ENDPOINTS]
    return html.Section([
        html.H2(t("data.api", lang), id="data-api-heading"),
        html.P(t("data.api_text", lang)),
        html.Pre(html.Code(api_url, id=API_URL), className="api-url"),
        html.H3(t("data.api_endpoints", lang), id="data-api-endpoints"),
        html.Div(data_table([t("data.api_col.path", lang), t("data.api_col.what", lang)], rows,
                            caption=t("data.api_caption", lang), numeric=[False, False], caption_hidden=True,
                            class_name="data-table api-table"),
                 className="table-scroll", tabIndex="0", role="region", **{"aria-label": t("data.api_caption", lang)}),
        html.P(t("data.api_params", lang, max=max_regions, rows=fmt_number(max_rows, lang, 0)), className="help"),
        html.P(t("data.api_example", lang)),
        html.Pre(html.Code(PANDAS_EXAMPLE.format(base=_host())), className="api-url"),
    ], id="data-api", className="data-api", **{"aria-labelledby": "data-api-heading"})


def _host() -> str:
    """This site's address for the example ("http://127.0.0.1:8050"), from the request that renders the page."""
    if flask.has_request_context():
        return flask.request.host_url.rstrip("/")
    return "http://127.0.0.1:8050"


def update_region_options(level: Any, chosen: Any) -> tuple[list, list]:
    """Offer the regions of the chosen level; keep the chosen ones that belong to it."""
    level = _text(level)
    options = region_options(get_view(), level if level in LEVELS else None)
    valid = {o["value"] for o in options}
    return options, [c for c in _texts(chosen) if c in valid]


def _text(value: Any) -> str | None:
    """A callback value that should be one string (the browser can send anything)."""
    return value if isinstance(value, str) and value else None


def _texts(value: Any) -> list[str]:
    """A callback value that should be a list of strings; anything else counts as empty."""
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def update_preview(indicators: Any, level: Any, regions: Any, period_from: Any, period_to: Any, dialect: Any,
                   lang: Any) -> tuple[Any, Any, Any, str, str]:
    """Count, preview, links and URL for the current controls (the same query the API would answer)."""
    lang = normalise_lang(lang if isinstance(lang, str) else None)
    query = ObservationQuery.from_params({"indicator": _texts(indicators), "level": _text(level),
                                          "region": _texts(regions), "period_from": _text(period_from),
                                          "period_to": _text(period_to), "format": _text(dialect)})
    if query.dialect not in DIALECTS:
        query = replace(query, dialect="standard")
    max_regions, max_rows = limits()
    preview = make_preview(get_view(), query, lang, max_regions, max_rows)
    return preview.count, preview.table, preview.downloads, preview.api_url, query.query_string()


# Keep the selection in the address bar (a shareable link) without reloading the page; ``lang`` stays.


KEEP_QUERY_IN_ADDRESS_BAR_JS = """
    function(search) {
        if (search === undefined || search === null) { return window.dash_clientside.no_update; }
        var url = new URL(window.location.href);
        var lang = url.searchParams.get('lang');
        var params = new URLSearchParams(search);
        if (lang) { params.set('lang', lang); }
        var qs = params.toString().replace(/%2C/g, ',').replace(/%2F/g, '/');
        window.history.replaceState(window.history.state, '', url.pathname + (qs ? '?' + qs : '') + url.hash);
        return window.dash_clientside.no_update;
    }
    """


def register(app: dash.Dash) -> None:
    """Add this page and its callbacks to ``app`` (called once per app by :func:`dashboard.app.create_app`)."""
    dash.register_page(
        __package__, layout=layout, path="/data", name="Data", order=3, title="Data downloaden – Jongeren en arbeidsmarkt",
                       description="Download indicatoren over jongeren en de arbeidsmarkt als CSV, Excel of zip met "
                                   "metadata, en de API.")
    app.callback(
        Output(REGION, "options"),
        Output(REGION, "value"),
        Input(LEVEL, "value"),
        State(REGION, "value"),
        prevent_initial_call=True,
    )(update_region_options)
    app.callback(
        Output(COUNT, "children"),
        Output(PREVIEW, "children"),
        Output(DOWNLOADS, "children"),
        Output(API_URL, "children"),
        Output(SEARCH, "data"),
        Input(INDICATOR, "value"),
        Input(LEVEL, "value"),
        Input(REGION, "value"),
        Input(PERIOD_FROM, "value"),
        Input(PERIOD_TO, "value"),
        Input(DIALECT, "value"),
        State(LANG, "data"),
        prevent_initial_call=True,
    )(answers_json_data(update_preview))
    app.clientside_callback(
        KEEP_QUERY_IN_ADDRESS_BAR_JS,
        Output(URL_SINK, "children"),
        Input(SEARCH, "data"),
        prevent_initial_call=True,
    )
