"""dashboard.web.static: the map geometry by URL, the Plotly bundle, compressed suites; caching headers."""

from __future__ import annotations

import json
import re
from pathlib import Path

import brotli
import pytest

from dashboard.data.store import get_view
from dashboard.ui.figures.map import MAP_TRACE, geometry_ref
from dashboard.web import static
from tests.dashboard.pagesupport import explorer_figures, render_page

BUNDLE_TRACES = {"scatter", "bar", "choropleth"}
PAGES = [("/verkennen", ""), ("/verkennen", "?niveau=gemeente&regio=GM0363"), ("/regio/AM15", ""),
         ("/regio/GM0363", ""), ("/prioriteit", ""), ("/", "?regio=AM15")]


def _figures(tree):
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("figure"), dict) and "data" in node["figure"]:
                yield node["figure"]
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


@pytest.fixture(scope="module")
def client(dash_app):
    return dash_app.server.test_client()


@pytest.fixture(scope="module")
def rendered(client):
    """Each page's content, and for /verkennen also the Plotly charts it draws once a reader reaches for one."""
    pages = {}
    for path, search in PAGES:
        content = render_page(client, path, search)["content"]
        drawn = explorer_figures(client, content).values() if path == "/verkennen" else []
        pages[path + search] = [content, *({"figure": figure} for figure in drawn)]
    return pages


# --- geometry --------------------------------------------------------------------------------------------------------

def test_maps_reference_the_geometry_by_url(rendered, app_store):
    urls = set()
    for page, content in rendered.items():
        for fig in _figures(content):
            for trace in fig["data"]:
                if trace["type"] == MAP_TRACE:
                    assert isinstance(trace["geojson"], str), page          # a URL, not the GeoJSON
                    urls.add(trace["geojson"])
    assert {re.sub(r"\.[0-9a-f]{16}\.", ".*.", u) for u in urls} == \
        {"/_static/geo/arbeidsmarktregio.*.geojson", "/_static/geo/gemeente.*.geojson"}


def test_geometry_is_the_store_file_cached_for_a_year_and_brotli(client, dash_app, app_store):
    with dash_app.server.test_request_context("/"):
        from dashboard.data.store import get_view
        view = get_view()
        url = geometry_ref(view.geojson("gemeente"))
        assert geometry_ref({"type": "FeatureCollection", "features": []}) != url      # only the store's own object
    response = client.get(url, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert "Accept-Encoding" in response.headers["Vary"]
    raw = brotli.decompress(response.get_data())
    assert raw == view.geojson_path("gemeente").read_bytes()
    assert json.loads(raw) == view.geojson("gemeente")
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert plain.get_data() == raw and "Content-Encoding" not in plain.headers
    stale = client.get(url.replace(url.split(".")[-2], "0" * 16), headers={"Accept-Encoding": "br"})
    assert stale.status_code == 200 and stale.headers["Cache-Control"] == "no-cache"   # today's file, not kept
    assert client.get("/_static/geo/provincie.0123456789abcdef.geojson").status_code == 404


def test_outside_the_app_figures_carry_the_geojson(app_store):
    geojson = app_store.geojson("arbeidsmarktregio")
    assert geometry_ref(geojson) is geojson


# --- the Plotly bundle -----------------------------------------------------------------------------------------------

def test_every_page_loads_the_bundle_before_dash_and_never_dashs_plotly(client):
    html = client.get("/verkennen").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', html)
    names = [s.rsplit("/", 1)[-1] for s in scripts]
    bundle = next(i for i, n in enumerate(names) if n.startswith("plotly-custom."))
    renderer = next(i for i, n in enumerate(names) if n.startswith("dash_renderer"))
    assert bundle < renderer
    assert not any("plotly.min.js" in s or "maplibre" in s for s in scripts)      # the maps are SVG: no MapLibre
    for src in [scripts[bundle]]:
        response = client.get(src, headers={"Accept-Encoding": "br"})
        assert response.status_code == 200 and response.headers["Content-Encoding"] == "br"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        assert response.mimetype == "text/javascript"
        source = static.BUNDLE_DIR / src.rsplit("/", 1)[-1].replace(src.split(".")[-3] + ".", "")
        assert brotli.decompress(response.get_data()) == source.read_bytes()
    assert client.get("/_static/plotly-custom.000000000000.min.js").status_code == 404


def test_committed_brotli_copies_are_the_files():
    for path in static.BUNDLE_FILES:
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == path.read_bytes()


def test_bundle_is_built_from_the_plotly_js_that_plotly_py_ships():
    """package.json pins the plotly.js whose dist plotly.py bundles (so figures mean the same in both)."""
    import plotly
    shipped = (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_text()[:200]
    version = re.search(r"plotly\.js v(\d+\.\d+\.\d+)", shipped).group(1)
    package = json.loads((static.ROOT / "package.json").read_text())
    assert package["devDependencies"]["plotly.js"] == version
    assert f"plotly.js v{version}" in static.BUNDLE.read_text()[:300]


def test_every_trace_type_the_app_draws_is_in_the_bundle(rendered):
    entry = (static.BUNDLE_DIR / "entry.js").read_text()
    for name in BUNDLE_TRACES - {"scatter"}:                      # scatter is part of plotly.js's core
        assert f"require('plotly.js/lib/{name}')" in entry
    drawn = {trace.get("type", "scatter") for content in rendered.values() for fig in _figures(content)
             for trace in fig["data"]}
    assert drawn and drawn <= BUNDLE_TRACES, drawn - BUNDLE_TRACES


# --- component suites: Dash serves them, Flask-Compress compresses them, the memo keeps them ---------------------------------

def test_component_suites_are_compressed_and_kept_per_worker(client, dash_app):
    html = client.get("/").get_data(as_text=True)
    src = next(s for s in re.findall(r'<script src="([^"]+)"', html) if "dash_core_components." in s)
    plain = client.get(src, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200 and "Content-Encoding" not in plain.headers
    first = client.get(src, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert first.headers["Content-Encoding"] == "br"
    assert first.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert brotli.decompress(first.get_data()) == plain.get_data()
    with dash_app.server.test_request_context("/"):              # kept: a fingerprinted file never changes
        assert get_view().memo.peek("compressed_file", f"br;{src}") == first.get_data()
    again = client.get(src, headers={"Accept-Encoding": "br"})
    assert again.get_data() == first.get_data()
    assert client.get("/_dash-component-suites/dash/../../etc/passwd", headers={"Accept-Encoding": "br"}
                      ).status_code == 404


def test_accepts_brotli():
    assert static.accepts_brotli("gzip, deflate, br, zstd")
    assert static.accepts_brotli("br;q=0.5")
    assert not static.accepts_brotli("br;q=0, gzip")
    assert not static.accepts_brotli("gzip") and not static.accepts_brotli(None)

