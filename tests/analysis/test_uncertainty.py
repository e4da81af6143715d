"""Small-number uncertainty (empirical Bayes + Jeffreys), weight perturbation, ranks, normalisation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.normalise import normalise
from analysis.uncertainty import draw_term, draw_weights, eb_prior, rank_intervals, ranks_desc, shrunk_rate


def test_eb_prior_homogeneous_rates_shrink_fully_to_the_cap():
    n = np.array([1000.0, 2000, 3000, 4000])
    x = 0.05 * n                                   # identical rates: no between-region variance
    mu, size = eb_prior(x, n, "binomial")
    assert mu == pytest.approx(0.05) and size == pytest.approx(np.median(n))


def test_eb_prior_heterogeneous_rates_shrink_little():
    n = np.full(10, 50_000.0)
    x = n * np.linspace(0.02, 0.10, 10)
    mu, size = eb_prior(x, n, "binomial")
    assert size < 0.01 * n[0]                      # large regions keep (almost) their own rate


def test_small_areas_are_pulled_toward_the_pooled_rate_more_than_large_ones():
    rng = np.random.default_rng(1)
    n = np.concatenate([np.full(20, 20_000.0), [60.0]])
    p = np.concatenate([rng.uniform(0.04, 0.06, 20), [0.20]])
    x = np.round(p * n)
    mu, _ = eb_prior(x, n, "binomial")
    shrunk = shrunk_rate(x, n, "binomial", 1.0)
    raw = x / n
    assert abs(shrunk[-1] - mu) < 0.5 * abs(raw[-1] - mu)          # the tiny area moves at least half-way
    assert np.all(np.abs(shrunk[:20] - raw[:20]) < 0.003)             # big areas barely move


def test_eb_prior_needs_three_regions():
    mu, size = eb_prior(np.array([1.0, 2.0]), np.array([10.0, 20.0]), "binomial")
    assert np.isnan(mu) and size == 0.0
    with pytest.raises(ValueError):
        eb_prior(np.ones(4), np.full(4, 10.0), "normal")


def test_poisson_prior_and_draws():
    n = np.array([10_000.0, 20_000, 500, 40_000])
    x = np.array([300.0, 700, 40, 1200])
    mu, size = eb_prior(x, n, "poisson")
    assert 0 < mu < 1 and size >= 0
    draws = draw_term(np.random.default_rng(0), 1000 * x / n, x, n, "poisson", 1000.0, 4000)
    assert draws.shape == (4000, 4)
    np.testing.assert_allclose(draws.mean(axis=0), shrunk_rate(x, n, "poisson", 1000.0), rtol=0.02)


def test_draws_scatter_around_the_posterior_mean_and_keep_uncounted_values():
    n = np.array([5000.0, 8000, np.nan, 12000, 300])
    x = np.array([250.0, 560, np.nan, 480, 30])
    value = np.array([5.0, 7.0, 6.5, 4.0, 10.0])
    draws = draw_term(np.random.default_rng(2), value, x, n, "binomial", 100.0, 5000)
    assert np.all(draws[:, 2] == 6.5)                               # no counts: the published value
    counted = [0, 1, 3, 4]
    np.testing.assert_allclose(draws[:, counted].mean(axis=0), shrunk_rate(x, n, "binomial", 100.0)[counted], rtol=0.02)
    assert draws[:, 4].std() > draws[:, 3].std()                    # small numbers, wider
    no_sampling = draw_term(np.random.default_rng(2), value, x, n, "binomial", 100.0, 10, sampling=False)
    assert np.all(no_sampling == value)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from([0.0, 0.5, 1.0, 2.0, 3.0]), min_size=2, max_size=6).filter(lambda w: sum(w) > 0),
       st.sampled_from(["dirichlet", "uniform", "none"]), st.integers(0, 10_000))
def test_weight_draws_sum_to_one_and_keep_zeros(weights, how, seed):
    w = np.array(weights) / sum(weights)
    draws = draw_weights(np.random.default_rng(seed), w, 200, how)
    np.testing.assert_allclose(draws.sum(axis=1), 1.0)
    assert np.all(draws[:, w == 0] == 0) and np.all(draws >= 0)


def test_dirichlet_weights_centre_on_the_chosen_weights():
    w = np.array([0.5, 0.25, 0.25, 0.0])
    draws = draw_weights(np.random.default_rng(0), w, 20_000, "dirichlet", 50.0)
    np.testing.assert_allclose(draws.mean(axis=0), w, atol=0.005)
    with pytest.raises(ValueError):
        draw_weights(np.random.default_rng(0), w, 10, "gaussian")


def test_ranks_desc_and_intervals():
    index = np.array([[0.1, 0.9, 0.5], [0.2, 0.1, 0.3]])
    np.testing.assert_array_equal(ranks_desc(index), [[3, 1, 2], [2, 3, 1]])
    ranks = np.array([[1, 2, 3]] * 90 + [[3, 2, 1]] * 10)
    low, median, high = rank_intervals(ranks)
    np.testing.assert_array_equal(low, [1, 2, 1])
    np.testing.assert_array_equal(median, [1, 2, 3])
    np.testing.assert_array_equal(high, [3, 2, 3])


@pytest.mark.parametrize("method", ["zscore", "minmax", "rank"])
def test_normalise_per_draw_equals_normalise_of_each_draw(method):
    x = np.random.default_rng(0).normal(size=(7, 9, 3))
    batched = normalise(x, method)
    for d in range(7):
        np.testing.assert_allclose(batched[d], normalise(x[d], method))


def test_normalisations():
    x = np.array([[1.0, 5.0], [2.0, 5.0], [4.0, 5.0]])
    z = normalise(x, "zscore")
    np.testing.assert_allclose(z[:, 0].mean(), 0, atol=1e-12)
    np.testing.assert_allclose(z[:, 0].std(), 1)
    assert np.all(z[:, 1] == 0)                                     # a constant component adds nothing
    np.testing.assert_allclose(normalise(x, "minmax")[:, 0], [0, 1 / 3, 1])
    np.testing.assert_allclose(normalise(x, "rank")[:, 0], [0, 0.5, 1])
    np.testing.assert_allclose(normalise(x, "rank")[:, 1], [0.5, 0.5, 0.5])   # ties share their rank
    with pytest.raises(ValueError):
        normalise(x, "log")


# --- CBS rounding ---------------------------------------------------------------------------------------

def test_rounded_counts_are_drawn_within_their_rounding_interval():
    from analysis.uncertainty import draw_rounded
    count = np.array([100.0, 0.0, 40.0, 7.0])
    unit = np.array([100.0, 10.0, 10.0, 0.0])
    draws = draw_rounded(np.random.default_rng(3), count, unit, np.ones(4), 20_000)
    assert draws[:, 0].min() >= 50 and draws[:, 0].max() < 150          # a published 100 is 50 to 149
    assert draws[:, 1].min() >= 0 and draws[:, 1].max() < 5             # a published 0 is 0 to 4, never negative
    assert draws[:, 2].min() >= 35 and draws[:, 2].max() < 45
    assert np.all(draws[:, 3] == 7)                                     # exact counts stay exact
    np.testing.assert_allclose(draws[:, 0].std(), 100 / np.sqrt(12), rtol=0.02)


def test_a_sum_of_rounded_counts_spreads_like_a_sum_of_uniforms():
    from analysis.uncertainty import draw_rounded
    draws = draw_rounded(np.random.default_rng(4), np.array([500.0]), np.array([10.0]), np.array([12.0]), 40_000)
    np.testing.assert_allclose(draws.mean(), 500, atol=0.2)
    np.testing.assert_allclose(draws.std(), 10 * np.sqrt(12 / 12), rtol=0.02)   # k u^2 / 12 with k = 12, u = 10


def test_rounding_widens_small_counts_and_changes_nothing_when_exact():
    """Two regions (no empirical-Bayes prior, so the effect of rounding alone shows): a small and a large count."""
    n = np.array([40.0, 30_000.0])
    x = np.array([0.0, 1500.0])
    value = 100 * x / n
    plain = draw_term(np.random.default_rng(7), value, x, n, "binomial", 100.0, 20_000)
    exact = draw_term(np.random.default_rng(7), value, x, n, "binomial", 100.0, 20_000,
                      rounding=(np.ones(2), np.ones(2)))
    np.testing.assert_array_equal(plain, exact)                          # unit 1: the same random stream, same draws
    rounded = draw_term(np.random.default_rng(7), value, x, n, "binomial", 100.0, 20_000,
                        rounding=(np.full(2, 10.0), np.ones(2)))
    assert rounded[:, 0].std() > 1.5 * plain[:, 0].std()                # a published 0 of 40 may be up to 4
    assert rounded[:, 0].mean() > 2 * plain[:, 0].mean()
    np.testing.assert_allclose(rounded[:, 1].std(), plain[:, 1].std(), rtol=0.05)   # a large count: hardly


def test_inputs_read_the_rounding_the_store_declares():
    from analysis.inputs import load_inputs
    from etl.synthetic import synthetic_store
    store = synthetic_store(n_regions=4, gemeenten_per_region=3, seed=2, rounding=True)
    am = load_inputs(store, "arbeidsmarktregio", "2023")
    neet = am.terms["neet_share"][0].rounding
    assert np.all(neet.unit == 100) and np.all(neet.cells == 1)         # CBS's own regional rows
    esl = am.terms["early_school_leaver_rate"][0].rounding
    assert np.all(esl.unit == 10) and np.all(esl.cells == 3)            # summed from 3 gemeenten
    gm = load_inputs(store, "gemeente", "2023")
    assert np.all(gm.terms["neet_share"][0].rounding.unit == 10)
    exact = load_inputs(synthetic_store(n_regions=4, gemeenten_per_region=3, seed=2), "gemeente", "2023")
    assert exact.terms["neet_share"][0].rounding is None


def test_rank_intervals_widen_where_counts_are_rounded():
    from dataclasses import replace

    from analysis.inputs import load_inputs
    from analysis.need_index import compute_need_index
    from etl.synthetic import synthetic_store
    store = synthetic_store(n_regions=12, gemeenten_per_region=3, seed=9, rounding=True)
    ignored = replace(store, indicators=[])                              # the same rounded counts, taken as exact
    width = {}
    for name, s in (("declared", store), ("ignored", ignored)):
        frame = compute_need_index(load_inputs(s, "arbeidsmarktregio", "2023"), draws=400, seed=1).frame
        width[name] = float((frame["rank_high"] - frame["rank_low"]).mean())
    assert width["declared"] > width["ignored"]
