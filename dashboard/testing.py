"""Realistic ``/_dash-update-component`` request bodies, discovered from the app itself (as ``dash.testing``).

Every page's layout (``dash.page_registry``) and the shell layout are walked for component ids
and their initial property values; a callback's body is what the renderer would send on first
load of the page that holds its inputs.  Used by the tests (fuzzing, answers kept as bytes, store
recovery) and by the benchmark; never by a web worker.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Iterator

import dash
from dash._utils import stringify_id

CALLBACK_URL = "/_dash-update-component"
REGION = "AM15"                    # fills path templates such as /regio/<code>


@dataclass
class CallbackCase:
    key: str                       # the callback_map key (its output id)
    page_path: str | None          # the page whose layout holds its inputs ('' = shell only)
    body: dict[str, Any]
    wildcard: bool = False
    missing: list[str] = field(default_factory=list)   # input ids found in no layout

    @property
    def input_ids(self) -> list[str]:
        """"id.prop" of each input (the first component of a pattern-matching input)."""
        refs = []
        for arg in self.body["inputs"]:
            first = arg[0] if isinstance(arg, list) and arg else arg
            if isinstance(first, dict):
                refs.append(f"{stringify_id(first['id'])}.{first['property']}")
        return refs


class _JsonComponent:
    """A component a layout holds as JSON data (a memo's converted part, :func:`dashboard.ui.json_data.converted`),
    with the attributes :func:`walk`'s callers read."""

    _children_props: list[str] = []

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data
        self.id = data["props"].get("id")
        self.children = data["props"].get("children")

    def to_plotly_json(self) -> dict[str, Any]:
        return self._data


def walk(component: Any) -> Iterator[Any]:
    """Every Dash component in a layout tree (depth first), those given as JSON data too."""
    if component is None or isinstance(component, (str, int, float)):
        return
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from walk(child)
        return
    if isinstance(component, dict) and {"type", "namespace", "props"} <= set(component):
        component = _JsonComponent(component)
    if not hasattr(component, "to_plotly_json"):
        return
    yield component
    for name in getattr(component, "_children_props", []) or []:
        name = name.split(".")[0].replace("[]", "").replace("{}", "")
        if name != "children":
            yield from walk(getattr(component, name, None))
    yield from walk(getattr(component, "children", None))


def component_props(layout: Any) -> dict[str, dict[str, Any]]:
    """``{id: {prop: value}}`` of every component with an id in ``layout`` (dict ids as Dash's
    stringified JSON; their dict is kept under the ``"__id__"`` key)."""
    found: dict[str, dict[str, Any]] = {}
    for comp in walk(layout):
        cid = getattr(comp, "id", None)
        if isinstance(cid, (str, dict)):
            props = {k: v for k, v in comp.to_plotly_json()["props"].items() if k != "children"}
            if hasattr(comp, "children"):
                props["children"] = comp.children
            if isinstance(cid, dict):
                props["__id__"] = cid
                cid = stringify_id(cid)
            found[cid] = props
    return found


def _matching(pattern: str, props: dict[str, dict[str, Any]]) -> list[tuple[dict, dict]]:
    """(dict id, props) of the components a pattern-matching id (``{"type":"x","index":["ALL"]}``) selects."""
    wanted = json.loads(pattern)
    out = []
    for values in props.values():
        cid = values.get("__id__")
        if not isinstance(cid, dict) or set(cid) != set(wanted):
            continue
        if all(isinstance(v, list) or cid[k] == v for k, v in wanted.items()):
            out.append((cid, values))
    return out


def _call(layout: Any, **kwargs: Any) -> Any:
    if callable(layout):
        try:
            return layout(**kwargs)
        except TypeError:
            return layout()
    return layout


def page_layouts(app: dash.Dash, lang: str = "nl") -> dict[str, dict[str, dict[str, Any]]]:
    """``{page path: {id: props}}`` (shell components merged into every page; '' = the shell alone)."""
    return _memo("layouts", app, lang, lambda: _page_layouts(app, lang))


def _page_layouts(app: dash.Dash, lang: str) -> dict[str, dict[str, dict[str, Any]]]:
    with app.server.test_request_context("/"):
        shell = component_props(_call(app.layout))
    pages: dict[str, dict[str, dict[str, Any]]] = {"": dict(shell)}
    for page in dash.page_registry.values():
        path = page.get("path")
        template = page.get("path_template")
        variables = {}
        if template:                            # /regio/<code> -> a real region
            variables = {v: REGION for v in re.findall(r"<(\w+)>", template)}
            path = re.sub(r"<\w+>", REGION, template)
        try:
            with app.server.test_request_context(path):
                layout = _call(page.get("layout"), lang=lang, **variables)
        except Exception:                       # noqa: BLE001 - a page that cannot render: skip
            continue
        props = dict(shell)
        props.update(component_props(layout))
        for cid, values in props.items():
            if "pathname" in values or values.get("refresh") is not None or cid.endswith("url"):
                values.setdefault("pathname", path)
                values.setdefault("search", "")
                values.setdefault("href", f"http://127.0.0.1{path}")
        pages[path] = props
    return pages


def _outputs(key: str, props: dict[str, dict[str, Any]]) -> Any:
    if key.startswith(".."):
        return [_split(part, props) for part in key[2:-2].split("...")]
    return _split(key, props)


def _split(part: str, props: dict[str, dict[str, Any]]) -> Any:
    cid, prop = part.rsplit(".", 1)
    if cid.startswith("{"):
        return [{"id": i, "property": prop} for i, _ in _matching(cid, props)]
    return {"id": cid, "property": prop}


def _arg(spec: dict[str, Any], props: dict[str, dict[str, Any]]) -> Any:
    if str(spec["id"]).startswith("{"):         # pattern-matching (ALL): one arg per matching component
        return [_value_arg(i, spec["property"], values) for i, values in _matching(spec["id"], props)]
    return _value_arg(spec["id"], spec["property"], props.get(spec["id"], {}))


def _value_arg(cid: Any, prop: str, values: dict[str, Any]) -> dict[str, Any]:
    arg = {"id": cid, "property": prop}
    if prop in values:
        arg["value"] = values[prop]
    return arg


_MEMO: dict[tuple[int, str, str], Any] = {}


def _memo(kind: str, app: dash.Dash, lang: str, build):
    key = (id(app), kind, lang)
    if key not in _MEMO:
        _MEMO[key] = build()
    return _MEMO[key]


def callback_cases(app: dash.Dash, lang: str = "nl") -> list[CallbackCase]:
    """One first-load request body per registered callback (computed once per app; treat as
    read-only).  Make one request first (e.g. GET /) so Dash has moved ``dash.callback``
    registrations into ``app.callback_map``."""
    return _memo("cases", app, lang, lambda: _callback_cases(app, lang))


def _callback_cases(app: dash.Dash, lang: str) -> list[CallbackCase]:
    layouts = page_layouts(app, lang=lang)
    cases = []
    for key, spec in app.callback_map.items():
        if "callback" not in spec:              # clientside: runs in the browser only
            continue
        inputs, state = spec.get("inputs", []), spec.get("state", [])
        ids = [s["id"] for s in inputs + state]
        best_path, best_props, best_missing = "", layouts[""], ids
        for path, props in layouts.items():
            missing = [i for i in ids if (not _matching(i, props) if str(i).startswith("{") else i not in props)]
            if len(missing) < len(best_missing) or (len(missing) == len(best_missing) and path and not best_path):
                best_path, best_props, best_missing = path, props, missing
        # pattern-matching ids that select nothing in any layout cannot be benchmarked or fuzzed
        wildcard = any(str(i).startswith("{") for i in best_missing) or (
            "{" in key and not all(_split(p, best_props) for p in (key[2:-2].split("...") if key.startswith("..") else [key])))
        body = {
            "output": key,
            "outputs": _outputs(key, best_props),
            "inputs": [_arg(s, best_props) for s in inputs],
            "changedPropIds": [],
            "state": [_arg(s, best_props) for s in state],
        }
        cases.append(CallbackCase(key, best_path, body, wildcard, best_missing))
    return cases


def with_values(case: CallbackCase, values: dict[str, Any], changed: list[str] | None = None) -> dict:
    """A copy of ``case.body`` with ``{"id.prop": value}`` substituted in inputs and state."""
    body = json.loads(json.dumps(case.body, default=str))
    for section in ("inputs", "state"):
        for arg in body[section]:
            if isinstance(arg, dict):
                ref = f"{arg['id']}.{arg['property']}"
                if ref in values:
                    arg["value"] = values[ref]
    body["changedPropIds"] = list(changed if changed is not None else values)
    return body


def find(cases: list[CallbackCase], *, output: str | None = None, input_: str | None = None,
         page: str | None = None) -> list[CallbackCase]:
    """Cases whose output key contains ``output`` / that take ``input_`` ("id.prop") / on ``page``."""
    out = []
    for case in cases:
        if case.wildcard:
            continue
        if output and output not in case.key:
            continue
        if input_ and input_ not in case.input_ids:
            continue
        if page is not None and case.page_path != page:
            continue
        out.append(case)
    return out
