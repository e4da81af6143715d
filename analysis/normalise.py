"""Normalisation of oriented component values across regions (step 5 of the JRC/OECD handbook).

Every function takes an array whose second-to-last axis is the regions axis — ``(R, C)`` for the
point estimate, ``(D, R, C)`` for D simulation draws — and normalises each component (last axis)
across regions, within each draw.  All three keep the order of regions within a component, so
raising a region's value never lowers its normalised score.

- ``zscore``: (x - mean) / standard deviation (population, ddof=0); 0 where all regions are equal.
- ``minmax``: (x - min) / (max - min), in [0, 1]; 0 where all regions are equal.
- ``rank``:   (average rank - 1) / (R - 1), in [0, 1]; ties share their average rank.
"""

from __future__ import annotations

import numpy as np

NORMALISATIONS = ("zscore", "minmax", "rank")


def zscore(x: np.ndarray) -> np.ndarray:
    mean = x.mean(axis=-2, keepdims=True)
    sd = x.std(axis=-2, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(sd > 0, (x - mean) / np.where(sd > 0, sd, 1.0), 0.0)


def minmax(x: np.ndarray) -> np.ndarray:
    low = x.min(axis=-2, keepdims=True)
    span = x.max(axis=-2, keepdims=True) - low
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(span > 0, (x - low) / np.where(span > 0, span, 1.0), 0.0)


def rank(x: np.ndarray) -> np.ndarray:
    n = x.shape[-2]
    if n < 2:
        return np.zeros_like(x, dtype=float)
    return (average_ranks(x, axis=-2) - 1.0) / (n - 1.0)


def average_ranks(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Ranks 1..n along ``axis``; ties share their average rank; a slice holding NaN is all NaN.

    The same numbers as ``scipy.stats.rankdata(x, axis=axis, method="average")`` (tested), in numpy alone.
    """
    moved = np.moveaxis(np.asarray(x, dtype=float), axis, -1)
    n = moved.shape[-1]
    order = np.argsort(moved, axis=-1, kind="mergesort")
    ordered = np.take_along_axis(moved, order, axis=-1)
    position = np.broadcast_to(np.arange(n), ordered.shape)
    starts = np.ones(ordered.shape, dtype=bool)
    starts[..., 1:] = ordered[..., 1:] != ordered[..., :-1]
    ends = np.ones(ordered.shape, dtype=bool)
    ends[..., :-1] = ordered[..., 1:] != ordered[..., :-1]
    first = np.maximum.accumulate(np.where(starts, position, 0), axis=-1)
    last = np.flip(np.minimum.accumulate(np.flip(np.where(ends, position, n - 1), axis=-1), axis=-1), axis=-1)
    ranks = np.empty_like(ordered)
    np.put_along_axis(ranks, order, (first + last) / 2.0 + 1.0, axis=-1)
    ranks = np.where(np.isnan(moved).any(axis=-1, keepdims=True), np.nan, ranks)
    return np.moveaxis(ranks, -1, axis)


_FUNCTIONS = {"zscore": zscore, "minmax": minmax, "rank": rank}


def normalise(x: np.ndarray, method: str) -> np.ndarray:
    """Normalise ``x`` (regions on axis -2, components on axis -1) with ``method``."""
    try:
        fn = _FUNCTIONS[method]
    except KeyError:
        raise ValueError(f"unknown normalisation {method!r}; valid: {', '.join(NORMALISATIONS)}") from None
    if x.shape[-2] == 0:
        return np.asarray(x, dtype=float)
    return fn(np.asarray(x, dtype=float))
