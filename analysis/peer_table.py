"""Peer groups and nearest neighbours as plain tables: how the ETL stores them and the dashboard reads them.

:mod:`analysis.peers` computes them (scikit-learn); this module only moves them between a :class:`Peers` and two
long tables, so a web worker reads the stored result without importing scikit-learn.

``peer_groups``: level, period, region_code, region_name, peer_group (Int64; NA when left out), k (Int64).
``peer_neighbours``: level, period, region_code, position (1 = nearest), neighbour_code, neighbour_name, distance.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

GROUP_COLUMNS = ["level", "period", "region_code", "region_name", "peer_group", "k"]
NEIGHBOUR_COLUMNS = ["level", "period", "region_code", "position", "neighbour_code", "neighbour_name", "distance"]


@dataclass(frozen=True)
class Peers:
    level: str
    period: str
    k: int | None
    silhouette: dict[int, float]
    groups: pd.DataFrame                        # region_code, region_name, peer_group (Int64; NA if left out)
    neighbours: dict[str, list[dict]] = field(default_factory=dict)

    def group_of(self, region_code: str) -> int | None:
        rows = self.groups.loc[self.groups["region_code"] == region_code, "peer_group"]
        return None if rows.empty or pd.isna(rows.iloc[0]) else int(rows.iloc[0])

    def neighbours_of(self, region_code: str) -> list[dict]:
        return list(self.neighbours.get(region_code, []))


def peer_tables(found: Iterable[Peers]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(peer_groups, peer_neighbours) of several computations, one row per region (and per neighbour)."""
    groups, neighbours = [], []
    for peers in found:
        g = peers.groups[["region_code", "region_name", "peer_group"]].copy()
        g.insert(0, "period", peers.period)
        g.insert(0, "level", peers.level)
        g["k"] = pd.array([peers.k] * len(g), dtype="Int64")
        groups.append(g)
        for code, near in peers.neighbours.items():
            for position, other in enumerate(near, start=1):
                neighbours.append({"level": peers.level, "period": peers.period, "region_code": code,
                                   "position": position, "neighbour_code": other["region_code"],
                                   "neighbour_name": other["region_name"], "distance": float(other["distance"])})
    group_frame = pd.concat(groups, ignore_index=True) if groups else pd.DataFrame(columns=GROUP_COLUMNS)
    group_frame["peer_group"] = group_frame["peer_group"].astype("Int64")
    group_frame["k"] = group_frame["k"].astype("Int64")
    neighbour_frame = pd.DataFrame(neighbours, columns=NEIGHBOUR_COLUMNS).astype({"position": "int64"})
    return group_frame[GROUP_COLUMNS], neighbour_frame


def peers_from_tables(groups: pd.DataFrame, neighbours: pd.DataFrame, level: str, period: str) -> Peers:
    """The :class:`Peers` of one level and youth year from the stored tables (empty groups when not stored)."""
    own = groups[(groups["level"] == level) & (groups["period"] == str(period))]
    k = own["k"].dropna()
    near: dict[str, list[dict]] = {}
    rows = neighbours[(neighbours["level"] == level) & (neighbours["period"] == str(period))]
    rows = rows.sort_values(["region_code", "position"])
    columns = (rows[c].tolist() for c in ("region_code", "neighbour_code", "neighbour_name", "distance"))
    for code, other, name, distance in zip(*columns, strict=True):
        near.setdefault(str(code), []).append({"region_code": str(other), "region_name": str(name),
                                               "distance": float(distance)})
    frame = own[["region_code", "region_name", "peer_group"]].reset_index(drop=True)
    frame["peer_group"] = frame["peer_group"].astype("Int64")
    return Peers(level, str(period), int(k.iloc[0]) if len(k) else None, {}, frame, near)
