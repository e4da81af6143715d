"""The explorer's state in the URL: ``?indicator=&niveau=&periode=&regio=&lang=``, parsed without ever raising.

Unknown or malformed values fall back to defaults: indicator ``neet_share``, level ``arbeidsmarktregio``,
the latest period with data, no regions. Region codes are upper-cased, de-duplicated, limited to the
chosen level and to :data:`MAX_SELECTED`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dashboard.data.domain import DEFAULT_INDICATOR, DEFAULT_LEVEL, REGIONAL_LEVELS
from dashboard.data.layers import map_layers
from dashboard.data.queries import region_codes
from dashboard.data.view import StoreView
from dashboard.ui.urls import last_value

MAX_SELECTED = 10
PARAMS = ("indicator", "niveau", "periode", "regio", "lang")


@dataclass(frozen=True)
class ExplorerState:
    indicator: str
    level: str
    period: str | None
    regions: tuple[str, ...]
    lang: str

    def query(self) -> dict[str, str]:
        """The state as URL query parameters, in a fixed order (``regio`` and ``lang=nl`` left out when empty)."""
        out = {"indicator": self.indicator, "niveau": self.level}
        if self.period:
            out["periode"] = self.period
        if self.regions:
            out["regio"] = ",".join(self.regions)
        if self.lang == "en":
            out["lang"] = "en"
        return out


def parse_codes(value: Any) -> list[str]:
    """"am15, AM18,am15" -> ["AM15", "AM18"]; also takes a list (repeated parameter or dropdown value)."""
    parts: list[str] = []
    for item in value if isinstance(value, (list, tuple)) else [value]:
        if item is None:
            continue
        parts.extend(p.strip().upper() for p in str(item).split(","))
    return [p for p in dict.fromkeys(parts) if p]


def parse_explorer_query(view: StoreView, query: Mapping[str, Any]) -> ExplorerState:
    """URL query -> a valid explorer state. Never raises: anything unknown falls back to the default."""
    lang = "en" if last_value(query.get("lang")).lower() == "en" else "nl"
    layers = {layer.id: layer for layer in map_layers(view)}
    indicator = last_value(query.get("indicator"))
    if indicator not in layers:
        indicator = DEFAULT_INDICATOR if DEFAULT_INDICATOR in layers else next(iter(layers), "")
    layer = layers.get(indicator)
    levels = layer.levels if layer else ()
    level = last_value(query.get("niveau")).lower()
    if level not in levels:
        level = DEFAULT_LEVEL if DEFAULT_LEVEL in levels else (levels[0] if levels else DEFAULT_LEVEL)
    period = last_value(query.get("periode"))
    periods = layer.periods(level) if layer else ()
    if period not in periods:
        period = periods[-1] if periods else None
    regions = known_codes(view, level, query.get("regio"))[:MAX_SELECTED]
    return ExplorerState(indicator, level, period or None, regions, lang)


def corrections(view: StoreView, query: Mapping[str, Any], state: ExplorerState) -> list[tuple[str, dict[str, str]]]:
    """What the state replaced of the URL's own values (for the notice on the page), with the words of each
    (``used`` in the page's language is filled in by the page)."""
    out: list[tuple[str, dict[str, str]]] = []
    for key, param, used in (("indicator", "indicator", state.indicator), ("level", "niveau", state.level),
                             ("period", "periode", state.period or "")):
        given = last_value(query.get(param))
        if given and given != used and not (key == "level" and given.lower() == used):
            out.append((key, {"given": given[:40], "used": used}))
    asked = parse_codes(query.get("regio"))
    known = set(region_codes(view, state.level))
    elsewhere = {c for level in REGIONAL_LEVELS if level != state.level for c in region_codes(view, level)}
    other = [c for c in asked if c not in known and c in elsewhere]        # a region of another level
    if other:
        out.append(("regions_other_level", {"given": ", ".join(other[:6]), "used": state.level}))
    unknown = [c for c in asked if c not in known and c not in elsewhere]
    if unknown:
        out.append(("regions_unknown", {"given": ", ".join(c[:12] for c in unknown[:6])}))
    dropped = [c for c in asked if c in known][MAX_SELECTED:]
    if dropped:
        out.append(("regions_many", {"given": ", ".join(dropped), "max": str(MAX_SELECTED)}))
    return out


def toggle_region(selected: Iterable[str], code: str, limit: int = MAX_SELECTED) -> tuple[str, ...]:
    """Add ``code`` to the selection, or remove it when already there; the oldest drops out past ``limit``."""
    current = list(dict.fromkeys(selected))
    if code in current:
        current.remove(code)
    else:
        current.append(code)
    return tuple(current[-limit:])


def known_codes(view: StoreView, level: str, value: Any) -> tuple[str, ...]:
    """The region codes of ``value`` (see :func:`parse_codes`) that exist at ``level``, in the order given."""
    known = region_codes(view, level)
    return tuple(c for c in parse_codes(value) if c in known)
