"""The board brief: what a region's board (or the alliance's own board) brings to its twice-yearly meeting.

Pure queries over the :class:`~dashboard.data.view.StoreView`, memoised in it (kind ``brief``):

* :func:`region_brief` for an arbeidsmarktregio or a gemeente: every regional headline figure with its position
  among the regions of its level, the change since a year earlier and since before the corona crisis (2019), the
  need-index rank with its 90% interval and main drivers, the aftercare numbers (count and rate), the
  municipalities of the region (for a gemeente: its arbeidsmarktregio and fellow municipalities) and small trends;
* :func:`national_brief` for the alliance: the national figures, the regions that improved and worsened most over
  the most recent half year and year the data allow, the regions certainly in the top 5 of need and the national
  aftercare picture.

Which period a figure shows is decided in one place, :func:`headline_period`: the latest figure of the most
frequent series there is (a month before a quarter before a year), so every page shows the same national figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analysis.need_index import top_label
from dashboard.data import queries as q
from dashboard.data.aftercare import aftercare_period, aftercare_table
from dashboard.data.domain import NATIONAL_CODE, REGIONAL_LEVELS
from dashboard.data.need import default_query, need_meta, need_periods, need_region_summary, need_table
from dashboard.data.overview import headline, indicator_rows, trend
from dashboard.data.rounding import display_round
from dashboard.data.view import StoreView
from etl.transform.periods import pre_corona_period, shift_period

# Regional figures where a higher value means more need (the brief's cards), then the national-only ones.
REGIONAL_INDICATORS = ("neet_share", "youth_jobseeker_rate", "youth_benefit_share", "early_school_leaver_rate")
NATIONAL_ONLY = ("youth_unemployment_rate", "unemployment_rate")
MOVER_INDICATORS = (*REGIONAL_INDICATORS, "youth_ww_benefits")
RELATIVE_CHANGE = ("youth_ww_benefits",)       # counts: compare regions by their change in per cent
TREND_YEARS = 8
MOVERS = 3                                    # regions named per list
TOP_K = 5
MOVER_DECIMALS = 1                      # the brief writes changes with one decimal


# --- periods ----------------------------------------------------------------------------------------------------

def headline_period(view: StoreView, indicator: str) -> tuple[str | None, str | None]:
    """(period, frequency) of the national headline figure: the latest of the most frequent series (once per
    view and indicator)."""
    return view.cached("headline_period", indicator, lambda: _headline_period(view, indicator))


def _headline_period(view: StoreView, indicator: str) -> tuple[str | None, str | None]:
    rows = indicator_rows(view, indicator)
    meta = view.indicator(indicator) or {"id": indicator}
    item = headline(rows, meta, None)
    return item.national.period, item.frequency


# --- building blocks ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Comparison:
    """A region's value in an earlier period and the change since (None where either is missing)."""

    period: str | None
    value: float | None
    change: float | None


@dataclass(frozen=True)
class BriefFigure:
    """One indicator of one region (or Nederland) as the brief shows it."""

    indicator: str
    meta: dict[str, Any]
    frequency: str | None
    period: str | None
    value: float | None
    flag: str | None
    status: str | None
    rank: int | None
    of: int | None
    national: float | None
    year_before: Comparison
    pre_corona: Comparison
    trend: pd.DataFrame = field(repr=False)              # period, period_start, value of the region
    national_trend: pd.DataFrame = field(repr=False)     # the same for Nederland (empty for Nederland itself)


def _value_of(view: StoreView, indicator: str, level: str, period: str | None, code: str) -> float | None:
    if not period:
        return None
    if level == "land":
        return q.national_value(view, indicator, period)
    return _value(q.region_values(view, indicator, level, period).get(code))


def _value(found: q.RegionValue | None) -> Any:
    return None if found is None else found.value


def _comparison(now: float | None, period: str | None, then: float | None) -> Comparison:
    change = None if now is None or then is None else now - then
    return Comparison(period, then, change)


def _series(view: StoreView, indicator: str, level: str, code: str, frequency: str | None) -> pd.DataFrame:
    cols = ["period", "period_start", "value"]
    if level == "land":
        rows = indicator_rows(view, indicator)
        return trend(rows, NATIONAL_CODE, frequency)[cols]
    frame = q.time_series(view, indicator, level, [code], national=False)
    return frame[cols].tail(TREND_YEARS).reset_index(drop=True)


def region_figure(view: StoreView, indicator: str, code: str, level: str) -> BriefFigure:
    """Value, position, national value, changes and trend of ``indicator`` for region ``code`` at ``level``."""
    meta = dict(view.indicator(indicator) or {"id": indicator})
    if level == "land":
        period, frequency = headline_period(view, indicator)
        value, rank, of, flag, status = (_value_of(view, indicator, "land", period, code), None, None, None, None)
        rows = indicator_rows(view, indicator)
        match = rows[(rows["region_code"] == NATIONAL_CODE) & (rows["period"] == period)]
        status = q.clean(match["status"].iloc[0]) if len(match) else None
        national_trend = pd.DataFrame(columns=["period", "period_start", "value"])
    else:
        period, frequency = q.latest_period(view, indicator, level), q.frequency_of(view, indicator, level)
        value = rank = of = flag = status = None
        found = q.region_values(view, indicator, level, period).get(code) if period else None
        if found is not None:
            value, rank, of, flag, status = found.value, found.rank, found.ranked, found.flag, found.status
        national_trend = q.time_series(view, indicator, level, [], national=True)[
            ["period", "period_start", "value"]].tail(TREND_YEARS).reset_index(drop=True)
    before = shift_period(period, years=1)
    baseline = pre_corona_period(period)
    return BriefFigure(
        indicator=indicator, meta=meta, frequency=frequency, period=period, value=value, flag=flag, status=status,
        rank=int(rank) if rank is not None else None, of=of,
        national=q.national_value(view, indicator, period) if period else None,
        year_before=_comparison(value, before, _value_of(view, indicator, level, before, code)),
        pre_corona=_comparison(value, baseline, _value_of(view, indicator, level, baseline, code)),
        trend=_series(view, indicator, level, code, frequency), national_trend=national_trend,
    )


def national_figure(view: StoreView, indicator: str) -> BriefFigure:
    """:func:`region_figure` of Nederland, once per view and indicator (every region's brief shows it; shared)."""
    return view.cached("national_figure", indicator, lambda: region_figure(view, indicator, NATIONAL_CODE, "land"))


# --- the need index and aftercare of one region ---------------------------------------------------------------------

def need_summary(view: StoreView, code: str, level: str) -> dict[str, Any] | None:
    """Rank, 90% interval, label and the components ordered by contribution (largest first)."""
    summary = need_region_summary(view, code, level)
    if not summary or summary.get("rank") is None:
        return None
    drivers = sorted(((c, v) for c, v in summary["contributions"].items() if v is not None),
                     key=lambda item: item[1], reverse=True)
    return {**summary, "drivers": drivers,
            "label_code": top_label(int(summary["rank_low"]), int(summary["rank_high"]), int(summary["n"]), TOP_K)}


def region_aftercare(view: StoreView, code: str, level: str) -> dict[str, Any] | None:
    """The region's row of :func:`dashboard.data.aftercare.aftercare_table` as a dict, with the period."""
    period = aftercare_period(view, level)
    if not period:
        return None
    table = aftercare_table(view, level, period)
    row = table[table["region_code"] == code]
    if row.empty:
        return None
    with_figure = {f"n_{m}": int(table[m].notna().sum()) for m in ("neet_count", "neet_share", "early_school_leavers",
                                                                     "early_school_leaver_rate") if m in table}
    return {k: q.clean(v) for k, v in row.iloc[0].items()} | {"n": len(table), "level": level} | with_figure


def neighbourhood(view: StoreView, info: dict[str, Any]) -> dict[str, Any] | None:
    """The municipalities of an arbeidsmarktregio or RMC region, or of a gemeente's arbeidsmarktregio, with their NEET
    share, aftercare count and need-index rank (gemeente level); for a gemeente also its arbeidsmarktregio's own need
    rank."""
    am = info["code"] if info["level"] in ("arbeidsmarktregio", "rmc") else info.get("parent_code")
    if not am or not str(am).startswith(("AM", "MC")):
        return None
    members = q.municipalities(view, am)
    period = q.latest_period(view, "neet_share", "gemeente")
    shares = q.region_values(view, "neet_share", "gemeente", period) if period else None
    counts = q.region_values(view, "neet_count", "gemeente", period) if period else None
    need_period = (need_periods(view, "gemeente") or (None,))[-1]
    ranks = need_table(view, default_query("gemeente", need_period)) if need_period else None
    need_ranks = {} if ranks is None else {
        code: (int(rank), int(low), int(high)) for code, rank, low, high in zip(
            *(ranks[c].tolist() for c in ("region_code", "rank", "rank_low", "rank_high")), strict=True)
        if pd.notna(rank)}
    by_code = {}
    for code, name in zip(members["region_code"], members["region_name"], strict=True):
        entry: dict[str, Any] = {"code": code, "name": name, "neet_share": None, "neet_count": None,
                                 "need_rank": None, "need_low": None, "need_high": None}
        if shares is not None:
            entry["neet_share"] = _value(shares.get(code))
            entry["neet_count"] = _value(counts.get(code))
        if code in need_ranks:
            entry["need_rank"], entry["need_low"], entry["need_high"] = need_ranks[code]
        by_code[code] = entry
    need_n = int(ranks["rank"].notna().sum()) if ranks is not None else 0
    am_info = q.region_info(view, am) or {"code": am, "name": am}
    return {"am_code": am, "am_name": am_info["name"], "period": period, "need_period": need_period,
            "need_n": need_n, "members": list(by_code.values()),
            "am_need": need_summary(view, am, "arbeidsmarktregio") if info["level"] == "gemeente" else None}


# --- the briefs -------------------------------------------------------------------------------------------------------

def region_brief(view: StoreView, code: str) -> dict[str, Any] | None:
    """Everything on the brief of one arbeidsmarktregio or gemeente (None for an unknown code)."""
    info = q.region_info(view, code)
    if not info or info["level"] not in REGIONAL_LEVELS:
        return None
    return view.cached("brief", ("region", info["code"]), lambda: _region_brief(view, info))


def _region_brief(view: StoreView, info: dict[str, Any]) -> dict[str, Any]:
    level, code = info["level"], info["code"]
    population = region_figure(view, "youth_population", code, level)
    return {
        "info": info,
        "n_regions": int((view.regions["region_level"] == level).sum()),
        "youth_population": population.value, "youth_population_period": population.period,
        "figures": [region_figure(view, i, code, level) for i in REGIONAL_INDICATORS],
        "national_only": [national_figure(view, i) for i in NATIONAL_ONLY],
        "need": need_summary(view, code, level),
        "aftercare": region_aftercare(view, code, level),
        "neighbourhood": neighbourhood(view, info),
        **_metas(view),
    }


def _metas(view: StoreView) -> dict[str, Any]:
    """What the brief's parts need to mark each figure real or demo: every indicator's description, and the need
    index's (demo when any of its inputs is)."""
    return {"indicators": {m["id"]: m for m in view.indicators}, "need_meta": need_meta(view)}


def national_brief(view: StoreView) -> dict[str, Any]:
    """Everything on the alliance's own brief."""
    return view.cached("brief", ("national",), lambda: _national_brief(view))


def _national_brief(view: StoreView) -> dict[str, Any]:
    level = "arbeidsmarktregio"
    need_period = (need_periods(view, level) or (None,))[-1]
    top: dict[str, list[dict[str, Any]]] = {"certain": [], "possible": []}
    n_need = 0
    if need_period:
        table = need_table(view, default_query(level, need_period))
        ranked = table.dropna(subset=["rank"]).sort_values("rank")
        n_need = len(ranked)
        for r in ranked.itertuples():
            label = top_label(int(r.rank_low), int(r.rank_high), n_need, TOP_K)
            label = "possible" if label == "indistinct" else label     # it reaches the top 5 too (its interval says how wide)
            if label in top:
                top[label].append({"code": r.region_code, "name": r.region_name, "rank": int(r.rank),
                                   "low": int(r.rank_low), "high": int(r.rank_high)})
    return {
        "n_regions": {lvl: int((view.regions["region_level"] == lvl).sum()) for lvl in REGIONAL_LEVELS},
        "figures": [region_figure(view, i, NATIONAL_CODE, "land") for i in (*REGIONAL_INDICATORS, *NATIONAL_ONLY)],
        "movers": movers(view, level),
        "need_period": need_period, "need_n": n_need, "top": top,
        "aftercare": national_aftercare(view),
        **_metas(view),
    }


# --- movers: who improved and who worsened since the last meetings ---------------------------------------------------

def movers(view: StoreView, level: str = "arbeidsmarktregio") -> list[dict[str, Any]]:
    """Per indicator and span (half a year where the series is monthly or quarterly, else a year): the regions
    whose figure fell most (improved) and rose most (worsened) between the most recent comparable periods."""
    out = []
    for indicator in MOVER_INDICATORS:
        frequency = q.frequency_of(view, indicator, level)
        latest = q.latest_period(view, indicator, level)
        if not latest:
            continue
        spans = (("half_year", shift_period(latest, months=6)),) if frequency in ("month", "quarter") else ()
        spans += (("year", shift_period(latest, years=1)),)
        for span, before in spans:
            if not before or before not in q.valid_periods(view, indicator, level):
                continue
            out.append(_movers_of(view, indicator, level, frequency, before, latest, span))
    return out


def _movers_of(view: StoreView, indicator: str, level: str, frequency: str | None, before: str, after: str,
               span: str) -> dict[str, Any]:
    now = q.values(view, indicator, level, after)[["region_code", "region_name", "value"]]
    then = q.values(view, indicator, level, before)[["region_code", "value"]].rename(columns={"value": "before"})
    frame = now.merge(then, on="region_code").dropna(subset=["value", "before"])
    relative = indicator in RELATIVE_CHANGE
    if relative:
        frame = frame[frame["before"] > 0]
        frame = frame.assign(change=100.0 * (frame["value"] - frame["before"]) / frame["before"])
    else:
        frame = frame.assign(change=frame["value"] - frame["before"])
    frame = frame.sort_values(["change", "region_name"], kind="stable")
    rows = [{"code": r.region_code, "name": r.region_name, "before": float(r.before), "after": float(r.value),
             "change": float(r.change)} for r in frame.itertuples()]
    national_before = q.national_value(view, indicator, before)
    national_after = q.national_value(view, indicator, after)
    national = None
    if national_before is not None and national_after is not None:
        national = (100.0 * (national_after - national_before) / national_before if relative and national_before
                    else national_after - national_before)
    return {"indicator": indicator, "meta": dict(view.indicator(indicator) or {"id": indicator}), "span": span,
            "frequency": frequency, "before": before, "after": after,
            "relative": relative, "improved": [r for r in rows if _moved(r["change"]) < 0][:MOVERS],
            "worsened": [r for r in rows[::-1] if _moved(r["change"]) > 0][:MOVERS], "national": national,
            "regions": len(rows)}


def _moved(change: float) -> float:
    """The change as the brief shows it (one decimal, the display rounding): a region whose change reads 0,0 did not
    move and is no mover."""
    return display_round(change, MOVER_DECIMALS)


def national_aftercare(view: StoreView) -> dict[str, Any] | None:
    """Nederland's aftercare groups (count and rate, change since a year earlier) and where they are largest."""
    level = "arbeidsmarktregio"
    period = aftercare_period(view, level)
    if not period:
        return None
    table = aftercare_table(view, level, period)
    school_year = str(table["school_year"].iloc[0]) if len(table) else None
    out: dict[str, Any] = {"period": period, "school_year": school_year}
    for count, rate, when in (("neet_count", "neet_share", period), ("early_school_leavers",
                                                                      "early_school_leaver_rate", school_year)):
        before = shift_period(when, years=1)
        out[count] = q.national_value(view, count, when) if when else None
        out[rate] = q.national_value(view, rate, when) if when else None
        out[f"{count}_before"] = q.national_value(view, count, before) if before else None
        out[f"{rate}_before"] = q.national_value(view, rate, before) if before else None
        out[f"top_{count}"] = _top(table, count)
        out[f"top_{rate}"] = _top(table, rate)
    return out


def _top(table: pd.DataFrame, column: str, n: int = MOVERS) -> list[dict[str, Any]]:
    rows = table.dropna(subset=[column]).sort_values([column, "region_name"], ascending=[False, True], kind="stable")
    return [{"code": r["region_code"], "name": r["region_name"], "value": float(r[column])}
            for _, r in rows.head(n).iterrows()]
