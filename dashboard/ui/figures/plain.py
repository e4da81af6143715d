"""Figures as plain data: ``{"data": [...], "layout": {...}}`` built from dicts and lists, never ``go.Figure``.

``go.Figure`` validates every property on the way in and copies it (the map's GeoJSON twice: when built and
again in ``to_plotly_json``); a dict does neither.  The JSON of a :class:`Figure` is the JSON ``go.Figure``
would have produced from the same values, so what reaches the browser does not change:

* every trace carries its ``type``; the layout carries Plotly's default template (computed once, from
  :mod:`plotly.io.templates`, and shared by reference: treat it as read-only);
* values are plain Python: floats (NaN as ``None``, which the encoder writes as ``null`` as it did for
  NaN), ints, strings; dates as the ISO strings Plotly's encoder wrote for them;
* where figures pass numpy arrays (ranks, map values), the same base64 "typed array"
  (``{"dtype": "f8", "bdata": ...}``) that plotly.py 6+ writes for numpy arrays.

``tests/dashboard/test_figures.py`` checks that running a figure through ``go.Figure`` changes nothing in its
JSON (so every property name and value is one Plotly accepts, as validated input would be).
"""

from __future__ import annotations

import base64
import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd


class Figure(dict):
    """A figure dict (``{"data": [...], "layout": {...}}``).

    ``to_plotly_json()`` returns the figure itself, so callers written for ``go.Figure`` (Dash's ``Patch``
    building in the explorer) keep working; new code should use it as the dict it is.
    """

    def to_plotly_json(self) -> Figure:
        return self


def figure(data: list[dict[str, Any]], layout: Mapping[str, Any]) -> Figure:
    """A figure with Plotly's default template in its layout (as ``go.Figure`` adds it); empty ``shapes`` and
    ``annotations`` left out (as ``go.Figure`` leaves them out)."""
    layout = {k: v for k, v in layout.items() if not (k in _COMPOUND_ARRAYS and not v)}
    return Figure(data=data, layout={**layout, "template": default_template()})


_COMPOUND_ARRAYS = ("shapes", "annotations")


def trace(kind: str, **props: Any) -> dict[str, Any]:
    """A trace dict: its properties in name order and ``type`` last, the order ``go`` writes them in (the order
    of a ``Patch`` built from a trace's items, e.g. the explorer's map patch)."""
    out = {name: props[name] for name in sorted(props)}
    out["type"] = kind
    return out


@lru_cache(maxsize=1)
def default_template() -> dict[str, Any]:
    """Plotly's default template as JSON data (``plotly.io.templates.default``), computed once per process."""
    import plotly.io as pio
    return pio.templates[pio.templates.default].to_plotly_json()


@lru_cache(maxsize=8)
def named_colorscale(name: str) -> list[list[Any]]:
    """A named Plotly colour scale ("Cividis") as the ``[[0.0, "#00224e"], ...]`` list Plotly's validator
    makes of it."""
    from plotly.colors import get_colorscale
    scale = get_colorscale(name)
    n = len(scale) - 1
    return [[i / n, str(colour)] for i, (_, colour) in enumerate(scale)]


def number(value: Any) -> float | int | None:
    """A Python number for JSON (numpy scalars unwrapped; NaN and None as None)."""
    if value is None:
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def floats(values: Iterable[Any]) -> list[float | None]:
    """Floats of a column (NaN -> None): ``list(series)`` as Plotly's validator and encoder turned it into JSON."""
    if isinstance(values, (pd.Series, np.ndarray)):
        values = values.tolist()
    return [None if v is None or v != v else v for v in values]


_SHORT_TYPES = {"float64": "f8", "float32": "f4", "int8": "i1", "int16": "i2", "int32": "i4", "uint8": "u1",
                "uint16": "u2", "uint32": "u4"}


def typed_array(values: pd.Series | np.ndarray) -> Any:
    """A numeric column as the base64 typed array plotly.py writes for numpy arrays (empty: an empty list)."""
    array = np.ascontiguousarray(values.to_numpy() if isinstance(values, pd.Series) else values)
    if array.size == 0:
        return []
    if array.dtype.kind == "i" and array.dtype.itemsize == 8:
        for small in ("int8", "int16", "int32"):
            info = np.iinfo(small)
            if info.min <= array.min() and array.max() <= info.max:
                array = array.astype(small)
                break
    dtype = str(array.dtype)
    if dtype not in _SHORT_TYPES:
        return array.tolist()
    return {"dtype": _SHORT_TYPES[dtype], "bdata": base64.b64encode(array.tobytes()).decode("ascii")}


def array_values(values: Any) -> list[Any]:
    """The values of a data array as a list, whether plain or a base64 typed array (for tests and readers)."""
    if isinstance(values, Mapping) and "bdata" in values:
        dtype = {short: name for name, short in _SHORT_TYPES.items()}[values["dtype"]]
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=dtype).tolist()
    return list(values)
