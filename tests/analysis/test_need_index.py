"""The need index: properties (hypothesis), weights, missing data, alignment and safe labels."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.inputs import COMPONENTS, IndexInputs, Term, load_inputs, spec
from analysis.need_index import (
    DEFAULT_WEIGHTS,
    MAX_DRAWS,
    MIN_DRAWS,
    WeightsError,
    compute_need_index,
    default_period,
    format_weights,
    need_index_layer,
    normalise_weights,
    parse_weights,
    top_label,
    valid_periods,
)
from analysis.summary import region_need_summary
from etl.synthetic import synthetic_store
from etl.transform.periods import school_year_ending

NORMS = ("zscore", "minmax", "rank")
SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def make_inputs(rates: np.ndarray, denominators: np.ndarray, previous: np.ndarray) -> IndexInputs:
    """IndexInputs from (R, 4) rates in [0, 1], (R, 4) denominators and (R,) last year's NEET rate."""
    r = rates.shape[0]
    terms = {}
    for j, comp in enumerate(COMPONENTS[:4]):
        s = spec(comp)
        num = np.round(rates[:, j] * denominators[:, j])
        terms[comp] = (Term(1.0, s.scale * num / denominators[:, j], num, denominators[:, j].astype(float),
                            s.family, s.scale, "2023"),)
    prev_den = denominators[:, 0].astype(float)
    prev_num = np.round(previous * prev_den)
    terms["neet_share_change"] = (terms["neet_share"][0],
                                  Term(-1.0, 100 * prev_num / prev_den, prev_num, prev_den, "binomial", 100.0, "2022"))
    codes = tuple(f"AM{i + 1:02d}" for i in range(r))
    return IndexInputs("arbeidsmarktregio", "2023", codes, tuple(f"Regio {c}" for c in codes), terms, frozenset())


@st.composite
def inputs_strategy(draw: st.DrawFn, min_regions: int = 3, max_regions: int = 12) -> IndexInputs:
    r = draw(st.integers(min_regions, max_regions))
    rates = np.array(draw(st.lists(st.lists(st.floats(0.0, 0.3), min_size=4, max_size=4), min_size=r, max_size=r)))
    dens = np.array(draw(st.lists(st.lists(st.integers(20, 60_000), min_size=4, max_size=4), min_size=r, max_size=r)))
    prev = np.array(draw(st.lists(st.floats(0.0, 0.3), min_size=r, max_size=r)))
    return make_inputs(rates, dens, prev)


weight_value = st.one_of(st.sampled_from([0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0]), st.floats(0.01, 3.0))
weights_strategy = st.lists(weight_value, min_size=5, max_size=5).filter(lambda w: sum(w) > 0).map(
    lambda w: dict(zip(COMPONENTS, w, strict=True)))


def with_raised(inputs: IndexInputs, region: int, component: str, delta: float) -> IndexInputs:
    """A copy where ``component`` is ``delta`` higher (more need) for one region; raising the NEET share
    raises the one-year change too, as it does in the store."""
    terms = {}
    for comp, comp_terms in inputs.terms.items():
        new = []
        for k, term in enumerate(comp_terms):
            value = term.value.copy()
            hit = k == 0 and (comp == component or (component == "neet_share" and comp == "neet_share_change"))
            if hit:
                value[region] += delta
            new.append(Term(term.sign, value, term.numerator, term.denominator, term.family, term.scale, term.period))
        terms[comp] = tuple(new)
    return IndexInputs(inputs.level, inputs.period, inputs.region_codes, inputs.region_names, terms, inputs.demo)


@SETTINGS
@given(inputs_strategy(), weights_strategy, st.sampled_from(NORMS), st.data())
def test_raising_an_indicator_never_lowers_the_index(inputs, weights, norm, data):
    region = data.draw(st.integers(0, len(inputs.region_codes) - 1))
    component = data.draw(st.sampled_from(COMPONENTS))
    delta = data.draw(st.floats(1e-6, 50.0))
    before = compute_need_index(inputs, weights, norm, draws=MIN_DRAWS).frame.set_index("region_code")
    after = compute_need_index(with_raised(inputs, region, component, delta), weights, norm,
                               draws=MIN_DRAWS).frame.set_index("region_code")
    code = inputs.region_codes[region]
    assert after.loc[code, "index"] >= before.loc[code, "index"] - 1e-9


@SETTINGS
@given(inputs_strategy(), weights_strategy, st.sampled_from([0.01, 0.5, 2.0, 3.0, 7.3, 1000.0]), st.sampled_from(NORMS))
def test_multiplying_all_weights_by_a_constant_changes_nothing(inputs, weights, factor, norm):
    scaled = {c: w * factor for c, w in weights.items()}
    a = compute_need_index(inputs, weights, norm, draws=50, seed=3).frame
    b = compute_need_index(inputs, scaled, norm, draws=50, seed=3).frame
    pd.testing.assert_frame_equal(a, b, check_exact=False, rtol=0, atol=1e-12)


@SETTINGS
@given(inputs_strategy(), weights_strategy, st.sampled_from(NORMS), st.integers(0, 2**32 - 1))
def test_ranks_are_a_permutation_inside_their_intervals(inputs, weights, norm, seed):
    frame = compute_need_index(inputs, weights, norm, draws=40, seed=seed).frame
    n = len(frame)
    assert sorted(frame["rank"].astype(int)) == list(range(1, n + 1))
    assert (frame["rank_low"] <= frame["rank"]).all() and (frame["rank"] <= frame["rank_high"]).all()
    assert (frame["rank_low"] <= frame["rank_median"]).all() and (frame["rank_median"] <= frame["rank_high"]).all()
    assert (frame["rank_low"] >= 1).all() and (frame["rank_high"] <= n).all()
    assert (frame["n"] == n).all()


@SETTINGS
@given(inputs_strategy(), weights_strategy, st.sampled_from(NORMS), st.integers(0, 2**32 - 1))
def test_same_seed_same_result(inputs, weights, norm, seed):
    a = compute_need_index(inputs, weights, norm, draws=30, seed=seed).frame
    b = compute_need_index(inputs, weights, norm, draws=30, seed=seed).frame
    pd.testing.assert_frame_equal(a, b, check_exact=True)


@SETTINGS
@given(inputs_strategy(), weights_strategy, st.sampled_from(NORMS))
def test_contributions_sum_to_the_index(inputs, weights, norm):
    frame = compute_need_index(inputs, weights, norm, draws=MIN_DRAWS).frame
    parts = frame[[f"contribution_{c}" for c in COMPONENTS]].sum(axis=1)
    np.testing.assert_allclose(parts, frame["index"], atol=1e-12)
    for comp, w in weights.items():
        if w == 0:
            assert (frame[f"contribution_{comp}"] == 0).all()


def test_rank_one_is_most_need():
    rates = np.array([[0.02] * 4, [0.10] * 4, [0.05] * 4])
    inputs = make_inputs(rates, np.full((3, 4), 10_000), np.array([0.02, 0.02, 0.02]))
    frame = compute_need_index(inputs, draws=100).frame
    assert list(frame["region_code"]) == ["AM02", "AM03", "AM01"]
    assert list(frame["rank"]) == [1, 2, 3]


def test_store_level_raise_does_not_lower_the_index():
    store = synthetic_store()
    before = need_index_layer(store, "2023", draws=MIN_DRAWS).set_index("region_code")
    obs = store.observations.copy()
    mask = (obs["region_code"] == "AM05") & (obs["indicator"] == "neet_share") & (obs["period"] == "2023")
    obs.loc[mask, "value"] += 1.0
    raised = type(store)(obs, store.regions, store.indicators, store.manifest, store.path)
    after = need_index_layer(raised, "2023", draws=MIN_DRAWS).set_index("region_code")
    assert after.loc["AM05", "index"] > before.loc["AM05", "index"]
    assert after.loc["AM05", "rank"] <= before.loc["AM05", "rank"]


def test_inputs_held_by_the_caller_give_the_same_layer_and_must_be_of_its_year():
    store = synthetic_store()
    weights = {"neet_share": 2, "early_school_leaver_rate": 1}
    own = need_index_layer(store, "2023", weights, draws=MIN_DRAWS)
    held = need_index_layer(store, "2023", weights, draws=MIN_DRAWS, inputs=load_inputs(store, "arbeidsmarktregio", "2023"))
    pd.testing.assert_frame_equal(own, held)
    assert own.attrs == held.attrs
    with pytest.raises(ValueError, match="inputs of arbeidsmarktregio 2022 given for arbeidsmarktregio 2023"):
        need_index_layer(store, "2023", draws=MIN_DRAWS, inputs=load_inputs(store, "arbeidsmarktregio", "2022"))


# --- weights ------------------------------------------------------------------------------------------------------

def test_default_weights_are_equal_and_documented():
    assert DEFAULT_WEIGHTS == {c: 1.0 for c in COMPONENTS}
    np.testing.assert_allclose(normalise_weights(None), [0.2] * 5)


def test_parse_and_format_weights_round_trip():
    parsed = parse_weights("neet_share:2,early_school_leaver_rate:1")
    assert parsed == {"neet_share": 2.0, "early_school_leaver_rate": 1.0}
    assert parse_weights(format_weights(parsed)) == parsed
    assert parse_weights("") == DEFAULT_WEIGHTS and parse_weights(None) == DEFAULT_WEIGHTS
    np.testing.assert_allclose(normalise_weights(parsed), [2 / 3, 0, 0, 1 / 3, 0])


@pytest.mark.parametrize("text", ["foo:1", "neet_share:-1", "neet_share:abc", "neet_share:0", "neet_share",
                                  "neet_share:nan", "neet_share:inf", "neet_share:1,neet_share:2",
                                  "neet_share:0,youth_benefit_share:0"])
def test_bad_weights_raise_with_valid_values(text):
    with pytest.raises(WeightsError) as info:
        parse_weights(text)
    assert info.value.valid


def test_unknown_component_in_mapping_is_rejected():
    with pytest.raises(WeightsError):
        normalise_weights({"population": 1.0})


# --- missing data, periods, alignment ------------------------------------------------------------------------------

def test_region_with_missing_weighted_component_gets_no_index_and_is_listed():
    store = synthetic_store(missing=[("AM03", "youth_benefit_share", "2023")])
    layer = need_index_layer(store, "2023", draws=MIN_DRAWS)
    assert layer.attrs["missing"] == ["AM03"]
    row = layer.set_index("region_code").loc["AM03"]
    assert pd.isna(row["index"]) and pd.isna(row["rank"])
    assert sorted(layer["rank"].dropna().astype(int)) == list(range(1, 8))
    assert layer["region_code"].iloc[-1] == "AM03"          # listed last
    without = need_index_layer(store, "2023", {"neet_share": 1, "early_school_leaver_rate": 1}, draws=MIN_DRAWS)
    assert without.attrs["missing"] == [] and without["rank"].notna().all()


def test_school_year_alignment():
    store = synthetic_store()
    inputs = load_inputs(store, "arbeidsmarktregio", "2023")
    term = inputs.terms["early_school_leaver_rate"][0]
    assert term.period == school_year_ending("2023") == "2022/2023"
    obs = store.observations
    expected = obs[(obs["indicator"] == "early_school_leaver_rate") & (obs["period"] == "2022/2023")
                   & (obs["region_level"] == "arbeidsmarktregio")].set_index("region_code")["value"]
    np.testing.assert_allclose(term.value, expected.reindex(inputs.region_codes).to_numpy())
    change = inputs.terms["neet_share_change"]
    assert [t.period for t in change] == ["2023", "2022"] and [t.sign for t in change] == [1.0, -1.0]


def test_periods_need_every_weighted_component():
    store = synthetic_store(school_years=("2021/2022", "2022/2023"))
    assert valid_periods(store) == ["2022", "2023"]
    assert default_period(store) == "2023"
    only_neet = {"neet_share": 1}
    assert valid_periods(store, weights=only_neet)[0] == "2017"
    assert need_index_layer(store, draws=MIN_DRAWS).attrs["period"] == "2023"


def test_bad_arguments_raise():
    inputs = load_inputs(synthetic_store(), "arbeidsmarktregio", "2023")
    with pytest.raises(ValueError):
        compute_need_index(inputs, normalisation="log")
    with pytest.raises(ValueError):
        compute_need_index(inputs, draws=MAX_DRAWS + 1)
    with pytest.raises(ValueError):
        load_inputs(synthetic_store(), "provincie", "2023")


def test_gemeente_level_is_supported():
    layer = need_index_layer(synthetic_store(), "2023", level="gemeente", draws=100)
    assert len(layer) == 24 and sorted(layer["rank"].astype(int)) == list(range(1, 25))


# --- region summary and safe labels -------------------------------------------------------------------------------

def test_region_summary():
    store = synthetic_store()
    summary = region_need_summary(store, "AM04", "2023", draws=100)
    assert summary["rank_low"] <= summary["rank"] <= summary["rank_high"] and summary["n"] == 8
    assert set(summary["contributions"]) == set(COMPONENTS)
    assert abs(sum(summary["contributions"].values()) - summary["index"]) < 1e-9
    assert len(summary["peers"]) == 5 and all(p["region_code"] != "AM04" for p in summary["peers"])
    assert summary["peer_group"] is not None
    assert summary["label"] in ("certain", "possible", "indistinct", "outside")
    assert region_need_summary(store, "GM0004", "2023", draws=50)["level"] == "gemeente"
    with pytest.raises(KeyError):
        region_need_summary(store, "AM99", "2023", draws=50)


@pytest.mark.parametrize("low, high, n, expected", [
    (1, 5, 35, "certain"), (1, 1, 35, "certain"), (4, 9, 35, "possible"), (5, 6, 35, "possible"),
    (6, 12, 35, "outside"), (2, 30, 35, "indistinct"), (10, 30, 35, "outside"), (6, 23, 35, "outside"),
    (3, 22, 40, "indistinct"), (1, 6, 8, "indistinct"),
    (3, 6, 8, "possible"),
])
def test_top_label(low, high, n, expected):
    assert top_label(low, high, n) == expected


def test_top_label_never_calls_a_region_top_5_unless_its_interval_is():
    for low in range(1, 36):
        for high in range(low, 36):
            if top_label(low, high, 35) == "certain":
                assert high <= 5
    assert top_label(1, 5, 35, lang="nl") == "zeker in top 5"
    assert top_label(4, 9, 35, lang="en") == "possibly top 5"
    assert top_label(2, 30, 35, lang="nl") == "niet te onderscheiden"


def test_average_ranks_are_scipys_without_scipy():
    """The rank normalisation's ranks equal scipy.stats.rankdata(method="average"), ties and NaN included."""
    from scipy.stats import rankdata

    from analysis.normalise import average_ranks
    rng = np.random.default_rng(3)
    for shape, axis in [((7, 5), -2), ((30, 12, 4), -2), ((50,), -1), ((4, 9, 3), 0)]:
        for decimals in (6, 0):                                   # 0 decimals: many ties
            x = np.round(rng.normal(size=shape), decimals)
            assert np.array_equal(average_ranks(x, axis=axis), rankdata(x, axis=axis, method="average"))
    x = rng.normal(size=(5, 3))
    x[2, 1] = np.nan
    assert np.array_equal(average_ranks(x, axis=0), rankdata(x, axis=0), equal_nan=True)
