"""Uncertainty of the need index: small numbers, weights, and the rank intervals they give.

Two sources of uncertainty are simulated together, D draws at once (numpy arrays regions x draws):

1. Small numbers.  CBS's youth and school figures are complete register counts, not samples, but a
   rate from 300 young people says less about a region's underlying situation than one from 30,000.
   Each published rate x/n is treated as an estimate of an underlying rate.  Per indicator, period and
   level an empirical-Bayes prior is fitted by the method of moments across all regions of that level
   (beta-binomial for shares, gamma-Poisson for rates per 1000):

       mu = sum(x) / sum(n)                              pooled rate
       s2 = sum(n_i (p_i - mu)^2) / sum(n)               population-weighted variance of the rates
       A  = s2 - V(mu) / mean(n)                         between-region variance (V = mu(1-mu) or mu)
       M  = V(mu) / A  (binomial: minus 1)               prior size in persons, capped at median(n)

   and each region's rate is drawn from
       Beta(x + 1/2 + mu M, n - x + 1/2 + (1 - mu) M)    shares (Jeffreys' 1/2 plus the EB prior)
       Gamma(x + 1/2 + mu M, rate = n + M)               rates per 1000 (Poisson counts)
   times 100 or 1000.  A region's own data weigh n / (n + M): large regions keep their rate, small
   gemeenten are pulled toward the pooled rate.  When A <= 0 (no between-region variation beyond
   chance) M takes its cap.  Regions without counts keep their published value in every draw.
   Each published rate is drawn once per draw: the one-year change of the NEET share uses the same
   draw of year Y as the NEET-share component, and an independent draw of year Y-1.

   Rounding.  CBS publishes the counts rounded (a gemeente's 0 is 0 to 4 when rounded to 10, a
   region's 100 is 50 to 149 when rounded to 100).  Where the store declares a rounding unit u, each
   draw first places the true count uniformly in its rounding interval [x - u/2, x + u/2), cut at 0
   (so a published 0 becomes U(0, u/2)); a count the ETL summed from k rounded counts gets the sum of
   k such uniforms.  The Beta/Gamma draw then uses the drawn counts, so intervals widen exactly where
   rounding matters (small counts) and hardly where it does not.  Exact counts draw nothing extra.

2. Weights.  Around the chosen weights w (summing to 1) each draw takes
   ``dirichlet``: w_d ~ Dirichlet(concentration * w), concentration 50 (default); or
   ``uniform``:   w_d = w * U(0.8, 1.2) per component, renormalised; or ``none``.
   Components with weight 0 stay at 0.

Every draw runs the whole index (normalisation within the draw, weighted mean, ranks), as the
JRC/OECD handbook recommends for uncertainty analysis.  Rank intervals are the 5th and 95th
percentiles of the draws' ranks (rank 1 = most need), medians the 50th.
"""

from __future__ import annotations

import numpy as np

WEIGHT_PERTURBATIONS = ("dirichlet", "uniform", "none")
DEFAULT_CONCENTRATION = 50.0
UNIFORM_SPREAD = 0.2


def eb_prior(x: np.ndarray, n: np.ndarray, family: str) -> tuple[float, float]:
    """Method-of-moments empirical-Bayes prior (pooled rate ``mu``, prior size ``M`` in persons).

    Returns ``(nan, 0)`` when fewer than three regions have usable counts (then Jeffreys alone).
    """
    ok = np.isfinite(x) & np.isfinite(n) & (n > 0) & (x >= 0)
    if ok.sum() < 3:
        return float("nan"), 0.0
    x, n = x[ok], n[ok]
    total = n.sum()
    mu = x.sum() / total
    if family == "binomial":
        var_unit = mu * (1.0 - mu)
    elif family == "poisson":
        var_unit = mu
    else:
        raise ValueError(f"unknown family {family!r}")
    p = x / n
    s2 = float(np.sum(n * (p - mu) ** 2) / total)
    between = s2 - var_unit / n.mean()
    cap = float(np.median(n))
    if var_unit <= 0:
        return float(mu), 0.0
    if between <= 0:
        return float(mu), cap
    size = var_unit / between - (1.0 if family == "binomial" else 0.0)
    return float(mu), float(min(max(size, 0.0), cap))


def shrunk_rate(x: np.ndarray, n: np.ndarray, family: str, scale: float) -> np.ndarray:
    """Posterior mean of each region's rate (the point the draws scatter around), times ``scale``."""
    mu, size = eb_prior(x, n, family)
    prior = 0.0 if not np.isfinite(mu) else mu * size
    with np.errstate(divide="ignore", invalid="ignore"):
        if family == "binomial":
            return scale * (x + 0.5 + prior) / (n + 1.0 + size)
        return scale * (x + 0.5 + prior) / (n + size)


def draw_rounded(rng: np.random.Generator, count: np.ndarray, unit: np.ndarray, cells: np.ndarray,
                 draws: int) -> np.ndarray:
    """(D, R) true counts consistent with published ``count`` rounded to ``unit`` (sum of ``cells`` roundings).

    One rounded count: U(max(x - u/2, 0), x + u/2).  A sum of k rounded counts: x plus the sum of k
    U(-u/2, u/2), cut at 0.  Regions with unit <= 1 keep their count.
    """
    out = np.broadcast_to(count, (draws, count.size)).astype(float)
    rounded = unit > 1
    if not rounded.any():
        return out
    single = rounded & (cells <= 1)
    if single.any():
        low = np.maximum(count[single] - unit[single] / 2, 0.0)
        out[:, single] = rng.uniform(low, count[single] + unit[single] / 2, size=(draws, int(single.sum())))
    for r in np.flatnonzero(rounded & (cells > 1)):
        k = int(cells[r])
        noise = rng.uniform(-unit[r] / 2, unit[r] / 2, size=(draws, k)).sum(axis=1)
        out[:, r] = np.maximum(count[r] + noise, 0.0)
    return out


def draw_term(rng: np.random.Generator, value: np.ndarray, x: np.ndarray, n: np.ndarray,
              family: str, scale: float, draws: int, sampling: bool = True,
              rounding: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """(D, R) draws of one published rate; regions without counts keep ``value``.

    ``rounding``: (unit, cells) per region of the published counts (see :func:`draw_rounded`); None: exact.
    """
    out = np.broadcast_to(value, (draws, value.size)).copy()
    if not sampling:
        return out
    counted = np.isfinite(x) & np.isfinite(n) & (n > 0) & (x >= 0) & (x <= (n if family == "binomial" else np.inf))
    if not counted.any():
        return out
    mu, size = eb_prior(x, n, family)
    prior = 0.0 if not np.isfinite(mu) else mu * size
    xs, ns = x[counted], n[counted]
    if rounding is not None and np.any(rounding[0][counted] > 1):
        unit, cells = rounding[0][counted], rounding[1][counted]
        xs = draw_rounded(rng, xs, unit, cells, draws)
        ns = draw_rounded(rng, ns, unit, cells, draws)
        if family == "binomial":
            ns = np.maximum(ns, xs)
    if family == "binomial":
        a = xs + 0.5 + prior
        b = ns - xs + 0.5 + (size - prior)
        out[:, counted] = scale * rng.beta(a, b, size=(draws, int(counted.sum())))
    else:
        shape = xs + 0.5 + prior
        out[:, counted] = scale * rng.gamma(shape, 1.0 / (ns + size), size=(draws, int(counted.sum())))
    return out


def draw_weights(rng: np.random.Generator, weights: np.ndarray, draws: int,
                 perturbation: str = "dirichlet", concentration: float = DEFAULT_CONCENTRATION) -> np.ndarray:
    """(D, C) weight vectors around ``weights`` (summing to 1); zero weights stay zero."""
    if perturbation not in WEIGHT_PERTURBATIONS:
        raise ValueError(f"unknown weight perturbation {perturbation!r}; valid: {', '.join(WEIGHT_PERTURBATIONS)}")
    out = np.broadcast_to(weights, (draws, weights.size)).copy()
    active = weights > 0
    if perturbation == "none" or active.sum() < 2:
        return out
    if perturbation == "dirichlet":
        out[:, active] = rng.dirichlet(concentration * weights[active], size=draws)
    else:
        factor = rng.uniform(1.0 - UNIFORM_SPREAD, 1.0 + UNIFORM_SPREAD, size=(draws, int(active.sum())))
        perturbed = weights[active] * factor
        out[:, active] = perturbed / perturbed.sum(axis=1, keepdims=True)
    return out


def ranks_desc(index: np.ndarray) -> np.ndarray:
    """Ranks along the last axis, 1 = highest value; ties keep the order of the regions (stable)."""
    order = np.argsort(-index, axis=-1, kind="stable")
    ranks = np.empty_like(order)
    positions = np.broadcast_to(np.arange(1, index.shape[-1] + 1), index.shape)
    np.put_along_axis(ranks, order, positions, axis=-1)
    return ranks


def rank_intervals(rank_draws: np.ndarray, low: float = 0.05, high: float = 0.95) -> np.ndarray:
    """(3, R) array: the ``low``, 0.5 and ``high`` quantiles of each region's draws (observed ranks)."""
    return np.quantile(rank_draws, [low, 0.5, high], axis=0, method="inverted_cdf").astype(int)
