"""Components as JSON data: converted once, then passed on as they are, written exactly as Dash writes them."""

from __future__ import annotations

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
