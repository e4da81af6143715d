"""The text alternative of a trend: "from X (2017) to Y (2024)", or "one period only" for a single dot."""

from __future__ import annotations

import pandas as pd

from dashboard.ui.i18n import fmt_value, period_label, t


def trend_sentence(frame: pd.DataFrame | None, name: str, unit: str, frequency: str | None, lang: str,
                   decimals: int | None = None) -> str:
    """One sentence about ``frame`` (columns ``period`` and ``value``, oldest first) for ``name``.

    A series with one known period says so ("alleen 2024 (17.942.942); één periode, dus geen verloop")
    instead of claiming a trend from a value to itself.
    """
    known = frame[frame["value"].notna()] if frame is not None and len(frame) else None
    if known is None or known.empty:
        return t("common.trend_none", lang, name=name)
    first, last = known.iloc[0], known.iloc[-1]
    if known["period"].nunique() == 1:
        return t("common.trend_one", lang, name=name, value=fmt_value(last["value"], unit, lang, decimals),
                 period=period_label(str(last["period"]), frequency, lang))
    return t("common.trend_from_to", lang, name=name,
             first=fmt_value(first["value"], unit, lang, decimals),
             first_period=period_label(str(first["period"]), frequency, lang),
             last=fmt_value(last["value"], unit, lang, decimals),
             last_period=period_label(str(last["period"]), frequency, lang))
