"""A chart with its text alternative and a collapsible table of the same figures.

Every chart in the app goes through :func:`chart_with_table`: a ``<figure>`` whose
``<figcaption>`` says in words what the chart shows, followed by a ``<details>``
element with the numbers as an accessible table (also what prints and what a
screen reader reads).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go
from dash import dcc, html

from dashboard.ui.i18n import t

# The toolbar shows only while the pointer is over a chart, so it does not sit on the chart's title; on small
# screens it is hidden altogether (assets/base.css), where it would cover the title at every tap.  It holds only what
# a reader needs (an image of the chart; zooming a map): one or four Tab stops, never a button that sends the chart
# to another host (Plotly's "Share chart" uploads it to Plotly Cloud), its tips in the page's language.
TOOLBAR = {"chart": [["toImage"]], "map": [["zoomInGeo", "zoomOutGeo", "resetGeo", "toImage"]]}
TOOLBAR_NL = {"Download plot as a PNG": "Download als afbeelding (PNG)", "Download plot": "Download als afbeelding",
              "Zoom in": "Inzoomen", "Zoom out": "Uitzoomen", "Reset": "Terug naar het begin",
              "Taking snapshot - this may take a few seconds": "Afbeelding maken - dit kan even duren",
              "Snapshot succeeded": "Afbeelding gemaakt",
              "Sorry, there was a problem downloading your snapshot!": "Het maken van de afbeelding is mislukt."}


def graph_config(lang: str, kind: str = "chart") -> dict[str, Any]:
    """The one configuration of every chart (``kind`` "chart") and map ("map")."""
    return {"displaylogo": False, "responsive": True, "displayModeBar": "hover", "modeBarButtons": TOOLBAR[kind],
            "showSendToCloud": False, "showEditInChartStudio": False, "showLink": False, "showTips": False,
            "plotlyServerURL": "", "scrollZoom": False, "locale": lang,
            "locales": {"nl": {"dictionary": TOOLBAR_NL}} if lang == "nl" else {}}


def data_table(columns: Sequence[Any], rows: Sequence[Sequence[Any]], caption: str | None = None,
               numeric: Sequence[bool] | None = None, class_name: str = "data-table",
               row_classes: Sequence[str] | None = None, caption_hidden: bool = False,
               stacked_on_phone: bool = False) -> html.Table:
    """A plain HTML table: ``<caption>``, header cells with ``scope="col"``, the first cell of a row as row header.

    ``numeric`` marks columns to right-align (by default every column but the first).  ``stacked_on_phone``: on a
    narrow screen each row becomes a block, each cell under its column's name (``data-label``), so a wide table's
    key columns are read whole instead of scrolled to.
    """
    numeric = list(numeric) if numeric is not None else [False] + [True] * (len(columns) - 1)
    head = html.Thead(html.Tr([html.Th(c, scope="col", className="num" if numeric[i] else None)
                               for i, c in enumerate(columns)]))
    body_rows = []
    for r, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            cls = "num" if numeric[i] else None
            label = {"data-label": str(columns[i])} if stacked_on_phone and i else {}
            cells.append(html.Th(cell, scope="row", className=cls) if i == 0 else html.Td(cell, className=cls, **label))
        body_rows.append(html.Tr(cells, className=(row_classes[r] or None) if row_classes else None))
    parts: list[Any] = []
    if caption:
        parts.append(html.Caption(caption, className="visually-hidden" if caption_hidden else None))
    return html.Table([*parts, head, html.Tbody(body_rows)],
                      className=f"{class_name} stack-on-phone" if stacked_on_phone else class_name)


def chart_with_table(figure: go.Figure, *, graph_id: str | dict, title: str, summary: str,
                     columns: Sequence[str], rows: Sequence[Sequence[Any]], lang: str,
                     class_name: str = "", height: int | None = None,
                     caption_visible: bool = True, legend: Any = None, kind: str = "chart",
                     image: Any = None) -> html.Figure:
    """``<figure>`` with the graph, a caption (title + text summary) and a collapsible table.

    ``legend``: an HTML legend shown right under the graph (instead of Plotly's own).  ``image``: a picture drawn
    on the server, shown instead of a Plotly graph of ``figure``.
    """
    style = {"height": f"{height}px"} if height else {}
    graph = image if image is not None else dcc.Graph(id=graph_id, figure=figure, config=graph_config(lang, kind),
                                                      style=style, className="chart-graph")
    caption_children = [html.Span(title, className="chart-title"), " ", html.Span(summary, className="chart-summary")]
    caption = html.Figcaption(caption_children, className=None if caption_visible else "visually-hidden")
    table = html.Details(
        [html.Summary(t("common.show_table", lang)), data_table(columns, rows, caption=title, caption_hidden=True)],
        className="chart-table",
    )
    return html.Figure([caption, graph, legend, table], className=f"chart {class_name}".strip())
