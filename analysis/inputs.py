"""From the store to the need index's inputs: one array per component, regions in a fixed order.

The need index has five components, all oriented so that a higher value means more need:

=========================  =====================================  ==========  ==========
component                  store indicator (period)               family      per
=========================  =====================================  ==========  ==========
neet_share                 neet_share (youth year Y)              binomial    100
youth_jobseeker_rate       youth_jobseeker_rate (Y)               poisson     1000
youth_benefit_share        youth_benefit_share (Y)                binomial    100
early_school_leaver_rate   early_school_leaver_rate (Y-1/Y)       binomial    100
neet_share_change          neet_share (Y) - neet_share (Y-1)      (two terms) 100
=========================  =====================================  ==========  ==========

School-year alignment: the youth tables (86087NED) describe October of year Y.  Early school
leavers of school year ``Y-1/Y`` were enrolled on 1 October Y-1 and had left without a basic
qualification by 1 October Y, so they are part of the October-Y youth population the other
components describe.  Youth year ``2023`` therefore uses school year ``2022/2023``
(:func:`etl.transform.periods.school_year_ending`).

Rounding: CBS publishes these counts rounded (e.g. to 10 for gemeenten, 100 for regions).  The store
declares the unit per indicator and level in ``indicators.json`` (``rounding``: ``{level: {unit,
summed_from}}``; ``summed_from`` when the ETL summed rounded counts of that lower level).  Each term
carries, per region, the rounding unit of its counts and how many rounded counts were summed, so the
uncertainty draws can place each count anywhere in its rounding interval (:mod:`analysis.uncertainty`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from etl.transform.periods import school_year_ending, shift_period

LEVELS = ("arbeidsmarktregio", "rmc", "gemeente")


@dataclass(frozen=True)
class ComponentSpec:
    id: str
    indicator: str                 # the store indicator the component is computed from
    family: str                    # binomial (share of a population) | poisson (rate per 1000)
    scale: float                   # value = scale * numerator / denominator
    higher_is_more_need: bool = True
    change: bool = False           # one-year change (Y minus Y-1) instead of the level


COMPONENT_SPECS: tuple[ComponentSpec, ...] = (
    ComponentSpec("neet_share", "neet_share", "binomial", 100.0),
    ComponentSpec("youth_jobseeker_rate", "youth_jobseeker_rate", "poisson", 1000.0),
    ComponentSpec("youth_benefit_share", "youth_benefit_share", "binomial", 100.0),
    ComponentSpec("early_school_leaver_rate", "early_school_leaver_rate", "binomial", 100.0),
    ComponentSpec("neet_share_change", "neet_share", "binomial", 100.0, change=True),
)
COMPONENTS: tuple[str, ...] = tuple(c.id for c in COMPONENT_SPECS)
SCHOOL_YEAR_INDICATORS = ("early_school_leaver_rate", "early_school_leavers")


def spec(component: str) -> ComponentSpec:
    for c in COMPONENT_SPECS:
        if c.id == component:
            return c
    raise KeyError(f"unknown component {component!r}; known: {', '.join(COMPONENTS)}")


def source_period(component: ComponentSpec, period: str, lagged: bool = False) -> str:
    """The store period a component (term) reads for youth year ``period``."""
    if component.indicator in SCHOOL_YEAR_INDICATORS:
        return school_year_ending(period)
    return shift_period(period, years=1) if lagged else str(period)


@dataclass(frozen=True)
class Rounding:
    """Per region: the unit CBS rounded each count to (0: exact) and how many rounded counts were summed."""

    unit: np.ndarray               # (R,)
    cells: np.ndarray              # (R,) 1, or the number of gemeenten summed into a region

    @property
    def any(self) -> bool:
        return bool(np.any(self.unit > 1))

    @staticmethod
    def exact(n: int) -> Rounding:
        return Rounding(np.zeros(n), np.ones(n))


@dataclass(frozen=True)
class Term:
    """One published rate per region; a component is the signed sum of its terms."""

    sign: float
    value: np.ndarray              # (R,) published value, NaN when missing
    numerator: np.ndarray          # (R,) count behind the rate, NaN when unknown
    denominator: np.ndarray        # (R,)
    family: str
    scale: float
    period: str
    rounding: Rounding | None = None   # of numerator and denominator; None: exact counts


@dataclass(frozen=True)
class IndexInputs:
    """Everything the index needs for one level and youth year, regions sorted by code."""

    level: str
    period: str
    region_codes: tuple[str, ...]
    region_names: tuple[str, ...]
    terms: dict[str, tuple[Term, ...]]
    demo: frozenset[str]           # regions where any figure the loaded components read is demo data

    @property
    def components(self) -> tuple[str, ...]:
        return tuple(self.terms)

    def values(self, components: tuple[str, ...] | None = None) -> np.ndarray:
        """(R, C) component values, oriented so that higher = more need."""
        comps = components or self.components
        cols = []
        for comp in comps:
            orient = 1.0 if spec(comp).higher_is_more_need else -1.0
            total = np.zeros(len(self.region_codes))
            for term in self.terms[comp]:
                total = total + term.sign * term.value
            cols.append(orient * total)
        return np.column_stack(cols) if cols else np.empty((len(self.region_codes), 0))


def _level_rows(store, level: str, wanted: set[tuple[str, str]]) -> pd.DataFrame:
    """Observations of ``level`` for the (indicator, period) pairs in ``wanted``."""
    obs = store.observations
    indicators = {i for i, _ in wanted}
    periods = {p for _, p in wanted}
    mask = (obs["region_level"] == level) & obs["indicator"].isin(indicators) & obs["period"].isin(periods)
    columns = ["indicator", "region_code", "period", "value", "numerator", "denominator"]
    rows = obs.loc[mask, columns + (["is_demo"] if "is_demo" in obs else [])]
    rows = rows.astype({"indicator": str, "period": str, "region_code": str})
    pairs = zip(rows["indicator"].tolist(), rows["period"].tolist(), strict=True)
    return rows[[pair in wanted for pair in pairs]]


def level_regions(store, level: str) -> pd.DataFrame:
    """The regions of one level (code, name), sorted by code."""
    regions = store.regions
    out = regions.loc[regions["region_level"] == level, ["region_code", "region_name"]]
    return out.sort_values("region_code").reset_index(drop=True)


def youth_periods(store, level: str = "arbeidsmarktregio") -> list[str]:
    """Youth years (yearly periods of neet_share) present at ``level``, oldest first."""
    obs = store.observations
    rows = obs[(obs["indicator"] == "neet_share") & (obs["region_level"] == level) & (obs["frequency"] == "year")]
    return sorted(set(rows["period"].astype(str)))


def rounding_for(store, indicator: str, level: str, codes: list[str]) -> Rounding | None:
    """The rounding of ``indicator``'s counts at ``level`` per region, from ``indicators.json`` (None: exact)."""
    meta = next((m for m in (store.indicators or []) if m.get("id") == indicator), {})
    entry = (meta.get("rounding") or {}).get(level)
    if not entry or float(entry.get("unit") or 0) <= 1:
        return None
    cells = np.ones(len(codes))
    if entry.get("summed_from"):
        regions = store.regions
        parent = "rmc_code" if level == "rmc" else "parent_code"
        children = regions[regions["region_level"] == entry["summed_from"]][parent].value_counts()
        cells = children.reindex(codes).fillna(1).to_numpy(float)
    return Rounding(np.full(len(codes), float(entry["unit"])), cells)


def load_inputs(store, level: str, period: str | int, components: tuple[str, ...] = COMPONENTS) -> IndexInputs:
    """Read the components of youth year ``period`` at ``level`` from the store (missing -> NaN)."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}; valid: {', '.join(LEVELS)}")
    period = str(period)
    regions = level_regions(store, level)
    codes = regions["region_code"].astype(str).tolist()
    specs = [spec(c) for c in components]
    plan = {s.id: [(1.0, source_period(s, period))] + ([(-1.0, source_period(s, period, lagged=True))] if s.change
                                                       else []) for s in specs}
    rows = _level_rows(store, level, {(s.indicator, per) for s in specs for _, per in plan[s.id]})
    terms: dict[str, tuple[Term, ...]] = {}
    for s in specs:
        built = []
        for sign, per in plan[s.id]:
            block = rows[(rows["indicator"] == s.indicator) & (rows["period"] == per)]
            block = block.drop_duplicates("region_code").set_index("region_code").reindex(codes)
            built.append(Term(sign, block["value"].to_numpy(float), block["numerator"].to_numpy(float),
                              block["denominator"].to_numpy(float), s.family, s.scale, per,
                              rounding_for(store, s.indicator, level, codes)))
        terms[s.id] = tuple(built)
    demo = frozenset(rows.loc[rows["is_demo"].eq(True), "region_code"]) if "is_demo" in rows else frozenset()
    return IndexInputs(level, period, tuple(codes), tuple(regions["region_name"].astype(str)), terms, demo)


def available_components(store, level: str, period: str | int) -> tuple[str, ...]:
    """Components with at least one region's value for youth year ``period``."""
    inputs = load_inputs(store, level, period)
    values = inputs.values()
    return tuple(c for c, col in zip(inputs.components, values.T, strict=True) if np.isfinite(col).any())
