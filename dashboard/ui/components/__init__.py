"""Reusable pieces for every page: shell, demo banner, source note, language switch, charts, palette.

Components here are pure functions returning Dash components; none registers callbacks
(a module imported once cannot register callbacks on a second app in the same process).
"""

from dashboard.ui.components.chart import chart_with_table, data_table
from dashboard.ui.components.demo_banner import demo_banner, method_href
from dashboard.ui.components.language_switch import lang_from_search, language_switch, with_lang
from dashboard.ui.components.source_note import source_note, statline_url
from dashboard.ui.components.text import inline_code, visually_hidden

__all__ = [
    "chart_with_table",
    "data_table",
    "demo_banner",
    "inline_code",
    "lang_from_search",
    "language_switch",
    "method_href",
    "source_note",
    "statline_url",
    "visually_hidden",
    "with_lang",
]
