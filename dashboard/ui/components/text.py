"""Small helpers that turn translated strings into components."""

from __future__ import annotations

from dash import html


def inline_code(text: str) -> list:
    """"Run `python -m etl build`." -> ["Run ", Code("python -m etl build"), "."] (backticks mark code)."""
    parts = text.split("`")
    return [html.Code(part) if i % 2 else part for i, part in enumerate(parts) if part]


def visually_hidden(text: str) -> html.Span:
    """Text for screen readers only (CSS class ``visually-hidden``)."""
    return html.Span(text, className="visually-hidden")
