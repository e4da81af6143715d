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


@functools.cache
def _shape(component: type) -> tuple[tuple[str, ...], tuple[str, ...], str, str]:
    """A component class's declared properties (in order), wildcard prefixes, type and namespace (Dash sets them on
    each instance, so ask one: a class made without arguments, as every ``dash.html`` one)."""
    probe = component()
    return (tuple(probe._prop_names), tuple(probe._valid_wildcard_attributes), probe._type, probe._namespace)


def element(component: type, children: Any = None, **props: Any) -> ConvertedDict:
    """The JSON data of ``component(children, **props)`` (a Dash component class) without making the component:
    for tables of hundreds of cells, where making and converting components took most of an answer's time.  The
    same JSON as the component's (its declared properties in its order, then ``data-*`` and ``aria-*`` in the order
    given, where Dash takes a set's order)."""
    names, wildcards, kind, namespace = _shape(component)
    given = {"children": children, **props} if "children" in names or children is not None else props
    unknown = [k for k in given if k not in names and not k.startswith(wildcards)]
    if unknown:
        raise TypeError(f"{component.__name__} has no properties {', '.join(unknown)}")
    out = {name: json_data(given[name]) for name in names if name in given}
    out.update((k, json_data(v)) for k, v in given.items() if k.startswith(wildcards))
    return ConvertedDict(props=out, type=kind, namespace=namespace)


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
