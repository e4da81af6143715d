"""Dash 4 dropdowns in the page's language: the texts of their built-in search, select-all and count."""

from __future__ import annotations

from dashboard.ui.i18n import t

DROPDOWN_LABEL_KEYS = ("select_all", "deselect_all", "selected_count", "search", "clear_search", "clear_selection",
                       "no_options_found")


def dropdown_labels(lang: str) -> dict[str, str]:
    """The ``labels`` prop of ``dcc.Dropdown`` ("Zoeken", "Alles kiezen", "2 gekozen", ...) in ``lang``.

    ``selected_count`` keeps Dash's own ``{num_selected}`` placeholder, which the component fills in.
    """
    return {key: t(f"common.dropdown.{key}", lang) for key in DROPDOWN_LABEL_KEYS}
