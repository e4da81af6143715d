"""Options of dropdowns and selects, from plain (value, label) data."""

from __future__ import annotations

from collections.abc import Iterable


def region_dropdown_options(choices: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """``[(code, name), ...]`` -> Dash dropdown options ``{"label": "Name (CODE)", "value": CODE}``."""
    return [{"label": f"{name} ({code})", "value": code} for code, name in choices]
