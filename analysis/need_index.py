"""Where joint action is most needed: a composite need index with rank intervals.

Pure and seeded: ``(store or inputs, weights, normalisation, seed) -> frame``.  The method (JRC/OECD
Handbook on Constructing Composite Indicators, step by step) is in :data:`METHOD_TEXT`; the
uncertainty model in :mod:`analysis.uncertainty`; the components in :mod:`analysis.inputs`.

Index for region r:  I_r = sum_c w_c * N_c(x_rc), with x oriented (higher = more need), N the chosen
normalisation across the regions of one level, and w non-negative weights scaled to sum 1.
Rank 1 = most need.  The contribution of component c to I_r is w_c * N_c(x_rc); they sum to I_r.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.inputs import COMPONENTS, LEVELS, IndexInputs, load_inputs, source_period, spec, youth_periods
from analysis.method import METHOD_TEXT
from analysis.normalise import NORMALISATIONS, normalise
from analysis.uncertainty import DEFAULT_CONCENTRATION, draw_term, draw_weights, rank_intervals, ranks_desc

__all__ = ["COMPONENTS", "DEFAULT_WEIGHTS", "DEFAULT_SEED", "DEFAULT_DRAWS", "MAX_DRAWS", "MIN_DRAWS",
           "METHOD_TEXT", "NORMALISATIONS", "LEVELS", "WeightsError", "normalise_weights", "parse_weights",
           "format_weights", "compute_need_index", "need_index_layer", "need_index_table",
           "top_label", "valid_periods", "default_period", "published_layers"]

DEFAULT_WEIGHTS: dict[str, float] = {c: 1.0 for c in COMPONENTS}   # equal weights: no component favoured
DEFAULT_SEED = 20240601
DEFAULT_DRAWS = 1000
MIN_DRAWS, MAX_DRAWS = 10, 5000
WEIGHT_DECIMALS = 10      # normalised weights are rounded so that w and c*w give identical results


class WeightsError(ValueError):
    """Weights that cannot be used; ``valid`` says what can."""

    def __init__(self, message: str, valid: list[str] | str):
        super().__init__(message)
        self.valid = valid


def normalise_weights(weights: Mapping[str, float] | None, components: tuple[str, ...] = COMPONENTS) -> np.ndarray:
    """Weights as a vector over ``components`` summing to 1 (missing components: 0).

    Raises :class:`WeightsError` for unknown components, negative or non-finite weights, or all zeros.
    """
    weights = DEFAULT_WEIGHTS if weights is None else weights
    unknown = sorted(set(weights) - set(components))
    if unknown:
        raise WeightsError(f"unknown indicator(s) in weights: {', '.join(unknown)}", list(components))
    raw = np.zeros(len(components))
    for i, comp in enumerate(components):
        value = weights.get(comp, 0.0)
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise WeightsError(f"weight of {comp} is not a number: {value!r}", "non-negative numbers") from None
        if not math.isfinite(value) or value < 0:
            raise WeightsError(f"weight of {comp} must be a finite number >= 0, got {value!r}", "non-negative numbers")
        raw[i] = value
    total = raw.sum()
    if not total > 0:
        raise WeightsError("at least one weight must be above 0", "at least one weight > 0")
    return np.round(raw / total, WEIGHT_DECIMALS)


def parse_weights(text: str | None) -> dict[str, float]:
    """``'neet_share:2,early_school_leaver_rate:1'`` -> dict; components not named get weight 0.

    ``None`` or ``''`` gives the defaults.  Raises :class:`WeightsError`.
    """
    if text is None or not str(text).strip():
        return dict(DEFAULT_WEIGHTS)
    out: dict[str, float] = {}
    for item in str(text).split(","):
        if not item.strip():
            continue
        name, sep, value = item.partition(":")
        name = name.strip()
        if not sep:
            raise WeightsError(f"weight item {item!r} is not of the form indicator:number", list(COMPONENTS))
        if name not in COMPONENTS:
            raise WeightsError(f"unknown indicator {name!r} in weights", list(COMPONENTS))
        if name in out:
            raise WeightsError(f"indicator {name!r} given twice in weights", list(COMPONENTS))
        try:
            number = float(value)
        except ValueError:
            raise WeightsError(f"weight of {name} is not a number: {value!r}", "non-negative numbers") from None
        out[name] = number
    normalise_weights(out)      # validates
    return out


def format_weights(weights: Mapping[str, float]) -> str:
    """The inverse of :func:`parse_weights`, in component order: ``neet_share:2,...``."""
    return ",".join(f"{c}:{_short(weights.get(c, 0.0))}" for c in COMPONENTS if c in weights)


def _short(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


@dataclass(frozen=True)
class NeedIndexResult:
    frame: pd.DataFrame            # one row per region (see compute_need_index)
    missing: tuple[str, ...]       # regions without an index: a weighted component is missing
    weights: dict[str, float]      # normalised weights used
    level: str
    period: str
    normalisation: str
    draws: int
    seed: int


def compute_need_index(inputs: IndexInputs, weights: Mapping[str, float] | None = None,
                       normalisation: str = "zscore", draws: int = DEFAULT_DRAWS, seed: int = DEFAULT_SEED,
                       weight_perturbation: str = "dirichlet", concentration: float = DEFAULT_CONCENTRATION,
                       sampling: bool = True) -> NeedIndexResult:
    """The index, its decomposition and 90% rank intervals for every region of ``inputs``.

    Frame columns: region_code, region_name, index, rank, rank_low, rank_median, rank_high, n,
    interval_extended, contribution_<component> (every component; 0 for weight 0).
    Regions missing a component with weight > 0 get NaN index and ranks and are listed in ``missing``.
    ``rank`` is the rank of the point estimate (published figures, chosen weights), a permutation of
    1..n; ``rank_low``/``rank_high`` the 5th/95th percentile of simulated ranks, extended to contain
    ``rank`` where needed (``interval_extended``).
    """
    if normalisation not in NORMALISATIONS:
        raise ValueError(f"unknown normalisation {normalisation!r}; valid: {', '.join(NORMALISATIONS)}")
    if not MIN_DRAWS <= int(draws) <= MAX_DRAWS:
        raise ValueError(f"draws must be between {MIN_DRAWS} and {MAX_DRAWS}")
    components = inputs.components
    w = normalise_weights(weights, components)
    active = w > 0
    act_comps = tuple(c for c, a in zip(components, active, strict=True) if a)
    values = inputs.values(act_comps)
    complete = np.isfinite(values).all(axis=1)
    codes = np.asarray(inputs.region_codes)
    n = int(complete.sum())

    frame = pd.DataFrame({"region_code": codes, "region_name": np.asarray(inputs.region_names)})
    for col in ("index", "rank", "rank_low", "rank_median", "rank_high"):
        frame[col] = np.nan
    frame["n"] = n
    frame["interval_extended"] = False
    contrib = np.zeros((len(codes), len(components)))
    contrib[~complete] = np.nan

    if n:
        w_act = w[active]
        normed = normalise(values[complete], normalisation)
        parts = normed * w_act
        index = parts.sum(axis=1)
        rank = ranks_desc(index)
        contrib[np.ix_(complete, active)] = parts
        sims = _simulate(inputs, act_comps, complete, w_act, normalisation, int(draws), int(seed),
                         weight_perturbation, concentration, sampling)
        low, median, high = rank_intervals(sims)
        extended = (rank < low) | (rank > high)
        frame.loc[complete, "index"] = index
        frame.loc[complete, "rank"] = rank
        frame.loc[complete, "rank_low"] = np.minimum(low, rank)
        frame.loc[complete, "rank_median"] = median
        frame.loc[complete, "rank_high"] = np.maximum(high, rank)
        frame.loc[complete, "interval_extended"] = extended
    for i, comp in enumerate(components):
        frame[f"contribution_{comp}"] = contrib[:, i]
    for col in ("rank", "rank_low", "rank_median", "rank_high"):
        frame[col] = frame[col].astype("Int64")
    frame = frame.sort_values(["rank", "region_code"], na_position="last", kind="stable").reset_index(drop=True)
    used = dict(zip(components, w.tolist(), strict=True))
    return NeedIndexResult(frame, tuple(str(c) for c in codes[~complete]), used, inputs.level,
                           inputs.period, normalisation, int(draws), int(seed))


RANK_CHUNK = 500


def _simulate(inputs: IndexInputs, comps: tuple[str, ...], complete: np.ndarray, w: np.ndarray,
              normalisation: str, draws: int, seed: int, perturbation: str, concentration: float,
              sampling: bool) -> np.ndarray:
    """(D, n) ranks of the complete regions over ``draws`` simulated indices."""
    rng = np.random.default_rng(seed)
    n = int(complete.sum())
    sims = np.empty((draws, n, len(comps)))
    drawn: dict[tuple[str, str], np.ndarray] = {}      # one draw per published rate, shared by components
    for j, comp in enumerate(comps):
        total = np.zeros((draws, n))
        for term in inputs.terms[comp]:
            key = (spec(comp).indicator, term.period)
            if key not in drawn:
                rounding = (term.rounding.unit, term.rounding.cells) if term.rounding is not None else None
                drawn[key] = draw_term(rng, term.value, term.numerator, term.denominator, term.family, term.scale,
                                       draws, sampling, rounding)[:, complete]
            total += term.sign * drawn[key]
        orient = 1.0 if spec(comp).higher_is_more_need else -1.0
        sims[:, :, j] = orient * total
    drawn.clear()                                      # every random number is drawn in the same order as before
    weights = draw_weights(rng, w, draws, perturbation, concentration)
    ranks = np.empty((draws, n), dtype=np.intp)
    for start in range(0, draws, RANK_CHUNK):          # each draw is normalised on its own: chunks change nothing
        part = slice(start, start + RANK_CHUNK)         # but the peak memory (5,000 gemeente draws: 286 -> 217 MB)
        ranks[part] = ranks_desc(np.einsum("drc,dc->dr", normalise(sims[part], normalisation), weights[part]))
    return ranks


# --- store-level entry points (used by the dashboard, the API and the notebook) -------------------

def valid_periods(store, level: str = "arbeidsmarktregio", weights: Mapping[str, float] | None = None) -> list[str]:
    """Youth years at ``level`` where every component with weight > 0 has a figure of that year for at least half of
    the level's regions.  A component that ends earlier (or starts later) than the others leaves its missing years
    out of the index: a year is never filled with an older figure (``/methode`` says so)."""
    w = normalise_weights(weights)
    needed = [spec(c) for c, x in zip(COMPONENTS, w, strict=True) if x > 0]
    obs = store.observations
    rows = obs.loc[(obs["region_level"] == level) & obs["indicator"].isin({s.indicator for s in needed})
                   & obs["value"].notna(), ["indicator", "period", "region_code"]]
    present: dict[tuple[str, str], set[str]] = {
        (str(ind), str(per)): set(group) for (ind, per), group in rows.groupby(["indicator", "period"])["region_code"]}
    size = int((store.regions["region_level"] == level).sum())
    out = []
    for period in youth_periods(store, level):
        regions: set[str] | None = None
        for s in needed:
            pers = [source_period(s, period)] + ([source_period(s, period, lagged=True)] if s.change else [])
            for per in pers:
                have = present.get((s.indicator, per), set())
                regions = have if regions is None else regions & have
        if regions and 2 * len(regions) >= size:
            out.append(period)
    return out


def default_period(store, level: str = "arbeidsmarktregio", weights: Mapping[str, float] | None = None) -> str | None:
    """The latest youth year with data for every weighted component (None if there is none)."""
    periods = valid_periods(store, level, weights)
    return periods[-1] if periods else None


def published_layers(store) -> pd.DataFrame:
    """The published need index (equal weights, z-scores, default seed and draws) of every level and youth year,
    one long table (``level``, ``period`` and the columns of :func:`need_index_layer`): what the ETL build stores,
    so that no web worker has to draw it."""
    frames = []
    for level in LEVELS:
        for period in valid_periods(store, level):
            frames.append(need_index_layer(store, period, level=level).assign(level=level, period=period))
    if not frames:
        return pd.DataFrame(columns=["level", "period", "region_code"])
    out = pd.concat(frames, ignore_index=True)
    return out[["level", "period", *[c for c in out.columns if c not in ("level", "period")]]]


def need_index_layer(store, period: str | int | None = None, weights: Mapping[str, float] | None = None,
                     normalisation: str = "zscore", seed: int = DEFAULT_SEED, level: str = "arbeidsmarktregio",
                     draws: int = DEFAULT_DRAWS, inputs: IndexInputs | None = None) -> pd.DataFrame:
    """One row per region of ``level``: region_code, index, rank, rank_low, rank_high (+ name, median, n,
    contributions).  ``period=None``: :func:`default_period`.  ``result.attrs`` holds period, weights,
    normalisation, seed, draws and the list of regions without an index (``missing``).  ``inputs``: what
    :func:`load_inputs` gives for ``store``, ``level`` and ``period``, when the caller holds it already."""
    period = default_period(store, level, weights) if period is None else str(period)
    if period is None:
        raise ValueError(f"no youth year has data for the weighted components at level {level}")
    if inputs is None and period not in valid_periods(store, level, weights):
        raise ValueError(f"youth year {period} has no figures for every weighted component at level {level}; "
                         f"years with an index: {', '.join(valid_periods(store, level, weights)) or 'none'}")
    if inputs is None:
        inputs = load_inputs(store, level, period)
    elif (inputs.level, inputs.period) != (level, period):
        raise ValueError(f"inputs of {inputs.level} {inputs.period} given for {level} {period}")
    result = compute_need_index(inputs, weights, normalisation, draws, seed)
    frame = result.frame
    frame.attrs.update(period=result.period, level=level, weights=result.weights, normalisation=normalisation,
                       seed=result.seed, draws=result.draws, missing=list(result.missing))
    return frame


def need_index_table(inputs: IndexInputs, groups: pd.DataFrame, weights: Mapping[str, float] | None = None,
                     normalisation: str = "zscore", seed: int = DEFAULT_SEED, draws: int = DEFAULT_DRAWS,
                     published: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`need_index_layer` of the inputs' level and youth year with each region's peer group (``groups``:
    region_code, peer_group) and ``is_demo``: whether any figure its index reads is demo data.  ``published``: that
    layer as the ETL build stored it (equal weights, z-scores, default seed and draws), used instead of drawing it:
    only for the query it was drawn for (the caller's to check)."""
    layer = published if published is not None else need_index_layer(
        None, inputs.period, weights, normalisation=normalisation, seed=seed, level=inputs.level, draws=draws,
        inputs=inputs)
    table = layer.merge(groups, on="region_code", how="left")
    table["is_demo"] = [code in inputs.demo for code in table["region_code"]]
    table.attrs = dict(layer.attrs)
    return table


TOP_LABELS = {
    "certain": {"nl": "zeker in top {k}", "en": "certainly in the top {k}"},
    "possible": {"nl": "mogelijk top {k}", "en": "possibly top {k}"},
    "indistinct": {"nl": "niet te onderscheiden", "en": "cannot be distinguished"},
    "outside": {"nl": "niet in top {k}", "en": "not in the top {k}"},
}


def top_label(rank_low: int, rank_high: int, n: int, k: int = 5, lang: str | None = None) -> str:
    """A safe way to speak about a region's place, from its 90% rank interval.

    ``certain``: rank_high <= k (the whole interval is in the top k) — the only case that may be
    called "top k"; ``outside``: rank_low > k (none of it is); of the intervals that reach into the
    top k, ``indistinct`` when it spans half the regions or more (the data cannot place it), else
    ``possible``.  A region whose interval lies wholly below the top k is never "indistinct": it is
    certainly not in the top k, however wide its interval.
    With ``lang`` ('nl'|'en') the sentence is returned instead of the code.
    """
    if rank_high <= k:
        code = "certain"
    elif rank_low > k:
        code = "outside"
    elif rank_high - rank_low + 1 >= max(n / 2, k + 1):
        code = "indistinct"
    else:
        code = "possible"
    return TOP_LABELS[code][lang].format(k=k) if lang else code
