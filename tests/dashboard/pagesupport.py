"""Helpers for dashboard tests: drive Dash's page router with the Flask test client, read component trees."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree


def render_page(client: Any, pathname: str, search: str = "") -> dict[str, Any]:
    """What Dash's page router returns for ``pathname`` + ``search``: ``{"content": ..., "title": ...}``.

    Drives the router callback the browser calls after loading the index page.
    """
    client.get("/")                                      # the router registers itself on the first request
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"}, {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"],
        "state": [{"id": "_pages_store", "property": "data"}],      # a page the first layout did not bring
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:500]
    out = response.get_json()["response"]
    return {"content": out["_pages_content"]["children"], "title": out["_pages_store"]["data"]["title"]}


def explorer_figures(client: Any, content: Any) -> dict[str, dict[str, Any]]:
    """The figures of the Plotly charts /verkennen (its page ``content``) draws when a reader reaches for a chart:
    the answer of its callback to the live store, asked with the page's own values as the browser asks it."""
    spec = next(d for d in client.get("/_dash-dependencies").get_json() if "explorer-map-box.children" in d["output"])

    def value(arg: dict[str, Any]) -> Any:
        if (arg["id"], arg["property"]) == ("explorer-live", "data"):
            return True
        node = by_id(content, arg["id"])
        return node["props"].get(arg["property"]) if node else None

    body = {"output": spec["output"],
            "outputs": [{"id": o.split(".")[0], "property": o.split(".")[1]}
                        for o in spec["output"].strip(".").split("...")],
            "inputs": [{**arg, "value": value(arg)} for arg in spec["inputs"]],
            "state": [{**arg, "value": value(arg)} for arg in spec["state"]],
            "changedPropIds": ["explorer-live.data"]}
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200, response.data[:500]
    answer = response.get_json()["response"]
    return {cid: answer[f"{cid}-box"]["children"]["props"]["figure"]
            for cid in ("explorer-map", "explorer-bar", "explorer-timeseries")}


def texts(component: Any) -> str:
    """All text in a serialised Dash component tree, joined by spaces."""
    return " ".join(_walk_text(component))


def _walk_text(node: Any):
    if node is None or isinstance(node, bool):
        return
    if isinstance(node, (str, int, float)):
        yield str(node)
    elif isinstance(node, list):
        for child in node:
            yield from _walk_text(child)
    elif isinstance(node, dict):
        props = node.get("props", {})
        yield from _walk_text(props.get("children"))


def find_ids(component: Any) -> set[str]:
    """Every string ``id`` in a serialised component tree."""
    found: set[str] = set()
    stack = [component]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if isinstance(props.get("id"), str):
                found.add(props["id"])
            stack.extend(v for v in props.values() if isinstance(v, (list, dict)))
    return found


def components(tree: Any):
    """Every component of a serialised tree (a dict with ``props``), in document order."""
    if isinstance(tree, list):
        for child in tree:
            yield from components(child)
    elif isinstance(tree, dict) and "props" in tree:
        yield tree
        for value in tree["props"].values():
            if isinstance(value, (list, dict)):
                yield from components(value)


def by_id(tree: Any, wanted: Any) -> dict | None:
    """The component of a serialised tree whose ``id`` is ``wanted``, or None."""
    return next((node for node in components(tree) if node["props"].get("id") == wanted), None)


def to_plain(component: Any) -> Any:
    """A Dash component (or tree) as the JSON the browser receives."""
    from dash._utils import to_json
    return json.loads(to_json(component))


# --- /prioriteit's chart (HTML drawn by CSS) and map (an SVG image) -----------------------------------------------

def chart_rows(ranking: Any) -> list[dict[str, Any]]:
    """Each row of /prioriteit's ranking chart (serialised): the region's ``name`` and link (``href``) and its
    track's props (``className``, ``style``, ``title``, ``aria-label``, ``role``), top to bottom."""
    out = []
    for row in (n for n in components(ranking) if n["props"].get("className") == "rank-row"):
        link = next(n for n in components(row) if n["props"].get("className") == "rank-name")
        track = next(n for n in components(row) if str(n["props"].get("className", "")).startswith("rank-track"))
        out.append({"name": region_name(link), "href": link["props"]["href"], **track["props"]})
    return out


def region_name(cell: Any) -> str:
    """The region's name a serialised cell or link shows: a name may wrap after a "/" (a ``<wbr>`` inside it)."""
    name = cell["props"]["children"] if isinstance(cell, dict) else cell
    return "".join(c for c in name if isinstance(c, str)) if isinstance(name, list) else name


def percent(text: str) -> float:
    """"12.34%" -> 12.34 (a position on the chart's axis)."""
    assert isinstance(text, str) and text.endswith("%"), text
    return float(text[:-1])


def svg_text(img: Any) -> str:
    """The SVG an ``<img>`` (serialised) shows, decoded from its ``data:image/svg+xml`` URI."""
    head, _, body = img["props"]["src"].partition(",")
    assert head.startswith("data:image/svg+xml"), head[:60]
    return unquote(body)


def svg_fills(img: Any) -> dict[str, str]:
    """Region code -> fill of every region drawn in a map image (its ``<path data-code=...>``)."""
    root = ElementTree.fromstring(svg_text(img))
    return {path.get("data-code"): path.get("fill") for path in root.iter("{http://www.w3.org/2000/svg}path")
            if path.get("data-code")}
