"""Small helpers that turn translated strings into components."""

from __future__ import annotations

from typing import Any

from dash import html
from markdown_it import MarkdownIt

# Markdown's block and inline tags -> the Dash components they become: what the app's texts use.  Other tags become a
# Span of their text; code blocks, images and raw HTML are left out (no text of the app has them).
_TAGS = {"p": html.P, "ul": html.Ul, "ol": html.Ol, "li": html.Li, "table": html.Table, "thead": html.Thead,
         "tbody": html.Tbody, "tr": html.Tr, "th": html.Th, "td": html.Td, "strong": html.Strong, "em": html.Em,
         "h2": html.H2, "h3": html.H3, "h4": html.H4, "code": html.Code, "a": html.A}
_PARSER = MarkdownIt("commonmark").enable("table")


def inline_code(text: str) -> list:
    """"Run `python -m etl build`." -> ["Run ", Code("python -m etl build"), "."] (backticks mark code)."""
    parts = text.split("`")
    return [html.Code(part) if i % 2 else part for i, part in enumerate(parts) if part]


def visually_hidden(text: str) -> html.Span:
    """Text for screen readers only (CSS class ``visually-hidden``)."""
    return html.Span(text, className="visually-hidden")


def markdown_components(text: str) -> list:
    """Markdown (paragraphs, lists, tables, emphasis, links) as Dash components, built on the server: the page
    needs no Markdown renderer in the browser (Dash's loads 470 kB of script for it)."""
    root: list[Any] = []
    stack: list[tuple[type, dict[str, Any], list[Any]]] = []

    def add(item: Any) -> None:
        (stack[-1][2] if stack else root).append(item)

    def walk(tokens: list) -> None:
        for token in tokens:
            if token.type == "inline":
                walk(token.children or [])
            elif token.type == "code_inline":
                add(html.Code(token.content))
            elif token.type == "text":
                if token.content:
                    add(token.content)
            elif token.hidden:                  # the paragraph of a tight list's item: its text goes in the item
                continue
            elif token.type in ("softbreak", "hardbreak"):
                add(" ")
            elif token.nesting == 1:
                props = {"href": token.attrGet("href")} if token.tag == "a" else {}
                stack.append((_TAGS.get(token.tag, html.Span), props, []))
            elif token.nesting == -1 and stack:
                component, props, children = stack.pop()
                add(component(_joined(children), **props))
    walk(_PARSER.parse(text))
    return root


def _joined(children: list) -> Any:
    """Adjacent strings as one (one text node instead of several)."""
    out: list[Any] = []
    for child in children:
        if isinstance(child, str) and out and isinstance(out[-1], str):
            out[-1] += child
        else:
            out.append(child)
    return out[0] if len(out) == 1 else out
