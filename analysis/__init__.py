"""Analysis over the store: need index with rank intervals, peer regions, aftercare (pure, seeded).

Public entry points (used by the dashboard pages, the API and the notebooks)::

    need_index_layer(store, period, weights, normalisation, seed) -> DataFrame
    region_need_summary(store, region_code, ...) -> dict
    find_peers(store, level, period) -> Peers
    aftercare_frame(store, level, period) -> DataFrame
    top_label(rank_low, rank_high, n, k=5, lang=None) -> str
    METHOD_TEXT = {"nl": markdown, "en": markdown}
"""

from analysis.aftercare import aftercare_frame, aftercare_tidy
from analysis.inputs import COMPONENTS, LEVELS, load_inputs, school_year_for, youth_periods
from analysis.need_index import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    DEFAULT_WEIGHTS,
    METHOD_TEXT,
    NORMALISATIONS,
    WeightsError,
    compute_need_index,
    default_period,
    need_index_layer,
    normalise_weights,
    parse_weights,
    region_need_summary,
    top_label,
    valid_periods,
)
from analysis.peers import find_peers

__all__ = ["COMPONENTS", "DEFAULT_DRAWS", "DEFAULT_SEED", "DEFAULT_WEIGHTS", "LEVELS", "METHOD_TEXT",
           "NORMALISATIONS", "WeightsError", "aftercare_frame", "aftercare_tidy", "compute_need_index",
           "default_period", "find_peers", "load_inputs", "need_index_layer", "normalise_weights",
           "parse_weights", "region_need_summary", "school_year_for", "top_label", "valid_periods",
           "youth_periods"]
