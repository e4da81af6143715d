"""Map layers: what the explorer can put on a map — a store indicator, or the need index.

A :class:`Layer` answers the same questions whatever it is made of: its description, the levels and
periods it has, its ranking of the regions in a period, the national value, the regions' series over time,
and which downloads give its figures.  Pages ask a layer instead of testing which kind it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.data import queries as q
from dashboard.data.domain import NATIONAL_CODE, REGIONAL_LEVELS
from dashboard.data.need import (
    NEED_INDEX,
    NeedQuery,
    default_query,
    need_meta,
    need_periods,
    need_ranking,
    shared_need_ranking,
)
from dashboard.data.view import StoreView


@dataclass(frozen=True)
class Downloads:
    """What gives a layer's figures as files: observation queries (API parameters) or a need-index query."""

    observations: tuple[tuple[str, dict[str, Any]], ...] = ()     # (what: "map" | "series", API parameters)
    need_index: NeedQuery | None = None


@dataclass(frozen=True)
class Layer:
    """A store indicator on the map (the need index is a :class:`NeedIndexLayer`)."""

    view: StoreView
    id: str

    @property
    def meta(self) -> dict[str, Any]:
        return dict(self.view.indicator(self.id) or {})

    @property
    def is_demo(self) -> bool:
        """Whether the layer's figures are generated demo data (per indicator, never the store as a whole)."""
        return bool(self.meta.get("is_demo"))

    @property
    def unit(self) -> str:
        return str(self.meta.get("unit", ""))

    @property
    def levels(self) -> tuple[str, ...]:
        """The regional levels with at least one value."""
        return tuple(lvl for lvl in q.levels_for(self.view, self.id) if lvl in REGIONAL_LEVELS)

    @property
    def has_series(self) -> bool:
        """Whether the layer has values over time (a trend to draw)."""
        return True

    @property
    def has_interval(self) -> bool:
        """Whether its ranking carries a 90% rank interval (``rank_low``, ``rank_high``) instead of a change."""
        return False

    def periods(self, level: str) -> tuple[str, ...]:
        return q.valid_periods(self.view, self.id, level)

    def prepare(self, level: str) -> None:
        """Build what a first look at any period or region of the layer at ``level`` reads (kept in the view)."""
        q.prepare_layer(self.view, self.id, level)

    def frequency(self, level: str) -> str | None:
        return q.frequency_of(self.view, self.id, level)

    def ranking(self, level: str, period: str | None) -> pd.DataFrame:
        """Every region of ``level`` with value, rank and change (see :func:`dashboard.data.queries.ranking`)."""
        if not period:
            return q.add_ranks(q.values(self.view, self.id, level, "")).assign(
                previous_value=float("nan"), previous_period=None, change=float("nan"))
        return q.ranking(self.view, self.id, level, period)

    def shared_ranking(self, level: str, period: str | None) -> pd.DataFrame:
        """:meth:`ranking` as the view holds it (no copy): read it, never change it."""
        return q.shared_ranking(self.view, self.id, level, period) if period else self.ranking(level, period)

    def ranking_table(self, level: str) -> q.RankingTable | None:
        """Every period's ranking in one frame (see :func:`dashboard.data.queries.ranking_table`), or None for a
        layer ranked one period at a time."""
        return q.ranking_table(self.view, self.id, level)

    def national(self, period: str | None) -> float | None:
        return q.national_value(self.view, self.id, period) if period else None

    def series(self, level: str, regions: Sequence[str]) -> pd.DataFrame:
        """The regions over time, with Nederland — except for counts once regions are chosen (a national
        count is off the scale of a region's)."""
        return q.time_series(self.view, self.id, level, regions, national=self._with_national(regions))

    def series_rows(self, level: str, regions: Sequence[str]) -> tuple[q.SeriesRows, list[int]] | None:
        """The rows :meth:`series` gives as the layer's whole series table and their positions in it (for work done
        once per layer), or None for a layer without a series."""
        positions = q.series_positions(self.view, self.id, level, regions, self._with_national(regions))
        rows = q.series_rows(self.view, self.id, level)
        return rows, [] if positions is None else positions.tolist()

    def _with_national(self, regions: Sequence[str]) -> bool:
        return self.unit != "persons" or not regions

    def downloads(self, level: str, period: str | None, regions: Sequence[str]) -> Downloads:
        """The map's level and period, and the selected regions' series with Nederland."""
        if not period:
            return Downloads()
        out = [("map", {"indicator": self.id, "level": level, "period_from": period, "period_to": period})]
        if regions:
            out.append(("series", {"indicator": self.id, "region": [*regions, NATIONAL_CODE]}))
        return Downloads(observations=tuple(out))


@dataclass(frozen=True)
class NeedIndexLayer(Layer):
    """The composite need index (default weights) with its rank intervals; yearly, no series over time."""

    id: str = NEED_INDEX

    @property
    def meta(self) -> dict[str, Any]:
        return need_meta(self.view)

    @property
    def levels(self) -> tuple[str, ...]:
        return REGIONAL_LEVELS

    @property
    def has_series(self) -> bool:
        return False

    @property
    def has_interval(self) -> bool:
        return True

    def periods(self, level: str) -> tuple[str, ...]:
        return need_periods(self.view, level)

    def prepare(self, level: str) -> None:
        for period in self.periods(level):
            shared_need_ranking(self.view, level, period)

    def frequency(self, level: str) -> str | None:
        return "year"

    def ranking(self, level: str, period: str | None) -> pd.DataFrame:
        if not period:
            return super().ranking(level, period)
        return need_ranking(self.view, level, period)

    def shared_ranking(self, level: str, period: str | None) -> pd.DataFrame:
        return shared_need_ranking(self.view, level, period) if period else self.ranking(level, period)

    def ranking_table(self, level: str) -> q.RankingTable | None:
        return None

    def national(self, period: str | None) -> float | None:
        return None

    def series(self, level: str, regions: Sequence[str]) -> pd.DataFrame:
        return pd.DataFrame(columns=q.SERIES_COLUMNS)

    def series_rows(self, level: str, regions: Sequence[str]) -> tuple[q.SeriesRows, list[int]] | None:
        return None

    def downloads(self, level: str, period: str | None, regions: Sequence[str]) -> Downloads:
        return Downloads(need_index=default_query(level, period or ""))


def map_layers(view: StoreView) -> tuple[Layer, ...]:
    """Every layer the explorer offers: the mappable indicators in catalogue order, then the need index."""
    return view.cached("map_layers", (), lambda: (*(Layer(view, i) for i in q.map_indicators(view)),
                                                   NeedIndexLayer(view)))


def prepare_layers(view: StoreView) -> None:
    """Build every layer's rankings of every period and level, and its series index, once per view: then a first
    look at any explorer state only slices them (a worker calls this before it takes requests)."""
    for layer in map_layers(view):
        for level in layer.levels:
            layer.prepare(level)


def layer_of(view: StoreView, layer_id: str) -> Layer | None:
    return next((layer for layer in map_layers(view) if layer.id == layer_id), None)
