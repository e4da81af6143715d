"""The explorer's main callback as users drive it: random states (indicator x level x period x 0-3 regions).

``states`` draws states from what the store offers; ``body`` turns one into the request the browser sends when
the indicator changes; ``measure`` times the callback in-process for states never asked before in this process
("first visit") and for the same states asked again ("asked before"), against a no-op callback asked just before
each of them.
"""

from __future__ import annotations

import random
import statistics
import time
from dataclasses import dataclass
from typing import Any

from dashboard import testing as payloads

EXPLORER_KEY = "..explorer-indicator.value"
LEVELS = ("arbeidsmarktregio", "gemeente")
TRIGGER = "explorer-indicator.value"


@dataclass(frozen=True)
class State:
    indicator: str
    level: str
    period: str
    regions: tuple[str, ...]

    def search(self) -> str:
        regio = f"&regio={','.join(self.regions)}" if self.regions else ""
        return f"?indicator={self.indicator}&niveau={self.level}&periode={self.period}{regio}"


def explorer_case(app: Any) -> payloads.CallbackCase:
    cases = [c for c in payloads.callback_cases(app) if c.key.startswith(EXPLORER_KEY) and not c.wildcard]
    if not cases:
        raise LookupError(f"no callback {EXPLORER_KEY}... in the app")
    return cases[0]


def offered(view: Any) -> dict[str, list[tuple[str, str]]]:
    """Per level: every (indicator, period) the explorer offers, the need index included."""
    from dashboard.data import queries as q
    out: dict[str, list[tuple[str, str]]] = {level: [] for level in LEVELS}
    for indicator in q.map_indicators(view):
        for level in q.levels_for(view, indicator):
            if level in out:
                out[level] += [(indicator, p) for p in q.valid_periods(view, indicator, level)]
    try:
        from dashboard.data.need import NEED_INDEX, need_periods
        for level in LEVELS:
            out[level] += [(NEED_INDEX, p) for p in need_periods(view, level)]
    except ImportError:
        pass
    return out


def states(view: Any, count: int, seed: int = 11, levels: tuple[str, ...] = LEVELS,
           distinct: bool = False) -> list[State]:
    """``count`` random states: level, then (indicator, period), then 0-3 regions of that level.
    ``distinct``: no (indicator, level, period) twice (as long as there are enough)."""
    from dashboard.data import queries as q
    rng = random.Random(seed)
    pairs = offered(view)
    codes = {level: list(q.regions_of_level(view, level)["region_code"]) for level in levels}
    out: list[State] = []
    used: set[tuple[str, str, str]] = set()
    for _ in range(count * 20):
        if len(out) == count:
            break
        level = rng.choice(levels)
        indicator, period = rng.choice(pairs[level])
        if distinct and (indicator, level, period) in used:
            continue
        used.add((indicator, level, period))
        regions = tuple(rng.sample(codes[level], rng.randint(0, 3)))
        out.append(State(indicator, level, period, regions))
    return out


def live_key(key: Any) -> Any:
    """The parts' key of a page (``explorer-parts-key``) once its charts are Plotly's: the reader reached for one."""
    return [*key[:-1], "graphs"] if isinstance(key, list) and key and key[-1] == "pictures" else key


def body(case: payloads.CallbackCase, state: State, lang: str = "nl") -> dict:
    """The request after a user picked ``state.indicator`` (level, period and regions as in ``state``), on a page
    whose charts are Plotly's (the reader reached for one: the answer draws figures, not pictures)."""
    shown = next((s["value"] for s in case.body["state"] if s["id"] == "explorer-parts-key"), None)
    values = {"explorer-indicator.value": state.indicator, "explorer-level.value": state.level,
              "explorer-period.value": state.period, "explorer-regions.value": list(state.regions),
              "explorer-url.search": state.search(), "explorer-live.data": True,
              "explorer-parts-key.data": live_key(shown),
              "explorer-url.pathname": "/verkennen", "explorer-lang.data": lang}
    return payloads.with_values(case, values, changed=[TRIGGER])


def _time(client: Any, request: dict) -> tuple[float, int]:
    start = time.perf_counter()
    response = client.post(payloads.CALLBACK_URL, json=request)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code not in (200, 204):
        raise RuntimeError(f"explorer callback answered {response.status_code}: {response.get_data()[:200]!r}")
    return elapsed, len(response.get_data())


def measure(app: Any, client: Any, noop: dict, count: int = 12, seed: int = 23) -> dict[str, Any]:
    """Per level: median server time of first visits and of the same states asked again, vs the no-op asked just
    before each of them (so both see the machine as it is at that moment: a process runs everything a little faster
    or slower than the next, and a machine drifts during a run)."""
    from dashboard.data.store import get_view
    with app.server.test_request_context("/"):
        view = get_view()
    case = explorer_case(app)
    for _ in range(10):                                  # warm-up
        _time(client, noop)
    alone = statistics.median(_time(client, noop)[0] for _ in range(40))
    out: dict[str, Any] = {"states_per_level": count, "noop_alone_ms": round(alone, 3)}
    every_noop: list[float] = []
    for level in LEVELS:
        chosen = states(view, count + 1, seed=seed + len(level), levels=(level,), distinct=True)
        _time(client, body(case, chosen[0]))           # the level's own first-time work (options, geometry)
        chosen = chosen[1:]
        noops: list[float] = []

        def turn(state: State, noops: list[float] = noops) -> tuple[float, int]:
            noops.append(_time(client, noop)[0])
            return _time(client, body(case, state))
        first = [turn(s) for s in chosen]
        again = [turn(s) for s in chosen]
        noop_ms = statistics.median(noops)
        every_noop += noops
        first_ms = statistics.median(t for t, _ in first)
        again_ms = statistics.median(t for t, _ in again)
        out[level] = {
            "first_visit_ms": round(first_ms, 2), "asked_before_ms": round(again_ms, 2), "noop_ms": round(noop_ms, 3),
            "first_visit_ratio": round(first_ms / noop_ms, 1), "asked_before_ratio": round(again_ms / noop_ms, 1),
            "bytes_median": int(statistics.median(b for _, b in first)),
        }
    out["noop_ms"] = round(statistics.median(every_noop), 3)
    return out


def load_bodies(app: Any, count: int, seed: int = 5) -> list[dict]:
    """Random explorer requests for the load test (both levels, 0-3 regions)."""
    from dashboard.data.store import get_view
    with app.server.test_request_context("/"):
        view = get_view()
    case = explorer_case(app)
    return [body(case, s) for s in states(view, count, seed=seed)]
