"""What the benchmark's gunicorn serves: the real app plus one do-nothing callback (the load test's peer).

``gunicorn -c gunicorn.conf.py bench.served:server``: the production app as :mod:`dashboard.app` builds it
(same config, same workers), with a callback ``bench-noop-in.value -> bench-noop-out.children`` that returns
its input, so a no-op request goes through the same server, guards and compression as an explorer request.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

NOOP_OUTPUT = "bench-noop-out.children"


def add_noop(app: Any) -> Any:
    from dash import Input, Output
    if NOOP_OUTPUT not in app.callback_map:
        @app.callback(Output("bench-noop-out", "children"), Input("bench-noop-in", "value"))
        def _bench_noop(value):
            return value
    return app


def noop_body(value: Any = "x") -> dict:
    return {"output": NOOP_OUTPUT, "outputs": {"id": "bench-noop-out", "property": "children"},
            "inputs": [{"id": "bench-noop-in", "property": "value", "value": value}],
            "changedPropIds": ["bench-noop-in.value"], "state": []}


@lru_cache(maxsize=1)
def _app() -> Any:
    from dashboard.app import create_app
    return add_noop(create_app())


class _OpenGate:
    """A heavy-work gate that admits every request at once (what the API would do without one)."""

    def slot(self) -> Any:
        from contextlib import nullcontext
        return nullcontext()


def ungated() -> Any:
    """The app with the API's heavy-work gate open (``bench.served:ungated_server``; :mod:`bench.heavy_gate`)."""
    from dashboard.api import need_index
    need_index.heavy_work = _OpenGate
    return _app()


def __getattr__(name: str) -> Any:
    if name == "server":
        return _app().server
    if name == "ungated_server":
        return ungated().server
    if name == "app":
        return _app()
    raise AttributeError(name)
