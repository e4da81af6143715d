"""A gunicorn worker finishes Dash's first-request setup before it takes requests (gunicorn.conf.py)."""

from __future__ import annotations

import logging
import runpy
from pathlib import Path
from types import SimpleNamespace

from dashboard.app import create_app

ROOT = Path(__file__).resolve().parents[2]


def test_a_worker_sets_dash_up_in_one_thread_before_serving(built_store):
    """Dash adds the pages' router callbacks and validates every callback on its first request; with several
    threads, two first requests at once raced there and one got a 500. The worker now makes that first request
    itself, in one thread, before gunicorn hands it any."""
    app = create_app(built_store)
    assert not any(app._got_first_request.values())               # nothing set up yet
    callbacks_before = len(app.callback_map)
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    hooks["post_worker_init"](SimpleNamespace(wsgi=app.server, log=logging.getLogger("test")))
    assert all(app._got_first_request.values())                   # router and server setup both done
    assert len(app.callback_map) > callbacks_before               # the router's callbacks are in place


def test_a_worker_builds_every_layers_rankings_before_serving(built_store):
    """A first look at any explorer state slices rankings and series built once per data version; the worker builds
    them before it takes requests, for every layer and level the explorer offers."""
    from dashboard.data import queries as q
    from dashboard.data.layers import NeedIndexLayer, map_layers
    from dashboard.data.store import get_view

    app = create_app(built_store)
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    hooks["post_worker_init"](SimpleNamespace(wsgi=app.server, log=logging.getLogger("test")))
    with app.server.app_context():
        view = get_view()
    sizes = view.memo.sizes()
    layers = [layer for layer in map_layers(view) if not isinstance(layer, NeedIndexLayer)]
    pairs = sum(len(layer.levels) for layer in layers)
    assert pairs > 10
    assert sizes["ranking_table"] == pairs and sizes["series_rows"] == pairs
    need = [layer for layer in map_layers(view) if isinstance(layer, NeedIndexLayer)][0]
    assert sizes["need_ranking"] == sum(len(need.periods(level)) for level in need.levels)
    before = dict(sizes)
    with app.server.test_request_context("/"):
        q.ranking(view, layers[0].id, layers[0].levels[0], layers[0].periods(layers[0].levels[0])[0])
    assert view.memo.sizes()["ranking_table"] == before["ranking_table"]      # nothing left to build
