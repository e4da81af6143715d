"""Unit and property tests of analysis/ that pin behaviour the other tests leave loose (written against the survivors
of `make mutation`).  Expectations come from independent computations (scipy's distributions, the formulas in the
module docstrings, brute force) or from the synthetic store's own rows, never from numbers copied from a run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from analysis.aftercare import AFTERCARE_MEASURES, aftercare_frame, aftercare_tidy
from analysis.inputs import (
    COMPONENTS,
    Rounding,
    available_components,
    level_regions,
    load_inputs,
    rounding_for,
    source_period,
    spec,
    youth_periods,
)
from analysis.need_index import (
    MAX_DRAWS,
    MIN_DRAWS,
    TOP_LABELS,
    WeightsError,
    compute_need_index,
    format_weights,
    normalise_weights,
    parse_weights,
    top_label,
)
from analysis.normalise import average_ranks, normalise
from analysis.peer_table import Peers, peer_tables, peers_from_tables
from analysis.peers import PROFILE, _renumber, find_peers, latest_profile_period, peers_from_profile
from analysis.summary import region_need_summary
from analysis.uncertainty import draw_rounded, draw_term, draw_weights, eb_prior, ranks_desc, shrunk_rate
from etl.synthetic import synthetic_store
from etl.transform.periods import shift_period

FAST = settings(max_examples=40, deadline=None)


@st.composite
def counts(draw: st.DrawFn, min_regions: int = 1, max_regions: int = 8) -> tuple[np.ndarray, np.ndarray]:
    r = draw(st.integers(min_regions, max_regions))
    n = np.array(draw(st.lists(st.integers(1, 50_000), min_size=r, max_size=r)), dtype=float)
    share = np.array(draw(st.lists(st.floats(0.0, 1.0), min_size=r, max_size=r)))
    return np.round(share * n), n


# --- empirical Bayes: the prior and the posterior mean ------------------------------------------------------------
def moments_prior(x: np.ndarray, n: np.ndarray, family: str) -> tuple[float, float]:
    """The module docstring's method of moments, written out once more region by region (plain Python floats)."""
    pairs = [(float(a), float(b)) for a, b in zip(x, n) if np.isfinite(a) and np.isfinite(b) and b > 0 and a >= 0]
    if len(pairs) < 3:
        return float("nan"), 0.0
    total = sum(b for _, b in pairs)
    mu = sum(a for a, _ in pairs) / total
    v = mu * (1 - mu) if family == "binomial" else mu
    s2 = sum(b * (a / b - mu) ** 2 for a, b in pairs) / total
    between = s2 - v / (total / len(pairs))
    cap = float(np.median([b for _, b in pairs]))
    if v <= 0:
        return mu, 0.0
    if between <= 0:
        return mu, cap
    return mu, min(max(v / between - (1 if family == "binomial" else 0), 0.0), cap)


@FAST
@given(counts(), st.sampled_from(["binomial", "poisson"]))
def test_eb_prior_is_the_method_of_moments_of_the_docstring(xn: tuple[np.ndarray, np.ndarray], family: str) -> None:
    x, n = xn
    mu, size = eb_prior(x, n, family)
    want_mu, want_size = moments_prior(x, n, family)
    if np.isnan(want_mu):
        assert np.isnan(mu) and size == 0.0
    else:
        assert mu == pytest.approx(want_mu, rel=1e-12, abs=1e-15)
        assert size == pytest.approx(want_size, rel=1e-9, abs=1e-9)
        assert 0.0 <= size <= np.median(n)


def test_eb_prior_ignores_regions_without_usable_counts() -> None:
    x = np.array([50.0, 80.0, 10.0, 30.0])
    n = np.array([1000.0, 1000.0, 400.0, 900.0])
    junk_x = np.concatenate([x, [np.nan, 5.0, -1.0, 7.0, 3.0]])
    junk_n = np.concatenate([n, [100.0, np.nan, 100.0, 0.0, -5.0]])
    for family in ("binomial", "poisson"):
        assert eb_prior(junk_x, junk_n, family) == pytest.approx(eb_prior(x, n, family))
    # two usable regions among junk are not enough for a prior
    mu, size = eb_prior(junk_x[[0, 1, 4, 5, 6]], junk_n[[0, 1, 4, 5, 6]], "binomial")
    assert np.isnan(mu) and size == 0.0


def test_eb_prior_of_all_zero_or_all_full_shares_has_no_size() -> None:
    n = np.array([100.0, 200.0, 300.0])
    assert eb_prior(np.zeros(3), n, "binomial") == (0.0, 0.0)            # V(mu) = 0: nothing to shrink toward
    assert eb_prior(n.copy(), n, "binomial") == (1.0, 0.0)
    assert eb_prior(np.zeros(3), n, "poisson") == (0.0, 0.0)


@FAST
@given(counts(), st.sampled_from(["binomial", "poisson"]), st.sampled_from([1.0, 100.0, 1000.0]))
def test_shrunk_rate_is_the_mean_of_the_distribution_the_draws_come_from(xn: tuple[np.ndarray, np.ndarray],
                                                                        family: str, scale: float) -> None:
    x, n = xn
    mu, size = eb_prior(x, n, family)
    prior = 0.0 if np.isnan(mu) else mu * size
    if family == "binomial":
        want = stats.beta.mean(x + 0.5 + prior, n - x + 0.5 + (size - prior))
    else:
        want = stats.gamma.mean(x + 0.5 + prior, scale=1.0 / (n + size))
    np.testing.assert_allclose(shrunk_rate(x, n, family, scale), scale * want, rtol=1e-12)


def test_without_a_prior_the_posterior_mean_is_jeffreys() -> None:
    x, n = np.array([0.0, 9.0]), np.array([10.0, 10.0])                   # two regions: no prior
    np.testing.assert_allclose(shrunk_rate(x, n, "binomial", 100.0), 100 * (x + 0.5) / (n + 1))
    np.testing.assert_allclose(shrunk_rate(x, n, "poisson", 1000.0), 1000 * (x + 0.5) / n)


# --- weights as text and as vectors ---------------------------------------------------------------------------------


def test_weights_are_written_compactly_in_component_order() -> None:
    weights = {"early_school_leaver_rate": 0.5, "neet_share": 2.0, "youth_benefit_share": 0.0}
    assert format_weights(weights) == "neet_share:2,youth_benefit_share:0,early_school_leaver_rate:0.5"
    assert format_weights({"neet_share": 1e-3}) == "neet_share:0.001"
    assert format_weights({}) == ""


@FAST
@given(st.dictionaries(st.sampled_from(COMPONENTS), st.one_of(st.integers(0, 50), st.floats(0.01, 50.0)), min_size=1)
       .filter(lambda w: sum(w.values()) > 0))
def test_format_then_parse_gives_the_weights_back(weights: dict) -> None:
    text = format_weights(weights)
    assert parse_weights(text) == {c: float(w) for c, w in weights.items()}
    for item in text.split(","):                            # whole numbers without ".0", others as repr gives them
        value = float(item.split(":")[1])
        assert item.split(":")[1] == (str(int(value)) if value.is_integer() else repr(value))


def test_parse_weights_tolerates_spaces_and_empty_items() -> None:
    assert parse_weights(" neet_share : 2 ,, youth_benefit_share:0.5, ") == {"neet_share": 2.0,
                                                                              "youth_benefit_share": 0.5}


@pytest.mark.parametrize(("text", "message", "valid"), [
    ("foo:1", "unknown indicator 'foo' in weights", list(COMPONENTS)),
    ("neet_share", "weight item 'neet_share' is not of the form indicator:number", list(COMPONENTS)),
    ("neet_share:1,neet_share:2", "indicator 'neet_share' given twice in weights", list(COMPONENTS)),
    ("neet_share:abc", "weight of neet_share is not a number: 'abc'", "non-negative numbers"),
    ("neet_share:-1", "weight of neet_share must be a finite number >= 0, got -1.0", "non-negative numbers"),
    ("neet_share:0", "at least one weight must be above 0", "at least one weight > 0"),
])
def test_weight_errors_say_what_is_wrong_and_what_is_valid(text: str, message: str, valid: object) -> None:
    with pytest.raises(WeightsError) as info:
        parse_weights(text)
    assert str(info.value) == message and info.value.valid == valid


def test_normalised_weights_sum_to_one_and_leave_unnamed_components_at_zero() -> None:
    w = normalise_weights({"neet_share": 3, "youth_jobseeker_rate": "1"})
    np.testing.assert_array_equal(w, [0.75, 0.25, 0.0, 0.0, 0.0])
    with pytest.raises(WeightsError, match="not a number: None"):
        normalise_weights({"neet_share": None})
    assert normalise_weights({"b": 1.0}, ("a", "b")).tolist() == [0.0, 1.0]


# --- safe labels: the docstring's definition, brute force ----------------------------------------------------------
@pytest.mark.parametrize("n", [6, 11, 35, 40])
@pytest.mark.parametrize("k", [1, 3, 5])
def test_top_label_follows_its_definition_for_every_interval(n: int, k: int) -> None:
    for low in range(1, n + 1):
        for high in range(low, n + 1):
            width = high - low + 1
            if high <= k:
                want = "certain"
            elif low > k:                               # none of it in the top k, however wide
                want = "outside"
            elif width >= n / 2 and width > k:          # half the regions or more (and wider than the top k)
                want = "indistinct"
            else:
                want = "possible"
            assert top_label(low, high, n, k) == want, (low, high, n, k)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_top_label_sentences_carry_k(lang: str) -> None:
    for code, (low, high, n) in {"certain": (1, 3, 40), "possible": (3, 6, 40), "outside": (9, 12, 40),
                                 "indistinct": (1, 30, 40)}.items():
        assert top_label(low, high, n, k=3, lang=lang) == TOP_LABELS[code][lang].format(k=3)
    assert "3" in top_label(1, 3, 40, k=3, lang=lang)


# --- draws of one published rate ------------------------------------------------------------------------------------
def test_only_usable_counts_are_drawn_the_rest_keep_their_published_value() -> None:
    """Counted: finite x and n, n > 0, x >= 0 and, for shares, x <= n (a Poisson count may exceed its base)."""
    value = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0])
    x = np.array([10.0, np.nan, 10.0, 10.0, -1.0, 120.0, 30.0, 40.0])
    n = np.array([100.0, 100.0, np.inf, 0.0, 100.0, 100.0, 300.0, 400.0])
    binom = draw_term(np.random.default_rng(0), value, x, n, "binomial", 100.0, 50)
    kept = [1, 2, 3, 4, 5]
    assert np.all(binom[:, kept] == value[kept])
    assert np.all(binom[:, [0, 6, 7]] != value[[0, 6, 7]])
    pois = draw_term(np.random.default_rng(0), value, x, n, "poisson", 1000.0, 50)
    assert np.all(pois[:, [1, 2, 3, 4]] == value[[1, 2, 3, 4]])
    assert np.all(pois[:, 5] != value[5]) and np.all(pois > 0)          # 120 jobseekers per 100: still a rate
    nothing = draw_term(np.random.default_rng(0), value, np.full(8, np.nan), n, "binomial", 100.0, 5)
    assert nothing.shape == (5, 8) and np.all(nothing == value)


@pytest.mark.parametrize("family", ["binomial", "poisson"])
def test_draws_follow_the_posterior_exactly(family: str) -> None:
    """With the same random stream, draw_term's draws are the Beta/Gamma draws the docstring names."""
    x = np.array([20.0, 35.0, 3.0, 60.0])
    n = np.array([400.0, 500.0, 90.0, 800.0])
    mu, size = eb_prior(x, n, family)
    got = draw_term(np.random.default_rng(5), 100 * x / n, x, n, family, 100.0, 300)
    rng = np.random.default_rng(5)
    if family == "binomial":
        want = 100.0 * rng.beta(x + 0.5 + mu * size, n - x + 0.5 + (1 - mu) * size, size=(300, 4))
    else:
        want = 100.0 * rng.gamma(x + 0.5 + mu * size, 1.0 / (n + size), size=(300, 4))
    np.testing.assert_allclose(got, want, rtol=1e-12)


def test_rounded_shares_never_draw_more_cases_than_people() -> None:
    """Rounded x and n are drawn independently; a share's base is then at least its count (Beta stays defined)."""
    x, n = np.array([10.0, 0.0, 500.0]), np.array([10.0, 10.0, 900.0])      # a share of 100% rounded to 10
    draws = draw_term(np.random.default_rng(1), 100 * x / n, x, n, "binomial", 100.0, 5000,
                      rounding=(np.full(3, 10.0), np.ones(3)))
    assert np.all(np.isfinite(draws)) and np.all((draws >= 0) & (draws <= 100))


def test_a_sum_of_rounded_counts_is_cut_at_zero_and_exact_regions_are_untouched() -> None:
    count = np.array([0.0, 200.0, 7.0])
    unit = np.array([10.0, 10.0, 1.0])
    cells = np.array([30.0, 30.0, 30.0])
    draws = draw_rounded(np.random.default_rng(2), count, unit, cells, 20_000)
    assert draws[:, 0].min() == 0.0 and (draws[:, 0] == 0).mean() > 0.3       # 0 + sum of 30 U(-5, 5), cut at 0
    assert draws[:, 1].min() < 200 - 5 and draws[:, 1].max() > 200 + 5        # spreads beyond one unit
    np.testing.assert_allclose(draws[:, 1].mean(), 200.0, atol=0.4)
    np.testing.assert_allclose(draws[:, 1].std(), np.sqrt(30 * 10 ** 2 / 12), rtol=0.03)
    assert np.all(draws[:, 2] == 7.0)
    untouched = draw_rounded(np.random.default_rng(2), count, np.ones(3), cells, 4)
    assert untouched.shape == (4, 3) and np.all(untouched == count)


def test_a_single_rounded_count_is_uniform_over_its_interval() -> None:
    draws = draw_rounded(np.random.default_rng(8), np.array([300.0, 2.0]), np.array([100.0, 10.0]), np.ones(2), 40_000)
    assert 250 <= draws[:, 0].min() < 251 and 349 < draws[:, 0].max() < 350
    np.testing.assert_allclose(draws[:, 0].mean(), 300, atol=1.0)
    assert 0 <= draws[:, 1].min() < 0.01 and 6.99 < draws[:, 1].max() < 7       # 2 rounded to 10: 0 to 7, cut at 0


# --- weights around the chosen ones -------------------------------------------------------------------------------------
def test_uniform_weight_perturbation_stays_within_its_spread() -> None:
    w = np.array([0.5, 0.3, 0.2, 0.0])
    draws = draw_weights(np.random.default_rng(4), w, 20_000, "uniform")
    ratio = (draws[:, 0] / draws[:, 1]) / (w[0] / w[1])
    assert ratio.min() >= 0.8 / 1.2 - 1e-12 and ratio.max() <= 1.2 / 0.8 + 1e-12
    assert ratio.min() < 0.75 and ratio.max() > 1.35                       # and uses most of it
    np.testing.assert_allclose(draws.sum(axis=1), 1.0)


@pytest.mark.parametrize("how", ["dirichlet", "uniform", "none"])
def test_a_single_weighted_component_is_never_perturbed(how: str) -> None:
    w = np.array([0.0, 1.0, 0.0])
    assert np.all(draw_weights(np.random.default_rng(0), w, 30, how) == w)
    assert np.all(draw_weights(np.random.default_rng(0), np.array([0.5, 0.5]), 30, "none") == 0.5)


def test_dirichlet_concentration_sets_the_spread() -> None:
    w = np.array([0.25, 0.75])
    for concentration in (10.0, 50.0, 200.0):
        draws = draw_weights(np.random.default_rng(6), w, 40_000, "dirichlet", concentration)
        sd = np.sqrt(w[0] * (1 - w[0]) / (concentration + 1))                # Beta(c w0, c w1) marginal
        np.testing.assert_allclose(draws[:, 0].std(), sd, rtol=0.03)


# --- ranks -------------------------------------------------------------------------------------------------------------
@FAST
@given(st.lists(st.integers(0, 4), min_size=1, max_size=12))
def test_ranks_desc_is_a_stable_descending_sort(values: list[int]) -> None:
    ranks = ranks_desc(np.array(values, dtype=float))
    order = sorted(range(len(values)), key=lambda i: (-values[i], i))       # ties: the region listed first ranks first
    assert [int(ranks[i]) for i in order] == list(range(1, len(values) + 1))


# --- from the store to the index's inputs --------------------------------------------------------------------------



def store_value(store, indicator: str, period: str, level: str = "arbeidsmarktregio") -> pd.Series:
    obs = store.observations
    rows = obs[(obs["indicator"] == indicator) & (obs["period"] == period) & (obs["region_level"] == level)]
    return rows.set_index("region_code")["value"]


def test_periods_each_component_reads() -> None:
    assert shift_period("2023", years=1) == "2022" and shift_period(2017, years=1) == "2016"   # the change's Y-1
    assert source_period(spec("neet_share"), "2023") == "2023"
    assert source_period(spec("neet_share_change"), "2023", lagged=True) == "2022"
    assert source_period(spec("early_school_leaver_rate"), "2023") == "2022/2023"
    assert source_period(spec("early_school_leaver_rate"), "2023", lagged=True) == "2022/2023"
    with pytest.raises(KeyError, match="unknown component 'x'"):
        spec("x")


def test_component_values_are_the_store_values_with_the_change_as_a_difference() -> None:
    store = synthetic_store(n_regions=5, seed=3)
    inputs = load_inputs(store, "arbeidsmarktregio", 2023)
    codes = list(inputs.region_codes)
    assert codes == sorted(codes) == level_regions(store, "arbeidsmarktregio")["region_code"].tolist()
    assert inputs.period == "2023" and inputs.components == COMPONENTS
    values = inputs.values()
    for j, comp in enumerate(COMPONENTS[:3]):
        np.testing.assert_allclose(values[:, j], store_value(store, comp, "2023").reindex(codes))
    np.testing.assert_allclose(values[:, 3], store_value(store, "early_school_leaver_rate", "2022/2023").reindex(codes))
    change = store_value(store, "neet_share", "2023") - store_value(store, "neet_share", "2022")
    np.testing.assert_allclose(values[:, 4], change.reindex(codes))
    np.testing.assert_allclose(inputs.values(("neet_share_change", "neet_share")), values[:, [4, 0]])
    term = inputs.terms["neet_share"][0]
    obs = store.observations
    rows = obs[(obs["indicator"] == "neet_share") & (obs["period"] == "2023")].set_index("region_code").reindex(codes)
    np.testing.assert_allclose(term.numerator, rows["numerator"])
    np.testing.assert_allclose(term.denominator, rows["denominator"])
    assert (term.family, term.scale) == ("binomial", 100.0)
    assert inputs.terms["youth_jobseeker_rate"][0].family == "poisson"


def test_youth_periods_and_available_components() -> None:
    store = synthetic_store(n_regions=4, years=("2021", "2022", "2023"), school_years=("2022/2023",))
    assert youth_periods(store) == ["2021", "2022", "2023"] == youth_periods(store, "gemeente")
    assert available_components(store, "arbeidsmarktregio", "2023") == COMPONENTS
    assert available_components(store, "arbeidsmarktregio", "2022") == (
        "neet_share", "youth_jobseeker_rate", "youth_benefit_share", "neet_share_change")   # no 2021/2022 leavers
    assert available_components(store, "arbeidsmarktregio", "2021") == (
        "neet_share", "youth_jobseeker_rate", "youth_benefit_share")                        # and no 2020


def test_rounding_is_read_per_indicator_and_level() -> None:
    store = synthetic_store(n_regions=4, gemeenten_per_region=3, rounding=True)
    codes = ["AM01", "AM02", "AM03", "AM04"]
    neet = rounding_for(store, "neet_share", "arbeidsmarktregio", codes)
    assert np.all(neet.unit == 100) and np.all(neet.cells == 1) and neet.any
    esl = rounding_for(store, "early_school_leaver_rate", "arbeidsmarktregio", codes + ["AM99"])
    assert np.all(esl.unit == 10) and esl.cells.tolist() == [3, 3, 3, 3, 1]     # summed from 3 gemeenten each
    assert rounding_for(store, "population", "arbeidsmarktregio", codes) is None  # not declared: exact
    exact_unit = [{"id": "neet_share", "rounding": {"arbeidsmarktregio": {"unit": 1}}}]
    assert rounding_for(type(store)(store.observations, store.regions, exact_unit, store.manifest, store.path),
                        "neet_share", "arbeidsmarktregio", codes) is None
    exact = Rounding.exact(3)
    assert exact.unit.tolist() == [0, 0, 0] and exact.cells.tolist() == [1, 1, 1] and not exact.any


# --- aftercare ------------------------------------------------------------------------------------------------------------
def test_aftercare_rows_are_the_store_rows_of_the_aligned_periods() -> None:
    store = synthetic_store(n_regions=6, seed=11, missing=[("AM02", "neet_count", "2023")])
    frame = aftercare_frame(store, "arbeidsmarktregio", 2023).set_index("region_code")
    for measure in AFTERCARE_MEASURES:
        period = "2022/2023" if measure == "early_school_leavers" else "2023"
        np.testing.assert_allclose(frame[measure], store_value(store, measure, period).reindex(frame.index))
    neet = frame["neet_count"]
    np.testing.assert_allclose(frame["share_of_national_neet"], 100 * neet / neet.sum())
    assert pd.isna(frame.loc["AM02", "share_of_national_neet"])
    order = aftercare_frame(store, "arbeidsmarktregio", "2023")["region_code"].tolist()
    assert order == sorted(neet.dropna().index, key=lambda c: (-neet[c], c)) + ["AM02"]    # largest first, missing last
    assert (frame["period"] == "2023").all() and (frame["school_year"] == "2022/2023").all()
    tidy = aftercare_tidy(store, "arbeidsmarktregio", "2023")
    wide = tidy.pivot(index="region_code", columns="measure", values="value")
    pd.testing.assert_series_equal(wide["neet_count"].reindex(frame.index), frame["neet_count"], check_names=False)
    assert set(tidy["measure"]) == {*AFTERCARE_MEASURES, "share_of_national_neet"}


def test_aftercare_without_neet_counts_has_no_period_and_no_shares() -> None:
    store = synthetic_store(n_regions=3)
    obs = store.observations
    empty = type(store)(obs[obs["indicator"] != "neet_count"], store.regions, [], store.manifest, store.path)
    frame = aftercare_frame(empty, "arbeidsmarktregio")
    assert (frame["period"] == "").all() and (frame["school_year"] == "").all()
    assert frame["share_of_national_neet"].isna().all() and len(frame) == 3
    assert frame["region_code"].tolist() == ["AM01", "AM02", "AM03"]


# --- the index, its decomposition and its intervals -----------------------------------------------------------------
def test_the_index_is_the_weighted_sum_of_zscores_computed_by_hand() -> None:
    store = synthetic_store(n_regions=7, seed=5, missing=[("AM06", "youth_benefit_share", "2023")])
    inputs = load_inputs(store, "arbeidsmarktregio", "2023")
    weights = {"neet_share": 2.0, "youth_benefit_share": 1.0, "early_school_leaver_rate": 1.0}
    result = compute_need_index(inputs, weights, "zscore", draws=MIN_DRAWS, seed=4)
    assert result.missing == ("AM06",) and result.level == "arbeidsmarktregio" and result.period == "2023"
    assert (result.normalisation, result.draws, result.seed) == ("zscore", MIN_DRAWS, 4)
    assert result.weights == {"neet_share": 0.5, "youth_jobseeker_rate": 0.0, "youth_benefit_share": 0.25,
                              "early_school_leaver_rate": 0.25, "neet_share_change": 0.0}
    frame = result.frame.set_index("region_code")
    complete = [c for c in inputs.region_codes if c != "AM06"]
    expected = pd.Series(0.0, index=complete)
    for comp, w in (("neet_share", 0.5), ("youth_benefit_share", 0.25), ("early_school_leaver_rate", 0.25)):
        values = pd.Series(inputs.values((comp,))[:, 0], index=inputs.region_codes)[complete]
        z = (values - values.mean()) / values.std(ddof=0)
        np.testing.assert_allclose(frame.loc[complete, f"contribution_{comp}"], w * z, atol=1e-12)
        expected += w * z
    np.testing.assert_allclose(frame.loc[complete, "index"], expected, atol=1e-12)
    assert (frame.loc[complete, "contribution_youth_jobseeker_rate"] == 0).all()
    missing = frame.loc["AM06"]
    assert pd.isna(missing["index"]) and pd.isna(missing["rank"]) and pd.isna(missing["rank_low"])
    assert all(pd.isna(missing[f"contribution_{c}"]) for c in COMPONENTS) and not missing["interval_extended"]
    assert (frame["n"] == 6).all()
    ranks = expected.rank(ascending=False).astype(int)
    assert frame.loc[complete, "rank"].astype(int).to_dict() == ranks.to_dict()
    assert result.frame["region_code"].tolist() == ranks.sort_values().index.tolist() + ["AM06"]
    for col in ("rank", "rank_low", "rank_median", "rank_high"):
        assert str(result.frame[col].dtype) == "Int64"


def test_intervals_contain_the_point_rank_and_say_when_they_were_extended() -> None:
    """Without sampling or weight noise every draw ranks as the point estimate: the interval is the rank itself."""
    inputs = load_inputs(synthetic_store(n_regions=6, seed=8), "arbeidsmarktregio", "2023")
    fixed = compute_need_index(inputs, draws=MIN_DRAWS, weight_perturbation="none", sampling=False).frame
    assert (fixed["rank_low"] == fixed["rank"]).all() and (fixed["rank_high"] == fixed["rank"]).all()
    assert (fixed["rank_median"] == fixed["rank"]).all() and not fixed["interval_extended"].any()
    noisy = compute_need_index(inputs, draws=MIN_DRAWS, concentration=0.5, seed=2).frame
    outside = noisy["interval_extended"]
    assert ((noisy["rank_low"] == noisy["rank"]) | (noisy["rank_high"] == noisy["rank"]))[outside].all()


def test_draw_limits() -> None:
    inputs = load_inputs(synthetic_store(n_regions=3), "arbeidsmarktregio", "2023")
    for draws in (MIN_DRAWS, MAX_DRAWS):
        assert compute_need_index(inputs, draws=draws, seed=1).draws == draws
    for draws in (MIN_DRAWS - 1, MAX_DRAWS + 1):
        with pytest.raises(ValueError, match=f"draws must be between {MIN_DRAWS} and {MAX_DRAWS}"):
            compute_need_index(inputs, draws=draws)
    with pytest.raises(ValueError, match="unknown normalisation 'log'; valid: zscore, minmax, rank"):
        compute_need_index(inputs, normalisation="log")


# --- normalisations -------------------------------------------------------------------------------------------------------


@FAST
@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=9), st.sampled_from(["zscore", "minmax", "rank"]))
def test_normalisations_by_their_definitions(column: list[float], method: str) -> None:
    x = np.array(column)[:, None]
    got = normalise(x, method)[:, 0]
    if method == "zscore":
        sd = x.std()
        want = (x[:, 0] - x.mean()) / sd if sd > 0 else np.zeros(len(x))
    elif method == "minmax":
        span = x.max() - x.min()
        want = (x[:, 0] - x.min()) / span if span > 0 else np.zeros(len(x))
    else:
        below = np.array([(x[:, 0] < v).sum() for v in x[:, 0]])            # average rank - 1, by counting
        ties = np.array([(x[:, 0] == v).sum() for v in x[:, 0]])
        want = (below + (ties - 1) / 2) / (len(x) - 1) if len(x) > 1 else np.zeros(len(x))
    np.testing.assert_allclose(got, want, rtol=1e-9, atol=1e-9)


def test_normalise_of_no_regions_and_of_one_region() -> None:
    for method in ("zscore", "minmax", "rank"):
        empty = normalise(np.empty((0, 3)), method)
        assert empty.shape == (0, 3) and empty.dtype == float
        one = normalise(np.array([[4, 7]]), method)
        assert one.dtype == float and one.tolist() == [[0.0, 0.0]]


def test_average_ranks_along_the_last_axis_by_default() -> None:
    x = np.array([[3.0, 1.0, 3.0], [0.0, 5.0, 2.0]])
    np.testing.assert_array_equal(average_ranks(x), [[2.5, 1.0, 2.5], [1.0, 3.0, 2.0]])
    np.testing.assert_array_equal(average_ranks(x, axis=0), [[2.0, 1.0, 2.0], [1.0, 2.0, 1.0]])


# --- a region's summary and its peers ---------------------------------------------------------------------------------------


def test_summary_of_a_region_without_an_index() -> None:
    store = synthetic_store(n_regions=6, missing=[("AM02", "neet_share", "2023")])
    s = region_need_summary(store, "AM02", 2023, draws=MIN_DRAWS)
    assert s["missing"] is True and s["index"] is None and s["label"] is None
    assert all(s[c] is None for c in ("rank", "rank_low", "rank_median", "rank_high"))
    assert s["contributions"] == {c: None for c in COMPONENTS}
    assert s["n"] == 5 and s["period"] == "2023" and s["level"] == "arbeidsmarktregio"
    assert s["region_name"] == "Regio 02" and s["normalisation"] == "zscore"
    assert s["peer_group"] is None and s["peers"] == []                     # left out of the peers too


def test_summary_of_a_region_with_an_index_matches_its_layer_row() -> None:
    from analysis.need_index import need_index_layer
    store = synthetic_store(n_regions=8, seed=4)
    s = region_need_summary(store, "AM05", "2023", normalisation="rank", draws=50, seed=9, n_neighbours=3)
    row = need_index_layer(store, "2023", normalisation="rank", draws=50, seed=9).set_index("region_code").loc["AM05"]
    assert s["index"] == pytest.approx(float(row["index"])) and s["missing"] is False
    for col in ("rank", "rank_low", "rank_median", "rank_high"):
        assert s[col] == int(row[col])
    assert s["label"] == top_label(int(row["rank_low"]), int(row["rank_high"]), 8)
    assert s["contributions"] == {c: pytest.approx(float(row[f"contribution_{c}"])) for c in COMPONENTS}
    assert len(s["peers"]) == 3 and s["weights"] == {c: 0.2 for c in COMPONENTS}


def test_peer_tables_round_trip_with_k_and_missing_groups() -> None:
    groups = pd.DataFrame({"region_code": ["AM01", "AM02", "AM03"], "region_name": ["A", "B", "C"],
                           "peer_group": pd.array([2, pd.NA, 1], dtype="Int64")})
    near = {"AM01": [{"region_code": "AM03", "region_name": "C", "distance": 0.5},
                     {"region_code": "AM02", "region_name": "B", "distance": 1.25}]}
    peers = Peers("arbeidsmarktregio", "2023", 2, {2: 0.4}, groups, near)
    other = Peers("gemeente", "2023", None, {}, groups.assign(peer_group=pd.array([pd.NA] * 3, dtype="Int64")))
    g, n = peer_tables([peers, other])
    assert g.columns.tolist() == ["level", "period", "region_code", "region_name", "peer_group", "k"]
    assert g["k"].tolist()[:3] == [2, 2, 2] and g["k"].iloc[3:].isna().all()
    assert n.to_dict("records") == [
        {"level": "arbeidsmarktregio", "period": "2023", "region_code": "AM01", "position": 1,
         "neighbour_code": "AM03", "neighbour_name": "C", "distance": 0.5},
        {"level": "arbeidsmarktregio", "period": "2023", "region_code": "AM01", "position": 2,
         "neighbour_code": "AM02", "neighbour_name": "B", "distance": 1.25}]
    back = peers_from_tables(g, n.iloc[::-1], "arbeidsmarktregio", 2023)    # positions, not row order, decide
    assert (back.level, back.period, back.k) == ("arbeidsmarktregio", "2023", 2)
    assert back.neighbours == near and back.neighbours_of("AM02") == []
    assert back.group_of("AM01") == 2 and back.group_of("AM02") is None and back.group_of("AM09") is None
    assert peers_from_tables(g, n, "gemeente", "2023").k is None
    empty_g, empty_n = peer_tables([])
    assert empty_g.columns.tolist() == g.columns.tolist() and empty_g.empty and empty_n.empty


# --- peer groups and neighbours ----------------------------------------------------------------------------------------


def profile(rows: dict[str, list[float]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(PROFILE))
    frame.index.name = "region_code"
    frame.insert(0, "region_name", [f"Regio {c}" for c in frame.index])
    return frame


def test_two_clear_clusters_are_found_and_numbered_by_need() -> None:
    low = {f"AM0{i}": [1.0 + 0.01 * i, 2.0, 3.0, 1.0] for i in range(1, 5)}
    high = {f"AM1{i}": [9.0 + 0.01 * i, 8.0, 7.0, 9.0] for i in range(1, 4)}
    peers = peers_from_profile(profile({**low, **high}), "arbeidsmarktregio", "2023", n_neighbours=2)
    assert peers.k == 2 and set(peers.silhouette) == set(range(2, 7))       # k below the 7 distinct profiles
    assert all(peers.group_of(c) == 1 for c in high) and all(peers.group_of(c) == 2 for c in low)
    for code in low:                                                        # nearest: the same cluster, by distance
        near = peers.neighbours_of(code)
        assert len(near) == 2 and all(p["region_code"] in low and p["region_code"] != code for p in near)
        assert near[0]["distance"] <= near[1]["distance"]
        assert near[0]["region_name"] == f"Regio {near[0]['region_code']}"


def test_too_few_or_identical_profiles() -> None:
    two = peers_from_profile(profile({"AM01": [1, 2, 3, 4], "AM02": [2, 3, 4, 5], "AM03": [np.nan, 1, 1, 1]}),
                             "gemeente", "2022")
    assert two.k is None and two.groups["peer_group"].isna().all() and two.neighbours == {}
    assert (two.level, two.period) == ("gemeente", "2022")
    same = peers_from_profile(profile({f"AM0{i}": [1.0, 1.0, 1.0, 1.0] for i in range(1, 5)}), "gemeente", "2022")
    assert same.k == 1 and same.silhouette == {} and (same.groups["peer_group"] == 1).all()
    assert all(p["distance"] == 0.0 for near in same.neighbours.values() for p in near)
    lonely = peers_from_profile(profile({"AM01": [1, 2, 3, 4], "AM02": [2, 3, 4, 5], "AM03": [5, 1, 1, 1]}),
                                "gemeente", "2022", n_neighbours=0)
    assert lonely.neighbours == {}


def test_renumbering_orders_groups_by_their_mean_highest_first() -> None:
    x = np.array([[0.0, 0.0], [5.0, 5.0], [1.0, 1.0], [9.0, 9.0]])
    np.testing.assert_array_equal(_renumber(x, np.array([7, 3, 7, 4])), [3, 2, 3, 1])


def test_latest_profile_period_needs_three_complete_profiles() -> None:
    store = synthetic_store(n_regions=4, years=("2022", "2023"), school_years=("2021/2022", "2022/2023"),
                            missing=[(f"AM0{i}", "neet_share", "2023") for i in (1, 2)])
    assert latest_profile_period(store, "arbeidsmarktregio") == "2022"
    assert find_peers(store, "arbeidsmarktregio").period == "2022"
    none = synthetic_store(n_regions=2)
    assert latest_profile_period(none, "arbeidsmarktregio") is None
    empty = find_peers(none, "arbeidsmarktregio")
    assert (empty.period, empty.k) == ("", None) and empty.groups.empty
