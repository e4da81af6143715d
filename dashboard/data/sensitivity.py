"""One-at-a-time sensitivity of the need index: how each region's rank moves when one weight is dropped or doubled.

For every component with a weight above 0, two variants of the chosen weighting: that component left out
(weight 0) and that component counted double (weight × 2), the other weights unchanged.  Each variant ranks
the regions by the index of the published figures (the point estimate of
:func:`analysis.need_index.compute_need_index`, with the same normalisation, weighted mean and ranking), so no
draws are needed: ten variants at gemeente level take milliseconds.  Memoised in the view (kind
``sensitivity``), per level, year, normalised weights and normalisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from analysis.inputs import COMPONENTS, IndexInputs
from analysis.need_index import normalise_weights
from analysis.normalise import normalise
from analysis.uncertainty import ranks_desc
from dashboard.data.need import NeedQuery, need_inputs
from dashboard.data.view import StoreView

KINDS = ("drop", "double")


@dataclass(frozen=True)
class Sensitivity:
    """``frame``: region_code, region_name, rank (chosen weights), then ``rank_<kind>_<component>`` and
    ``shift_<kind>_<component>`` (new rank minus rank: negative = moves up, towards more need) per variant,
    and ``max_shift`` (largest absolute move over the variants).  ``variants``: (kind, component) in order."""

    frame: pd.DataFrame
    variants: tuple[tuple[str, str], ...]
    n: int

    def column(self, name: str) -> np.ndarray:
        """A rank or shift column as floats, NaN where missing."""
        return self.frame[name].to_numpy(dtype=float, na_value=np.nan)

    def top_unchanged(self, k: int = 5) -> int:
        """In how many variants the same regions (in any order) make up the top ``k``."""
        codes = self.frame["region_code"].to_numpy()
        base = set(codes[self.column("rank") <= k])
        return sum(set(codes[self.column(f"rank_{kind}_{comp}") <= k]) == base for kind, comp in self.variants)

    def largest_move(self) -> dict[str, Any] | None:
        """The region and variant with the largest move (ties: the better-ranked region, the first variant)."""
        best: dict[str, Any] | None = None
        for kind, comp in self.variants:
            shifts = self.column(f"shift_{kind}_{comp}")
            if np.isnan(shifts).all():
                continue
            i = int(np.nanargmax(np.abs(shifts)))          # the first of the largest: the better-ranked region
            if best is None or abs(shifts[i]) > abs(best["shift"]):
                row = self.frame.iloc[i]
                best = {"region_code": row["region_code"], "region_name": row["region_name"],
                        "rank": int(row["rank"]), "shift": int(shifts[i]), "kind": kind, "component": comp}
        return best


def point_ranks(inputs: IndexInputs, weights: dict[str, float], normalisation: str) -> np.ndarray:
    """Rank of every region of ``inputs`` by the index of the published figures (NaN without an index).

    The same steps as :func:`analysis.need_index.compute_need_index` without its draws: weights scaled to sum 1,
    components with weight 0 left out, regions missing a weighted component without an index.
    """
    w = normalise_weights(weights, inputs.components)
    active = w > 0
    values = inputs.values(tuple(c for c, a in zip(inputs.components, active, strict=True) if a))
    complete = np.isfinite(values).all(axis=1)
    ranks = np.full(len(inputs.region_codes), np.nan)
    if complete.any():
        index = (normalise(values[complete], normalisation) * w[active]).sum(axis=1)
        ranks[complete] = ranks_desc(index)
    return ranks


def variants(weights: dict[str, float]) -> list[tuple[str, str, dict[str, float]]]:
    """(kind, component, weights) for every component with a weight above 0: dropped, doubled."""
    out = []
    for comp in COMPONENTS:
        if weights.get(comp, 0.0) > 0:
            dropped = {**weights, comp: 0.0}
            if any(v > 0 for v in dropped.values()):
                out.append(("drop", comp, dropped))
            out.append(("double", comp, {**weights, comp: 2 * weights[comp]}))
    return out


def sensitivity(view: StoreView, query: NeedQuery) -> Sensitivity:
    """The one-at-a-time sensitivity of ``query``'s ranking (shared: do not modify the frame)."""
    key = (query.level, query.period, query.normalised_weights, query.normalisation)
    return view.cached("sensitivity", key, lambda: _sensitivity(view, query))


def _sensitivity(view: StoreView, query: NeedQuery) -> Sensitivity:
    inputs = need_inputs(view, query.level, query.period)
    weights = dict(query.normalised_weights)
    base = point_ranks(inputs, weights, query.normalisation)
    columns: dict[str, np.ndarray] = {"rank": base}
    done = []
    for kind, comp, changed in variants(weights):
        ranks = point_ranks(inputs, changed, query.normalisation)
        columns[f"rank_{kind}_{comp}"] = ranks
        columns[f"shift_{kind}_{comp}"] = ranks - base
        done.append((kind, comp))
    shifts = np.column_stack([columns[f"shift_{k}_{c}"] for k, c in done]) if done else np.empty((len(base), 0))
    largest = np.where(np.isnan(shifts), -1.0, np.abs(shifts)).max(axis=1, initial=-1.0)
    columns["max_shift"] = np.where(largest < 0, np.nan, largest)
    frame = pd.DataFrame({"region_code": inputs.region_codes, "region_name": inputs.region_names,
                          **{k: pd.array(np.where(np.isfinite(v), v, np.nan), dtype="Float64").astype("Int64")
                             for k, v in columns.items()}})
    frame = frame.sort_values(["rank", "region_code"], na_position="last", kind="stable").reset_index(drop=True)
    return Sensitivity(frame, tuple(done), int(frame["rank"].notna().sum()))
