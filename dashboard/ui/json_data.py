"""Callback answers as JSON data, so that Dash's encoder (orjson) writes them in one pass.

Dash encodes an answer with ``plotly.io.json.to_json_plotly``: orjson first, and only when orjson meets an object it
does not know (a Dash component, a ``Patch``, a DataTable ``Format``) a walk in Python over the whole answer that
turns such objects into data, then orjson again.  That walk cost a first visit of an explorer state more time
than building its figures.  :func:`json_data` turns those objects into the same data beforehand, walking only
the parts that can hold them (never a figure, which is plain data already).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from dash import NoUpdate, Patch

from dashboard.ui.figures.plain import Figure

_SCALARS = (str, int, float, bool, type(None))


class ConvertedList(list):
    """Children already turned into JSON data by :func:`converted` (kept in a memo: read-only), passed on as they
    are; orjson writes it as the list it is."""


class ConvertedDict(dict):
    """A component already turned into JSON data by :func:`converted` (kept in a memo: read-only)."""


def converted(value: Any) -> Any:
    """:func:`json_data` of ``value`` marked as converted, so that a memo can hold the data of components (a table
    of 35 rows costs more to convert than to build) and an answer or layout that includes it does not walk it
    again.  What walks layouts as components (the callback guard's type index) does not look inside: keep
    callback inputs with plain string ids out of converted parts."""
    data = json_data(value)
    if isinstance(data, list):
        return ConvertedList(data)
    return ConvertedDict(data) if isinstance(data, dict) else data


def json_data(value: Any) -> Any:
    """``value`` with every object that has ``to_plotly_json`` replaced by its JSON data (``dash.no_update`` and
    figures left as they are, a ``Patch``'s values not walked). The JSON Dash writes for the result is the JSON it
    wrote for ``value``; should anything be left that orjson does not know, Dash still encodes it (slowly)."""
    if isinstance(value, (_SCALARS, Figure, NoUpdate, ConvertedList, ConvertedDict)):
        return value
    if isinstance(value, Patch):                    # its values are figure data here: plain already
        return value.to_plotly_json()
    if isinstance(value, dict):
        return {key: json_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_data(item) for item in value]
    to_json = getattr(value, "to_plotly_json", None)
    return json_data(to_json()) if callable(to_json) else value


def answers_json_data(callback: Callable[..., Any]) -> Callable[..., Any]:
    """``callback`` whose answer goes through :func:`json_data` (register it with ``app.callback(...)``)."""
    @functools.wraps(callback)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        return json_data(callback(*args, **kwargs))
    return wrapped
