"""Counts onto today's division: carry former gemeenten, sum gemeenten into regions, check CBS's own region figures.

A figure of year Y is on the gemeente division of Y when its table says so (84780NED, 82859NED); CBS's youth
table 86087NED is already on today's gemeenten.  Either way a count reaches a region of today by one rule,
:meth:`Geography.targets`: a gemeente of today counts for itself and its regions; a former gemeente that merged
counts for the gemeente it merged into; a former gemeente that was split counts for no single gemeente of today
(each part is ``incomplete`` that year), but for a region that holds every part.  Rates are made afterwards from
the summed counts, never from averaged rates.

Where a table gives a region itself (CBS's arbeidsmarktregio's of 86087NED, its RMC regions in 84780NED), its figure
is kept when it agrees with the sum of today's gemeenten within CBS's rounding, and replaced by that sum when it
does not (the region was made of other gemeenten that year); every comparison is reported for the manifest.
Each row says how it was made (``derivation``): ``published`` (as CBS gives it), ``carried`` (a gemeente of today
with the counts of the gemeenten that merged into it) or ``summed`` (a region as the sum of its gemeenten).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

PUBLISHED, CARRIED, SUMMED = "published", "carried", "summed"
DERIVATIONS = (PUBLISHED, CARRIED, SUMMED)
NATIONAL = "NL01"
PERIOD_KEYS = ["period", "period_start", "frequency", "status"]


class DivisionError(ValueError):
    """Figures that contradict the division (a gemeente with figures in a year it did not exist)."""


@dataclass(frozen=True)
class Geography:
    """Today's regions and how the gemeenten of earlier divisions map onto them."""

    regions: pd.DataFrame                                     # region_code, region_name, region_level, parent_code, rmc_code
    successors: Mapping[str, tuple[str, ...]] = field(default_factory=dict)   # former gemeente -> today's gemeente(n)
    former_names: Mapping[str, str] = field(default_factory=dict)
    lifetimes: Mapping[str, tuple[int | None, int | None]] = field(default_factory=dict)  # code -> (first, last year)

    @property
    def gemeenten(self) -> list[str]:
        r = self.regions
        return r.loc[r["region_level"] == "gemeente", "region_code"].tolist()

    def parent_of(self, level: str) -> dict[str, str]:
        """Gemeente of today -> its region of ``level`` (``land``: Nederland; ``gemeente``: itself)."""
        gm = self.regions[self.regions["region_level"] == "gemeente"]
        codes = gm["region_code"].tolist()
        if level == "gemeente":
            return dict(zip(codes, codes, strict=True))
        if level == "land":
            return dict.fromkeys(codes, NATIONAL)
        column = "rmc_code" if level == "rmc" else "parent_code"
        return dict(zip(codes, gm[column].tolist(), strict=True))

    def targets(self, level: str) -> dict[str, tuple[str, ...]]:
        """Every gemeente code a table may send (today's and former) -> the region(s) of ``level`` it counts for.

        One target: the counts belong there.  Several: a split gemeente whose parts lie in different regions of
        ``level``; its counts cannot be divided, so each of those regions is incomplete for that year."""
        parent = self.parent_of(level)
        out = {code: (p,) for code, p in parent.items()}
        for former, parts in self.successors.items():
            out[former] = tuple(sorted({parent[p] for p in parts}))
        return out

    def existed(self, code: str, year: int) -> bool:
        first, last = self.lifetimes.get(code, (None, None))
        return (first is None or year >= first) and (last is None or year <= last)

    def name(self, code: str) -> str:
        names = dict(zip(self.regions["region_code"], self.regions["region_name"], strict=True))
        return names.get(code) or self.former_names.get(code, code)


@dataclass
class Regrouped:
    """Counts of one level made from gemeente counts, with what was done for the manifest."""

    counts: pd.DataFrame
    carried: dict[str, dict[str, Any]] = field(default_factory=dict)      # gemeente -> {"from": [...], "periods"}
    incomplete: list[dict[str, str]] = field(default_factory=list)        # {region, period, reason}


def regroup(counts: pd.DataFrame, roles: list[str], geo: Geography, level: str, division: int | str | None,
            table: str) -> Regrouped:
    """The counts of every region of ``level`` that today's gemeenten make up, from the gemeente rows of ``counts``
    (one row per region code and period, one column per role with ``<role>_flag`` and ``<role>_demo`` beside it).

    ``division``: the gemeente rows are on today's division (None), on the division of their own year
    (``"period"``) or of one year (an int); in the latter cases former gemeenten are carried and a gemeente's row
    must be empty when it did not exist in that division (else :class:`DivisionError`).  Per role, a region is
    ``incomplete`` (value missing) when one of its gemeenten has no count, is absent, or is a split whose parts lie
    in several regions; never silently short.  A role none of its gemeenten has (nor a reason for) stays absent.
    """
    gm = counts[counts["region"].str.startswith("GM")].copy()
    if gm.empty:
        return Regrouped(counts.iloc[0:0].copy())
    flags = [f"{r}_flag" for r in roles]
    has_value = gm[roles].notna().any(axis=1).to_numpy()
    if division is not None:
        years = _division_years(gm["period_start"], division)
        alive = np.array([geo.existed(c, y) for c, y in zip(gm["region"], years, strict=True)], dtype=bool)
        wrong = gm[~alive & has_value]
        if len(wrong):
            row = wrong.iloc[0]
            raise DivisionError(f"{table}: {geo.name(row['region'])} ({row['region']}) has figures for {row['period']}, "
                                f"but did not exist in the division of {years[int(np.argmax(~alive & has_value))]}")
        gm = gm[alive].copy()
    targets = geo.targets(level)
    unknown = sorted(set(gm["region"]) - set(targets))
    if unknown:
        raise DivisionError(f"{table}: gemeente code(s) {', '.join(unknown[:6])} are neither in today's division nor "
                            "known former gemeenten (see the division's successor list)")
    gm["target"] = gm["region"].map(targets)
    gm["ambiguous"] = gm["target"].map(len) > 1
    gm["former"] = ~gm["region"].isin(geo.gemeenten)
    long = gm.explode("target")
    keys = ["target", *PERIOD_KEYS]
    grouped = long.groupby(keys, sort=True, dropna=False)
    summed = grouped[roles].sum(min_count=1)
    index = summed.index
    any_value = long[roles].notna().groupby([long[k] for k in keys], dropna=False).any().reindex(index)
    all_value = long[roles].notna().groupby([long[k] for k in keys], dropna=False).all().reindex(index)
    any_flag = long[flags].notna().groupby([long[k] for k in keys], dropna=False).any().reindex(index)
    blocked = grouped["ambiguous"].any().reindex(index).to_numpy()
    terms = grouped["region"].nunique().reindex(index)
    expected = _members_alive(geo, level, gm[PERIOD_KEYS].drop_duplicates(), division)
    present = terms if division is not None else long[~long["former"]].groupby(keys, dropna=False)["region"].nunique()
    short = present.reindex(index, fill_value=0).to_numpy() < expected.reindex(index, fill_value=0).to_numpy()
    out = pd.DataFrame(index=index).reset_index().rename(columns={"target": "region"})
    first_flag = grouped[flags].agg(_worst_flag).reindex(index)
    for role in roles:
        complete = all_value[role].to_numpy() & ~blocked & ~short
        absent = ~any_value[role].to_numpy() & ~any_flag[f"{role}_flag"].to_numpy()
        out[role] = np.where(complete, summed[role].to_numpy(), np.nan)
        reason = np.where(~any_value[role].to_numpy() & ~blocked & ~short,
                          first_flag[f"{role}_flag"].to_numpy(dtype=object), "incomplete")
        out[f"{role}_flag"] = np.where(complete | absent, None, reason)
        if f"{role}_demo" in long:
            out[f"{role}_demo"] = long.groupby(keys, dropna=False)[f"{role}_demo"].any().reindex(index).to_numpy()
    origin = grouped.agg(source_table=("source_table", "first"), is_demo=("is_demo", "any"),
                         former=("former", "any")).reindex(index)
    out["source_table"] = origin["source_table"].to_numpy()
    out["is_demo"] = origin["is_demo"].to_numpy()
    out["terms"] = terms.to_numpy()
    if level == "gemeente":
        out["derivation"] = np.where(origin["former"].to_numpy(dtype=bool), CARRIED, PUBLISHED)
    else:
        out["derivation"] = SUMMED
    result = Regrouped(out)
    if level == "gemeente":
        _report(long, geo, result)
    return result


def _worst_flag(flags: pd.Series) -> str | None:
    present = [f for f in flags if isinstance(f, str)]
    for f in ("confidential", "not available", "impossible", "incomplete"):
        if f in present:
            return f
    return present[0] if present else None


def _division_years(starts: pd.Series, division: int | str) -> list[int]:
    """The year of the division each row's gemeenten belong to: the period's own year, or one fixed year."""
    if division == "period":
        return [int(t.year) for t in starts]
    return [int(division)] * len(starts)


def _members_alive(geo: Geography, level: str, periods: pd.DataFrame, division: int | str | None) -> pd.Series:
    """Per region of ``level`` and period: how many gemeenten of the table's division should send a row for it —
    today's gemeenten when the table is on today's division, else every gemeente (today's or former) that existed
    in that division and counts for the region, so a former gemeente that sent nothing leaves its region short."""
    if division is None:
        members = pd.DataFrame(list(geo.parent_of(level).items()), columns=["region", "target"])
    else:
        members = pd.DataFrame([(code, t) for code, ts in geo.targets(level).items() for t in ts],
                               columns=["region", "target"])
    grid = members.merge(periods, how="cross")
    if division is not None:
        years = _division_years(grid["period_start"], division)
        alive = [geo.existed(c, y) for c, y in zip(grid["region"], years, strict=True)]
        grid = grid[np.array(alive, dtype=bool)]
    return grid.groupby(["target", *PERIOD_KEYS], dropna=False)["region"].nunique()


def _report(long: pd.DataFrame, geo: Geography, result: Regrouped) -> None:
    """What carrying did, per gemeente of today: which former gemeenten it holds, and which years are incomplete."""
    former = long[long["former"]]
    for target, rows in former.groupby("target", sort=True):
        periods = sorted(set(rows["period"]))
        result.carried[str(target)] = {
            "name": geo.name(str(target)),
            "from": [f"{geo.name(c)} ({c})" for c in sorted(set(rows["region"]))],
            "periods": f"{periods[0]}–{periods[-1]}" if len(periods) > 1 else periods[0]}
    split = former[former["ambiguous"]]
    for (target, period), rows in split.groupby(["target", "period"], sort=True):
        parts = ", ".join(f"{geo.name(c)} ({c})" for c in sorted(set(rows["region"])))
        result.incomplete.append({"region": str(target), "period": str(period),
                                  "reason": f"holds part of {parts}, which was split over several gemeenten"})


@dataclass
class Check:
    """CBS's own figures of one level compared with the sum of today's gemeenten."""

    level: str
    tolerance: str
    compared: int = 0
    kept: int = 0
    replaced: list[dict[str, Any]] = field(default_factory=list)     # CBS's figure differs: the sum is used
    filled: int = 0                                                   # CBS gives no figure: the sum is used
    unchecked: int = 0                                                # the sum is incomplete: CBS's figure kept

    def as_manifest(self) -> dict[str, Any]:
        return {"level": self.level, "tolerance": self.tolerance, "compared": self.compared, "equal": self.kept,
                "replaced": self.replaced, "filled_from_sum": self.filled, "not_checked": self.unchecked}


def reconcile(given: pd.DataFrame, sums: pd.DataFrame, roles: list[str], unit: int, level: str) -> tuple[pd.DataFrame, Check]:
    """One row per region of ``level`` and period; per role CBS's count (``given``) where it agrees with the sum of
    the region's gemeenten within rounding — each of the n summed counts and CBS's own off by at most ``unit``/2, so
    ``|CBS - sum| <= unit/2 * (n + 1)`` — otherwise the sum; the sum where CBS gives none; CBS's, unchecked, where
    the sum is incomplete.  ``<role>_derivation`` says which (``published`` or ``summed``); ``<role>_sum`` keeps the
    complete sum beside CBS's figure (:func:`same_basis`)."""
    check = Check(level, f"|CBS - som| <= {unit}/2 x (aantal gemeenten + 1)")
    keys = ["region", "period"]
    if sums.empty:
        out = given.reset_index(drop=True).copy()
        for r in roles:
            out[f"{r}_derivation"] = out.get("derivation", PUBLISHED)
        return out, check
    merged = given.merge(sums, on=keys, how="outer", suffixes=("", "_sum"), indicator=True)
    rows = []
    for rec in merged.to_dict("records"):
        mine = rec["_merge"] != "right_only"
        row = {"region": rec["region"], "period": rec["period"]}
        for k in ("period_start", "frequency", "status", "source_table", "is_demo"):
            row[k] = rec[k] if mine else rec[f"{k}_sum"]
        pairs = {r: ((rec.get(r) if mine else np.nan), rec.get(f"{r}_sum", np.nan)) for r in roles}
        both = {r: (c, x) for r, (c, x) in pairs.items() if pd.notna(c) and pd.notna(x)}
        compared = mine and bool(both)
        differs = compared and any(abs(c - x) > unit / 2 * (rec["terms"] + 1) for c, x in both.values())
        for r in roles:
            cbs, total = pairs[r]
            # the region was other gemeenten then: every count of it from the sum, never a mix of two bases
            use_sum = not mine or (pd.isna(cbs) or differs) and pd.notna(total)
            # CBS has no count and gives no reason, the sum is incomplete: its reason is the row's
            use_sum = use_sum or (pd.isna(cbs) and pd.isna(total) and not isinstance(rec.get(f"{r}_flag"), str)
                                  and isinstance(rec.get(f"{r}_flag_sum"), str))
            source = f"{r}_sum" if use_sum else r
            row[r] = rec.get(source, np.nan)
            row[f"{r}_flag"] = rec.get(f"{source.removesuffix('_sum')}_flag{'_sum' if use_sum else ''}")
            if f"{r}_demo" in rec or f"{r}_demo_sum" in rec:
                row[f"{r}_demo"] = rec.get(f"{r}_demo_sum" if use_sum else f"{r}_demo")
            row[f"{r}_derivation"] = SUMMED if use_sum else rec.get("derivation", PUBLISHED)
            row[f"{r}_sum"] = rec.get(f"{r}_sum", np.nan)          # for a rate whose other count is summed
        if differs:
            check.replaced.append({"region": rec["region"], "period": rec["period"],
                                   **{f"{r}_cbs": _num(rec.get(r)) for r in roles if mine},
                                   **{f"{r}_sum": _num(rec.get(f"{r}_sum")) for r in roles},
                                   "gemeenten": int(rec["terms"])})
        elif compared:
            check.kept += 1
        check.compared += compared
        if rec["_merge"] == "both" and not compared and any(pd.notna(rec.get(r)) for r in roles):
            check.unchecked += 1
        if mine and rec["_merge"] == "both" and all(pd.isna(rec.get(r)) for r in roles):
            check.filled += 1
        rows.append(row)
    out = pd.DataFrame(rows)
    return out.sort_values(keys, kind="stable").reset_index(drop=True), check


def same_basis(counts: pd.DataFrame, numerator: str, denominator: str) -> pd.DataFrame:
    """``counts`` where a rate's numerator is a sum of gemeenten and its denominator is CBS's own figure of the region:
    the denominator becomes the sum of the same gemeenten too, so a rate never divides counts of two bases."""
    num_d, den_d, den_s = f"{numerator}_derivation", f"{denominator}_derivation", f"{denominator}_sum"
    if num_d not in counts or den_s not in counts:
        return counts
    # only where the numerator has a sum: a missing one (flagged incomplete) leaves CBS's denominator as published
    swap = (counts[num_d] == SUMMED) & (counts[den_d] != SUMMED) & counts[den_s].notna() & counts[numerator].notna()
    if not swap.any():
        return counts
    out = counts.copy()
    out.loc[swap, denominator] = out.loc[swap, den_s]
    out.loc[swap, f"{denominator}_flag"] = None
    out.loc[swap, den_d] = SUMMED
    return out


def _num(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
