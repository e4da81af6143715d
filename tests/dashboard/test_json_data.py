"""Components as JSON data: converted once, then passed on as they are, written exactly as Dash writes them."""

from __future__ import annotations

import json

import pytest
from dash import dcc, html
from dash._utils import to_json

from dashboard.ui.json_data import ConvertedDict, ConvertedList, converted, json_data


def _tree():
    return [html.P("Uitleg", className="help"),
            html.Table(html.Tbody([html.Tr([html.Th("Amsterdam", scope="row"), html.Td(3, className="num")])]),
                       **{"aria-label": "tabel"}),
            dcc.Store(id="x", data={"a": [1, 2]})]


def test_converted_is_what_dash_writes_and_is_not_walked_again():
    tree = _tree()
    data = converted(tree)
    assert isinstance(data, ConvertedList) and to_json(data) == to_json(tree)
    assert json_data(data) is data and json_data({"children": data})["children"] is data
    one = converted(html.Div(tree, id="box"))
    assert isinstance(one, ConvertedDict) and to_json(one) == to_json(html.Div(tree, id="box"))
    assert json_data(one) is one
    assert converted("text") == "text" and converted(None) is None


def test_a_layout_holding_converted_children_writes_the_same_json():
    assert to_json(html.Section(converted(_tree()), id="s")) == to_json(html.Section(_tree(), id="s"))


def test_element_writes_what_the_component_writes():
    from dashboard.ui.json_data import element
    cases = [
        (html.Td, (3,), {"className": "num"}),
        (html.Td, ("–",), {"className": "num is-large"}),
        (html.Th, (html.A("Amsterdam", href="/regio/GM0363"),), {"scope": "row"}),
        (html.Span, (), {"className": "bar", "style": {"width": "50.0%"}, "aria-hidden": "true"}),
        (html.Tr, ([html.Td(1), html.Td("x", colSpan=2)],), {}),
        (html.Th, ("Rang",), {"scope": "col", "rowSpan": 2, "data-sort": "rank", "aria-sort": "none"}),
        (html.Td, (), {}),
    ]
    for cls, args, props in cases:
        made, component = element(cls, *args, **props), cls(*args, **props)
        assert json.loads(to_json(made)) == json.loads(to_json(component)), cls
        if sum(k.startswith(("data-", "aria-")) for k in props) < 2:   # Dash orders several by a set's order
            assert to_json(made) == to_json(component), cls
        assert isinstance(made, ConvertedDict) and json_data(made) is made
    with pytest.raises(TypeError, match="Td has no properties colour"):
        element(html.Td, 1, colour="red")
