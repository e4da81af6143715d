"""What each hand-built mechanism buys: the same requests with it and without it, taking turns, in one process.

In-process through Flask's test client, the app set up as a production worker sets it up.  Each mechanism is
switched off for one request at a time and on again, so "with" and "without" see the machine alike:

* ``answer_cache`` -- callback answers kept as bytes and their brotli copy (:mod:`dashboard.web.answers`): an
  explorer state, and the page router's answer for ``/`` (the overview), asked again, answered from them / by
  running the callback (every other memo warm), brotli asked;
* ``store_memo`` -- the :class:`~dashboard.data.view.StoreView` memo (rankings of every period of a layer, hover
  texts and trend points per layer, ...): an explorer state never asked before, with the memo a worker holds /
  with an empty one (everything the state reads computed for it alone);
* ``plain_figures`` -- figures as plain data (:mod:`dashboard.ui.figures.plain`): an explorer state's map, bar and
  trend figures encoded as Dash encodes an answer, as they are / made a ``go.Figure`` first (what the figure
  code would build with plotly's graph objects; the same JSON data, checked here);
* ``json_data`` -- answers turned into JSON data before Dash encodes them (:mod:`dashboard.ui.json_data`): an
  explorer state never asked before, answered with / without that step (Dash then walks the components itself);
* ``guard`` -- the callback request guard (:mod:`dashboard.web.guard`): an explorer state asked again, checked /
  not checked (what the check costs, not what it buys: it turns malformed requests into 400s);
* ``left_as_shown`` -- an explorer answer leaves out what the page already shows (:func:`dashboard.pages.explorer.page.
  _left_as_shown`, from the ``parts_key`` store: the controls' own values, the level's region list, the indicator's
  level options, definition and source notes): another indicator of a gemeente state, the page showing that level,
  answered with / without it (bytes over the wire, brotli, and server time; every other memo warm, answers not kept);
* ``asset_cache`` -- compressed fingerprinted files kept in the StoreView memo through Flask-Compress's cache
  backend (:class:`~dashboard.web.compression.MemoCache`): every script a first load of ``/verkennen`` fetches (Dash's
  component suites; the Plotly bundle has its committed brotli copy), for a browser that takes brotli and one that
  takes only gzip, from the cache / compressed again.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from contextlib import contextmanager
from typing import Any, Iterator

from bench import explorer
from dashboard import testing as payloads

_SECURITY = "dashboard.web.security"            # the extension key of dashboard.web.security
SCRIPT = re.compile(r'<script src="([^"]+)"')


def _ms(fn) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return (time.perf_counter() - start) * 1000, value


def _summary(with_ms: list[float], without_ms: list[float], **extra: Any) -> dict[str, Any]:
    w, wo = statistics.median(with_ms), statistics.median(without_ms)
    return {"with_ms": round(w, 3), "without_ms": round(wo, 3), "ratio": round(wo / w, 1) if w else None,
            "samples": len(with_ms), **extra}


def _post(client: Any, body: dict) -> Any:
    response = client.post(payloads.CALLBACK_URL, json=body, headers={"Accept-Encoding": "br"})
    if response.status_code != 200:
        raise RuntimeError(f"callback answered {response.status_code}")
    return response


@contextmanager
def _answers_off(app: Any) -> Iterator[None]:
    config = app.server.config
    kept = config["CACHED_CALLBACK_OUTPUTS"]
    config["CACHED_CALLBACK_OUTPUTS"] = frozenset()
    try:
        yield
    finally:
        config["CACHED_CALLBACK_OUTPUTS"] = kept


def _in_turns(count: int, with_: Any, without: Any) -> tuple[list[float], list[float]]:
    """``count`` pairs of timings, which of the two goes first alternating."""
    with_ms, without_ms = [], []
    for i in range(count):
        if i % 2 == 0:
            with_ms.append(with_(i))
            without_ms.append(without(i))
        else:
            without_ms.append(without(i))
            with_ms.append(with_(i))
    return with_ms, without_ms


def _answer_cache(app: Any, client: Any, bodies: list[dict]) -> dict[str, Any]:
    for body in bodies:                                   # asked once: the answers and every memo filled
        _post(client, body)

    def cached(i: int) -> float:
        return _ms(lambda: _post(client, bodies[i % len(bodies)]))[0]

    def computed(i: int) -> float:
        with _answers_off(app):
            return _ms(lambda: _post(client, bodies[i % len(bodies)]))[0]
    return _summary(*_in_turns(max(len(bodies), 12), cached, computed))


def answer_cache(app: Any, client: Any, count: int) -> dict[str, Any]:
    view = _view(app)
    case = explorer.explorer_case(app)
    states = [explorer.body(case, s) for s in explorer.states(view, count, seed=41, distinct=True)]
    router = next(c for c in payloads.callback_cases(app) if c.key.startswith(".._pages_content.children"))
    overview = payloads.with_values(router, {"_pages_location.pathname": "/"},
                                    changed=["_pages_location.pathname"])
    return {"explorer_state": _answer_cache(app, client, states),
            "overview_page": _answer_cache(app, client, [overview])}


def store_memo(app: Any, client: Any, count: int) -> dict[str, Any]:
    from dashboard.data.view import MEMO_BYTES, MEMO_SIZES, Memo
    view = _view(app)
    case = explorer.explorer_case(app)
    chosen = explorer.states(view, 2 * count + 1, seed=43, distinct=True)
    bodies = [explorer.body(case, s) for s in chosen]
    held = view.memo

    def warm(i: int) -> float:
        return _ms(lambda: _post(client, bodies[1 + 2 * i]))[0]

    def empty(i: int) -> float:
        object.__setattr__(view, "memo", Memo(MEMO_SIZES, MEMO_BYTES))
        try:
            return _ms(lambda: _post(client, bodies[2 + 2 * i]))[0]
        finally:
            object.__setattr__(view, "memo", held)
    with _answers_off(app):
        _post(client, bodies[0])                          # the level's one-time work, as in `explorer`
        return _summary(*_in_turns(count, warm, empty))


def plain_figures(app: Any, count: int) -> dict[str, Any]:
    import plotly.graph_objects as go
    from plotly.io.json import to_json_plotly

    from dashboard.pages.explorer import page as explorer_page
    from dashboard.pages.explorer import view as explorer_view
    from dashboard.pages.explorer.state import parse_explorer_query
    view = _view(app)
    figures = []
    with app.server.test_request_context("/"):
        for s in explorer.states(view, count, seed=47, distinct=True):
            state = parse_explorer_query(view, {"indicator": s.indicator, "niveau": s.level, "periode": s.period,
                                                "regio": list(s.regions), "lang": "nl"})
            shown = explorer_view.layer(view, state)
            parts = {**explorer_page._layer_parts(view, shown, state),
                     **explorer_page._selection_parts(view, shown, state)}
            figures.append([parts[f"{cid}:figure"] for cid in explorer_page.CHARTS])
    same = all(json.loads(to_json_plotly(f)) == json.loads(to_json_plotly(go.Figure(f)))
               for three in figures for f in three)

    def plain(i: int) -> float:
        return _ms(lambda: [to_json_plotly(f) for f in figures[i]])[0]

    def graph_objects(i: int) -> float:
        return _ms(lambda: [to_json_plotly(go.Figure(f)) for f in figures[i]])[0]
    return _summary(*_in_turns(len(figures), plain, graph_objects), same_json=same)


@contextmanager
def _json_data_off() -> Iterator[None]:
    """Answers handed to Dash as they are built (components and all), not turned into JSON data first."""
    from dashboard.pages.explorer import page as explorer_page
    from dashboard.ui import json_data
    kept = json_data.json_data, explorer_page.json_data
    json_data.json_data = explorer_page.json_data = _as_built
    try:
        yield
    finally:
        json_data.json_data, explorer_page.json_data = kept


def _as_built(value: Any) -> Any:
    return value


def json_data_step(app: Any, client: Any, count: int) -> dict[str, Any]:
    view = _view(app)
    case = explorer.explorer_case(app)
    bodies = [explorer.body(case, s) for s in explorer.states(view, 2 * count, seed=53, distinct=True)]
    answers: dict[str, bytes] = {}

    def converted(i: int) -> float:
        ms, response = _ms(lambda: _post(client, bodies[2 * i]))
        answers["with"] = response.get_data()
        return ms

    def walked(i: int) -> float:
        with _json_data_off():
            return _ms(lambda: _post(client, bodies[2 * i + 1]))[0]
    with _answers_off(app):
        return _summary(*_in_turns(count, converted, walked))


@contextmanager
def _whole_answers() -> Iterator[None]:
    """Explorer answers with every part, also those the page already shows."""
    from dashboard.pages.explorer import page as explorer_page
    kept = explorer_page._left_as_shown
    explorer_page._left_as_shown = _everything
    try:
        yield
    finally:
        explorer_page._left_as_shown = kept


def _everything(answer: dict[str, Any], *shown: Any) -> dict[str, Any]:
    return answer


def left_as_shown(app: Any, client: Any, count: int) -> dict[str, Any]:
    from dashboard.pages.explorer.page import PARTS_KEY
    view = _view(app)
    case = explorer.explorer_case(app)
    bodies = []
    for s in explorer.states(view, count, seed=61, levels=("gemeente",), distinct=True):
        body = explorer.body(case, s)
        for arg in body["state"]:           # the page shows the parts of another indicator of the same level
            if isinstance(arg, dict) and arg["id"] == PARTS_KEY:
                arg["value"] = explorer.live_key([view.data_version, "another indicator", s.level, s.period,
                                                  "pictures"])
        bodies.append(body)
    sizes: dict[str, list[int]] = {"with": [], "without": []}

    def timed(i: int, kind: str) -> float:
        ms, response = _ms(lambda: _post(client, bodies[i]))
        sizes[kind].append(len(response.get_data()))
        return ms

    def left(i: int) -> float:
        return timed(i, "with")

    def whole(i: int) -> float:
        with _whole_answers():
            return timed(i, "without")
    with _answers_off(app):
        for body in bodies:                   # every memo the states read filled
            _post(client, body)
        result = _summary(*_in_turns(len(bodies), left, whole))
    result.update(with_bytes=int(statistics.median(sizes["with"])), without_bytes=int(statistics.median(sizes["without"])))
    return result


class _Allows:
    """A callback guard that finds nothing wrong."""

    def problem(self, body: Any) -> None:
        return None


def guard(app: Any, client: Any, count: int) -> dict[str, Any]:
    view = _view(app)
    case = explorer.explorer_case(app)
    bodies = [explorer.body(case, s) for s in explorer.states(view, count, seed=59, distinct=True)]
    for body in bodies:
        _post(client, body)
    state = app.server.extensions[_SECURITY]

    def checked(i: int) -> float:
        return _ms(lambda: _post(client, bodies[i % len(bodies)]))[0]

    def unchecked(i: int) -> float:
        kept, state.guard = state.guard, _Allows()
        try:
            return _ms(lambda: _post(client, bodies[i % len(bodies)]))[0]
        finally:
            state.guard = kept
    return _summary(*_in_turns(count, checked, unchecked))


class _Holds:
    """A compressed-body cache that keeps nothing."""

    def get(self, key: str) -> None:
        return None

    def set(self, key: str, value: bytes) -> None:
        return None


def _scripts(client: Any) -> list[str]:
    page = client.get("/verkennen").get_data(as_text=True)
    return [src for src in SCRIPT.findall(page) if src.startswith("/")]


def _fetch_all(client: Any, urls: list[str], encoding: str) -> tuple[float, int, set[str]]:
    """(ms, bytes, encodings) for GETting every url once."""
    total, encodings = 0, set()
    start = time.perf_counter()
    for url in urls:
        response = client.get(url, headers={"Accept-Encoding": encoding})
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
        total += len(response.get_data())
        encodings.add(response.headers.get("Content-Encoding", "identity"))
    return (time.perf_counter() - start) * 1000, total, encodings


def asset_cache(app: Any, client: Any, rounds: int) -> dict[str, Any]:
    urls = _scripts(client)
    compress = app.server.extensions[_SECURITY].compress
    out: dict[str, Any] = {"files": len(urls)}
    for encoding in ("br", "gzip"):
        _fetch_all(client, urls, encoding)                # the cache filled
        sizes: list[int] = []

        def held(i: int, encoding: str = encoding, sizes: list[int] = sizes) -> float:
            ms, size, _ = _fetch_all(client, urls, encoding)
            sizes.append(size)
            return ms

        def none(i: int, encoding: str = encoding) -> float:
            kept, compress.cache = compress.cache, _Holds()
            try:
                return _fetch_all(client, urls, encoding)[0]
            finally:
                compress.cache = kept
        out[encoding] = _summary(*_in_turns(rounds, held, none), kb=round(sizes[-1] / 1024, 1))
    return out


def measure(app: Any, client: Any, quick: bool = False) -> dict[str, Any]:
    states, rounds = (3, 2) if quick else (24, 8)
    return {"answer_cache": answer_cache(app, client, states), "store_memo": store_memo(app, client, states),
            "plain_figures": plain_figures(app, states), "json_data": json_data_step(app, client, states),
            "guard": guard(app, client, states), "left_as_shown": left_as_shown(app, client, states),
            "asset_cache": asset_cache(app, client, rounds)}


def _view(app: Any) -> Any:
    from dashboard.data.store import get_view
    with app.server.test_request_context("/"):
        return get_view()
