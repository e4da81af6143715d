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
