"""Peer regions: regions with a similar youth labour-market profile (scikit-learn).

Profile: the four level indicators of the need index (neet_share, youth_jobseeker_rate,
youth_benefit_share, early_school_leaver_rate) for one youth year (default: the latest with data),
standardised with ``StandardScaler`` across the regions of one level.  Regions missing any of the
four are left out (no group, no neighbours).

- Peer groups: ``KMeans`` (``random_state=0``, ``n_init=10``) for k = 2..8; the k with the highest
  silhouette score wins (ties: the smaller k).  Groups are numbered 1..k by their centroid's mean
  standardised value, highest first: group 1 is the group with the highest overall need profile.
- Regions like yours: ``NearestNeighbors`` (Euclidean distance in standardised units), the
  ``n_neighbours`` (default 5) nearest other regions with their distances.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.metrics import silhouette_score
from sklearn.neighbors import NearestNeighbors
from sklearn.preprocessing import StandardScaler
from threadpoolctl import threadpool_limits

from analysis.inputs import LEVELS, load_inputs, youth_periods
from analysis.peer_table import Peers, peer_tables

PROFILE = ("neet_share", "youth_jobseeker_rate", "youth_benefit_share", "early_school_leaver_rate")
K_RANGE = range(2, 9)
RANDOM_STATE = 0


def profile_frame(store, level: str, period: str) -> pd.DataFrame:
    """Region x profile indicator values (region_code index) for one youth year."""
    inputs = load_inputs(store, level, period, PROFILE)
    frame = pd.DataFrame(inputs.values(PROFILE), columns=list(PROFILE), index=list(inputs.region_codes))
    frame.index.name = "region_code"
    frame.insert(0, "region_name", list(inputs.region_names))
    return frame


def latest_profile_period(store, level: str) -> str | None:
    from analysis.inputs import youth_periods
    for period in reversed(youth_periods(store, level)):
        values = profile_frame(store, level, period)[list(PROFILE)]
        if values.notna().all(axis=1).sum() >= 3:
            return period
    return None


def find_peers(store, level: str = "arbeidsmarktregio", period: str | None = None, n_neighbours: int = 5,
               k_range: range = K_RANGE, random_state: int = RANDOM_STATE) -> Peers:
    """Peer groups and nearest neighbours of every region of ``level`` for youth year ``period``."""
    period = latest_profile_period(store, level) if period is None else str(period)
    if period is None:
        return Peers(level, "", None, {}, pd.DataFrame(columns=["region_code", "region_name", "peer_group"]))
    profile = profile_frame(store, level, period)
    return peers_from_profile(profile, level, period, n_neighbours, k_range, random_state)


def peers_from_profile(profile: pd.DataFrame, level: str, period: str, n_neighbours: int = 5,
                       k_range: range = K_RANGE, random_state: int = RANDOM_STATE) -> Peers:
    values = profile[list(PROFILE)]
    ok = values.notna().all(axis=1).to_numpy()
    codes = profile.index.to_numpy()
    names = profile["region_name"].to_numpy()
    groups = pd.DataFrame({"region_code": codes, "region_name": names,
                           "peer_group": pd.array([pd.NA] * len(codes), dtype="Int64")})
    n = int(ok.sum())
    if n < 3:
        return Peers(level, period, None, {}, groups)
    x = StandardScaler().fit_transform(values.to_numpy(float)[ok])
    k, scores, labels = _best_kmeans(x, k_range, random_state)
    groups.loc[ok, "peer_group"] = labels
    neighbours = _neighbours(x, codes[ok], names[ok], min(n_neighbours, n - 1))
    return Peers(level, period, k, scores, groups, neighbours)


def _best_kmeans(x: np.ndarray, k_range: range, random_state: int) -> tuple[int, dict[int, float], np.ndarray]:
    n_distinct = len(np.unique(x.round(12), axis=0))
    scores: dict[int, float] = {}
    fitted: dict[int, np.ndarray] = {}
    with threadpool_limits(limits=1):        # tiny data: threads only add overhead (3x slower measured)
        for k in k_range:
            if k >= n_distinct:
                break
            model = KMeans(n_clusters=k, random_state=random_state, n_init=10).fit(x)
            scores[k] = float(silhouette_score(x, model.labels_))
            fitted[k] = _renumber(x, model.labels_)
    if not scores:
        return 1, {}, np.ones(len(x), dtype=int)
    best = max(scores, key=lambda kk: (round(scores[kk], 12), -kk))
    return best, scores, fitted[best]


def _renumber(x: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Groups 1..k ordered by the mean standardised value of their centroid, highest first."""
    ids = np.unique(labels)
    level = np.array([x[labels == i].mean() for i in ids])
    order = ids[np.argsort(-level, kind="stable")]
    mapping = {old: new for new, old in enumerate(order, start=1)}
    return np.array([mapping[v] for v in labels])


def _neighbours(x: np.ndarray, codes: np.ndarray, names: np.ndarray, k: int) -> dict[str, list[dict]]:
    if k < 1:
        return {}
    model = NearestNeighbors(n_neighbors=min(k + 1, len(x))).fit(x)
    dist, idx = model.kneighbors(x)
    out: dict[str, list[dict]] = {}
    for i, code in enumerate(codes):
        pairs = [(d, j) for d, j in zip(dist[i], idx[i], strict=True) if j != i][:k]
        out[str(code)] = [{"region_code": str(codes[j]), "region_name": str(names[j]), "distance": round(float(d), 6)}
                          for d, j in pairs]
    return out


def all_peers(store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Peer groups and neighbours for every level and youth year with enough profiles, as the stored tables
    (:func:`analysis.peer_table.peer_tables`): what the ETL build writes into the store."""
    found = []
    for level in LEVELS:
        for period in youth_periods(store, level):
            found.append(find_peers(store, level, period))
    return peer_tables(found)
