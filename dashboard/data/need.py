"""The need index with rank intervals, peer groups and contributions, memoised per data version and query.

One computation serves every reader: the /prioriteit page, /api/v1/need-index.csv, the explorer's "need
index" map layer and the region pages all ask :func:`need_table` (the map layer and region pages with the
default query, :func:`default_query`).  Peer groups come from :func:`peers`, also once per level and year.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analysis.aftercare import aftercare_frame
from analysis.inputs import COMPONENT_SPECS, COMPONENTS, IndexInputs, load_inputs
from analysis.need_index import (
    DEFAULT_DRAWS,
    DEFAULT_SEED,
    need_index_table,
    normalise_weights,
    top_label,
    valid_periods,
)
from analysis.peer_table import GROUP_COLUMNS, NEIGHBOUR_COLUMNS, Peers, peers_from_tables
from dashboard.data import exports
from dashboard.data.queries import clean
from dashboard.data.view import StoreView, memoised
from etl.store import NEED_INDEX as NEED_INDEX_FILE
from etl.store import PEER_GROUPS, PEER_NEIGHBOURS

NEED_INDEX = "need_index"                      # the layer id (a pseudo-indicator) in the explorer
NEED_SOURCES = ("86087NED", "84780NED")
CSV_COLUMNS = ["region_code", "region_name", "index", "rank", "rank_low", "rank_high", "peer_group",
               *[f"contribution_{c}" for c in COMPONENTS], "is_demo"]
RANKING_COLUMNS = ["region_code", "region_name", "period", "value", "flag", "status", "rank", "ranked",
                   "previous_value", "previous_period", "change", "rank_low", "rank_high"]


@dataclass(frozen=True)
class NeedQuery:
    """Validated, canonical parameters of one need-index computation."""

    level: str = "arbeidsmarktregio"
    period: str | None = None
    weights: tuple[tuple[str, float], ...] = tuple((c, 1.0) for c in COMPONENTS)
    normalisation: str = "zscore"
    seed: int = DEFAULT_SEED
    draws: int = DEFAULT_DRAWS

    @property
    def weights_dict(self) -> dict[str, float]:
        return dict(self.weights)

    @property
    def normalised_weights(self) -> tuple[tuple[str, float], ...]:
        """Weights scaled to sum 1 over every component: equivalent weightings give the same key."""
        norm = normalise_weights(self.weights_dict)
        return tuple((c, float(w)) for c, w in zip(COMPONENTS, norm, strict=True))

    def key(self) -> tuple[Any, ...]:
        return (self.level, self.period, self.normalised_weights, self.normalisation, self.seed, self.draws)

    def query_string(self) -> str:
        """Canonical query (fixed order; weights scaled to sum 1, so equivalent weightings share it)."""
        norm = dict(self.normalised_weights)
        weights = ",".join(f"{c}:{norm[c]:.10g}" for c in COMPONENTS if norm[c] > 0)
        return (f"level={self.level}&period={self.period}&weights={weights}&normalisation={self.normalisation}"
                f"&seed={self.seed}&draws={self.draws}")


def default_query(level: str, period: str) -> NeedQuery:
    """The published ranking: equal weights, z-scores, the default seed and number of draws."""
    return NeedQuery(level, period)


# --- computations (memoised in the view) -------------------------------------------------------------------------

@memoised("need_periods")
def need_periods(view: StoreView, level: str) -> tuple[str, ...]:
    """Youth years with data for every component at ``level``, oldest first."""
    try:
        return tuple(str(p) for p in valid_periods(view, level))
    except (ValueError, KeyError):
        return ()


@memoised("peers")
def peers(view: StoreView, level: str, period: str) -> Peers:
    """Peer groups and nearest neighbours of every region of ``level`` in youth year ``period``, as the ETL build
    computed and stored them (scikit-learn runs there, never in a web worker)."""
    groups, neighbours = _peer_tables(view)
    return peers_from_tables(groups, neighbours, level, period)


@memoised("peer_tables")
def _peer_tables(view: StoreView) -> tuple[pd.DataFrame, pd.DataFrame]:
    groups, neighbours = _read_table(view, PEER_GROUPS), _read_table(view, PEER_NEIGHBOURS)
    return (pd.DataFrame(columns=GROUP_COLUMNS) if groups is None else groups,      # no peers stored: no groups
            pd.DataFrame(columns=NEIGHBOUR_COLUMNS) if neighbours is None else neighbours)


@memoised("aftercare")
def aftercare(view: StoreView, level: str, period: str) -> pd.DataFrame:
    """Per region the young people neither working nor learning and the early school leavers (shared)."""
    return aftercare_frame(view, level, period)


def need_table(view: StoreView, query: NeedQuery) -> pd.DataFrame:
    """Index, intervals, contributions and peer group per region (shared: do not modify the result)."""
    return view.cached("need_table", query.key(), lambda: _need_table(view, query))


def _need_table(view: StoreView, query: NeedQuery) -> pd.DataFrame:
    groups = peers(view, query.level, query.period).groups[["region_code", "peer_group"]]
    published = published_layer(view, query.level, query.period) if query.key() == default_query(
        query.level, query.period).key() else None
    return need_index_table(need_inputs(view, query.level, query.period), groups,
                            weights=dict(query.normalised_weights), normalisation=query.normalisation,
                            seed=query.seed, draws=query.draws, published=published)


def need_inputs(view: StoreView, level: str, period: str) -> IndexInputs:
    """What the need index of ``level`` and ``period`` is computed from, and which regions' figures are demo, read
    once per view (every weighting and sensitivity variant of that year shares it; read-only)."""
    return view.cached("need_inputs", (level, period), lambda: load_inputs(view, level, period))


def published_layer(view: StoreView, level: str, period: str) -> pd.DataFrame | None:
    """The published need index of ``level`` and ``period`` as the ETL build stored it (None when not stored)."""
    table = view.cached("need_index_file", (), lambda: _read_table(view, NEED_INDEX_FILE))
    if table is None or "level" not in table:
        return None
    rows = table[(table["level"] == level) & (table["period"] == str(period))]
    if rows.empty:
        return None
    layer = rows.drop(columns=["level", "period"]).reset_index(drop=True)
    ranks = [c for c in ("rank", "rank_low", "rank_median", "rank_high") if c in layer]
    layer = layer.astype({c: "Int64" for c in ranks})           # Parquet gives floats where a rank is missing
    layer.attrs = {"period": str(period), "level": level}
    return layer


def _read_table(view: StoreView, name: str) -> pd.DataFrame | None:
    if name not in view.store.files and not (view.path / name).exists():
        return None
    return pd.read_parquet(io.BytesIO(view.store.file_bytes(name)))


def need_csv(view: StoreView, query: NeedQuery) -> bytes:
    """The CSV body for ``query``."""
    return view.cached("need_csv", query.key(), lambda: table_csv(need_table(view, query)))


def table_csv(table: pd.DataFrame) -> bytes:
    """A need table as CSV with :data:`CSV_COLUMNS` (the golden files are written with this too)."""
    return exports.frame_to_csv(table, "standard", CSV_COLUMNS)


def csv_filename(view: StoreView, query: NeedQuery) -> str:
    """``jongeren_behoefte-index_<level>_<year>_<normalisation>[_demo]_<build date>.csv``."""
    demo = "_demo" if bool(need_table(view, query)["is_demo"].any()) else ""
    return (f"jongeren_behoefte-index_{query.level}_{query.period}_{query.normalisation}{demo}_"
            f"{exports.build_date(view.manifest)}.csv")


# --- the need index as a layer of the explorer and on region pages ---------------------------------------------

def need_is_demo(view: StoreView) -> bool:
    """Whether any indicator the need index is computed from is demo data."""
    return any(bool((view.indicator(spec.indicator) or {}).get("is_demo")) for spec in COMPONENT_SPECS)


def need_inputs_meta(view: StoreView) -> list[dict[str, Any]]:
    """The descriptions of the indicators the need index reads (its demo status follows theirs)."""
    return [view.indicator(i) or {"id": i} for i in dict.fromkeys(spec.indicator for spec in COMPONENT_SPECS)]


def need_meta(view: StoreView) -> dict[str, Any]:
    """An indicator-like description of the need index (for titles, source lines and units)."""
    return {"id": NEED_INDEX, "title_nl": "Prioriteitsindex", "title_en": "Priority index",
            "unit": "index", "unit_label": {"nl": "index", "en": "index"}, "source_tables": list(NEED_SOURCES),
            "is_demo": need_is_demo(view), "higher_is_more_need": True,
            "definition_nl": "Gewogen som van vijf genormaliseerde onderdelen (z-scores); hoger = meer behoefte. "
                             "Rang 1 = meeste behoefte, met een 90%-interval.",
            "definition_en": "Weighted sum of five normalised components (z-scores); higher = more need. "
                             "Rank 1 = most need, with a 90% interval."}


@memoised("need_ranking")
def _need_ranking(view: StoreView, level: str, period: str) -> pd.DataFrame:
    table = need_table(view, default_query(level, period))
    out = pd.DataFrame({
        "region_code": table["region_code"].astype(str), "region_name": table["region_name"].astype(str),
        "period": period, "value": table["index"].astype(float),
        "flag": [None if pd.notna(v) else "not available" for v in table["index"]],
        "status": None, "rank": table["rank"].astype("Int64"),
        "ranked": int(table["index"].notna().sum()), "previous_value": float("nan"), "previous_period": None,
        "change": float("nan"), "rank_low": table["rank_low"].astype("Int64"),
        "rank_high": table["rank_high"].astype("Int64"),
    })
    order = out.assign(_missing=out["rank"].isna()).sort_values(["_missing", "rank", "region_name"], kind="stable")
    return order.drop(columns="_missing").reset_index(drop=True)


def need_ranking(view: StoreView, level: str, period: str) -> pd.DataFrame:
    """The need index in the shape of :func:`dashboard.data.queries.ranking` (value = index), plus rank_low/high."""
    return shared_need_ranking(view, level, period).copy()


def shared_need_ranking(view: StoreView, level: str, period: str) -> pd.DataFrame:
    """:func:`need_ranking` as the view holds it (no copy): read it, never change it."""
    if period not in need_periods(view, level):
        return pd.DataFrame(columns=RANKING_COLUMNS)
    return _need_ranking(view, level, period)


def need_region_summary(view: StoreView, code: str, level: str) -> dict[str, Any] | None:
    """Rank, 90% interval, label, contributions and peers of one region (latest period), or None."""
    periods = need_periods(view, level)
    if not periods:
        return None
    period = periods[-1]
    table = need_table(view, default_query(level, period))
    rows = table[table["region_code"] == code]
    if rows.empty:
        return None
    row = rows.iloc[0]
    out: dict[str, Any] = {"period": period, "level": level, "index": clean(row["index"]), "n": int(row["n"]),
                           "rank": clean(row["rank"]), "rank_low": clean(row["rank_low"]),
                           "rank_high": clean(row["rank_high"]), "label": None, "contributions": {},
                           "peers": [], "peer_group": None}
    if out["rank"] is not None:
        out["label"] = top_label(int(out["rank_low"]), int(out["rank_high"]), out["n"], lang="nl")
        out["label_en"] = top_label(int(out["rank_low"]), int(out["rank_high"]), out["n"], lang="en")
        out["contributions"] = {c[len("contribution_"):]: clean(row[c]) for c in table.columns
                                if c.startswith("contribution_")}
    try:
        found = peers(view, level, period)
    except ValueError:                          # too few regions with a full profile to group
        return out
    out["peers"] = found.neighbours_of(code)
    out["peer_group"] = found.group_of(code)
    return out
