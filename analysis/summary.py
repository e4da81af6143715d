"""One region's place in the need index, with its peers: the summary a notebook or report asks for.

Kept apart from :mod:`analysis.need_index` because it needs the peers (scikit-learn), which web workers never import
(they read the peers the ETL build stored).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from analysis.inputs import COMPONENTS
from analysis.need_index import DEFAULT_DRAWS, DEFAULT_SEED, need_index_layer, top_label
from analysis.peers import find_peers


def region_need_summary(store, region_code: str, period: str | int | None = None,
                        weights: Mapping[str, float] | None = None, normalisation: str = "zscore",
                        seed: int = DEFAULT_SEED, draws: int = DEFAULT_DRAWS, n_neighbours: int = 5) -> dict:
    """A region's place: rank with 90% interval among ``n`` regions, contributions, peers.

    Keys: region_code, level, period, index, rank, rank_low, rank_high, rank_median, n, label
    (see :func:`top_label`), contributions {component: value}, peer_group, peers [{region_code,
    region_name, distance}], missing (True when the region has no index).
    """
    level = {"GM": "gemeente", "MC": "rmc"}.get(str(region_code)[:2], "arbeidsmarktregio")
    layer = need_index_layer(store, period, weights, normalisation, seed, level, draws)
    rows = layer[layer["region_code"] == region_code]
    if rows.empty:
        raise KeyError(f"unknown region {region_code!r} at level {level}")
    row = rows.iloc[0]
    peers = find_peers(store, level, layer.attrs["period"], n_neighbours=n_neighbours)
    missing = pd.isna(row["index"])
    out = {
        "region_code": region_code, "region_name": row["region_name"], "level": level,
        "period": layer.attrs["period"], "normalisation": normalisation, "weights": layer.attrs["weights"],
        "index": None if missing else float(row["index"]), "n": int(row["n"]), "missing": bool(missing),
        "contributions": {c: (None if missing else float(row[f"contribution_{c}"])) for c in COMPONENTS},
    }
    for col in ("rank", "rank_low", "rank_median", "rank_high"):
        out[col] = None if missing else int(row[col])
    out["label"] = None if missing else top_label(out["rank_low"], out["rank_high"], out["n"])
    out["peer_group"] = peers.group_of(region_code)
    out["peers"] = peers.neighbours_of(region_code)
    return out
