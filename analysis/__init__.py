"""Analysis over the store: need index with rank intervals, peer regions, aftercare (pure, seeded).

Public entry points (used by the dashboard pages, the API and the notebooks)::

    need_index_layer(store, period, weights, normalisation, seed) -> DataFrame
    region_need_summary(store, region_code, ...) -> dict
    find_peers(store, level, period) -> Peers
    aftercare_frame(store, level, period) -> DataFrame
    top_label(rank_low, rank_high, n, k=5, lang=None) -> str
    METHOD_TEXT = {"nl": markdown, "en": markdown}
"""

from __future__ import annotations

import importlib
from typing import Any

# Name -> the module that defines it.  Imported when first asked for (PEP 562), so that a web worker that needs
# only the need index does not import scikit-learn (analysis.peers) with it.
_EXPORTS = {
    "aftercare_frame": "aftercare", "aftercare_tidy": "aftercare",
    "COMPONENTS": "inputs", "LEVELS": "inputs", "load_inputs": "inputs", "school_year_ending": "inputs",
    "youth_periods": "inputs",
    "DEFAULT_DRAWS": "need_index", "DEFAULT_SEED": "need_index", "DEFAULT_WEIGHTS": "need_index",
    "METHOD_TEXT": "need_index", "NORMALISATIONS": "need_index", "WeightsError": "need_index",
    "compute_need_index": "need_index", "default_period": "need_index", "need_index_layer": "need_index",
    "normalise_weights": "need_index", "parse_weights": "need_index", "region_need_summary": "summary",
    "top_label": "need_index", "valid_periods": "need_index",
    "find_peers": "peers",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'analysis' has no attribute {name!r}")
    return getattr(importlib.import_module(f"analysis.{module}"), name)
