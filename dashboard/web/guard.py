"""Reject malformed or mistyped ``/_dash-update-component`` requests before Dash runs them.

Dash hands a callback whatever JSON the client sent.  The renderer never sends a dict where a
``dcc.Location`` has a string, or an unknown output id -- but anyone with ``curl`` can, and a
callback that calls ``search.lstrip("?")`` then answers 500.  :class:`Guard` checks, per request:

* the envelope: a JSON object with ``output`` (a registered server-side callback), ``inputs`` /
  ``state`` lists matching that callback's declared ids and properties, ``outputs`` of the right
  shape and ``changedPropIds`` a list of strings;
* the type of every input and state value against the property's type annotation in the
  component class (``dcc.Location.search: Optional[str]``, ``dcc.Graph.clickData: Optional[dict]``
  ...), for components found in the shell and page layouts.  Unknown ids, pattern-matching ids
  and annotations it does not understand pass: the check only ever says no to what the browser
  could not have sent.

Before that, :func:`parse_body` refuses bodies that are not JSON or nest deeper than :data:`MAX_DEPTH`
(a 5,000-deep list would raise RecursionError in the parser).  Values of the right type (an unknown
region code, a 100 000-character search string) still reach the callback, which must answer them (the
fuzz tests in tests/production hold it to that).  The layouts are walked lazily, on the first callback
request, and again while one of them could not be rendered (see :class:`Guard`).
"""

from __future__ import annotations

import collections.abc
import inspect
import json
import logging
import numbers
import threading
import time
import types
import typing
from typing import Any

log = logging.getLogger(__name__)

MAX_CHECKED_ITEMS = 2000


MAX_DEPTH = 64                 # a renderer's body nests ~15 deep (a figure as State); JSON 5,000 deep is an attack
RETRY_SECONDS = 2.0            # a layout that failed to render (store unreadable) is tried again after this


class Guard:
    """Checks callback request bodies for one Dash app (thread-safe, lazy).

    The component types come from rendering the shell and page layouts.  When one of them cannot be rendered
    (the store is unreadable, say), what was found is used for now and the layouts are rendered again at most
    every :data:`RETRY_SECONDS` until all of them render: a guard is never stuck without a page's components."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self._types: dict[str, set[type]] | None = None
        self._partial: dict[str, set[type]] = {}
        self._retry_at = 0.0
        self._lock = threading.Lock()
        self._annotations: dict[tuple[type, str], Any] = {}     # inspect.signature once per class and property

    # -- component classes by id ---------------------------------------------------------------
    def component_types(self) -> dict[str, set[type]]:
        if self._types is not None:
            return self._types
        with self._lock:
            if self._types is None and time.monotonic() >= self._retry_at:
                found, complete = _collect_types(self.app)
                if complete:
                    self._types = found
                else:
                    self._partial = found
                    self._retry_at = time.monotonic() + RETRY_SECONDS
            return self._types if self._types is not None else self._partial

    def _annotation(self, cls: type, prop: str) -> Any:
        key = (cls, prop)
        if key not in self._annotations:
            self._annotations[key] = annotation(cls, prop)
        return self._annotations[key]

    @property
    def complete(self) -> bool:
        return self._types is not None

    # -- the check --------------------------------------------------------------------------------
    def problem(self, body: Any) -> str | None:
        """Why ``body`` is not a request the renderer could have sent (None when it could)."""
        shape = envelope_problem(body, self.app)
        if shape or self.app is None:
            return shape
        known = self.component_types()
        for section in ("inputs", "state"):
            for arg in body.get(section, []):
                if not isinstance(arg, dict) or "value" not in arg or not isinstance(arg["id"], str):
                    continue
                classes = known.get(arg["id"])
                if arg["id"] == "_pages_location" and arg["property"] == "pathname" \
                        and not isinstance(arg["value"], str):
                    return "the page path must be a string"      # Dash's own router needs one
                if classes and not any(_allowed(c, arg["property"], arg["value"], self._annotation(c, arg["property"]))
                                       for c in classes):
                    return f"'{arg['id']}.{arg['property']}' has a value of the wrong type"
        return None


def parse_body(data: bytes) -> tuple[Any, str | None]:
    """The JSON in a callback request body, or why it is not acceptable (not JSON, nested too deeply)."""
    try:
        body = json.loads(data)
    except RecursionError:
        return None, f"the JSON body is nested more than {MAX_DEPTH} levels deep"
    except ValueError:
        return None, "the body is not valid JSON"
    if nesting_depth(body, MAX_DEPTH) > MAX_DEPTH:
        return None, f"the JSON body is nested more than {MAX_DEPTH} levels deep"
    return body, None


def nesting_depth(value: Any, limit: int) -> int:
    """How deep lists and objects nest in ``value`` (stops counting past ``limit``); iterative, no recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if depth > limit:
            return depth
        stack.extend((child, depth + 1) for child in children)
    return deepest


# ----------------------------------------------------------------------------------- envelope
def envelope_problem(body: Any, dash_app: Any) -> str | None:
    if not isinstance(body, dict):
        return "body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str):
        return "'output' must be a string"
    for key in ("inputs", "state"):
        if key in body and not _is_arg_list(body[key]):
            return f"'{key}' must be a list of {{id, property}} objects"
    if "outputs" in body and not (_is_arg(body["outputs"]) or _is_arg_list(body["outputs"])):
        return "'outputs' must be an {id, property} object or a list of them"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(x, str) for x in changed):
        return "'changedPropIds' must be a list of strings"
    if dash_app is None:
        return None
    spec = dash_app.callback_map.get(output)
    if spec is None:
        return "unknown callback output"
    if "callback" not in spec:                  # clientside callbacks have no server function
        return "not a server-side callback"
    for key in ("inputs", "state"):
        if not _matches_spec(body.get(key, []), spec.get(key, [])):
            return f"'{key}' do not match the callback's {key}"
    if not spec.get("no_output") and not _outputs_match(body.get("outputs"), output):
        return "'outputs' do not match the callback's outputs"
    return None


def _outputs_match(outputs: Any, output: str) -> bool:
    """``outputs`` names exactly the callback's outputs (pattern-matching ones: dict ids)."""
    multi = output.startswith("..")
    parts = output[2:-2].split("...") if multi else [output]
    if not multi:
        if outputs is None and "{" not in output:       # legacy renderers send no 'outputs'
            return True
        outputs = [outputs]
    if not isinstance(outputs, list) or len(outputs) != len(parts):
        return False
    for part, given in zip(parts, outputs):
        cid, prop = part.rsplit(".", 1)
        if cid.startswith("{"):                 # pattern-matching: one dict-id arg (MATCH) or a list (ALL)
            items = given if isinstance(given, list) else [given]
            if not all(_is_arg(x) and isinstance(x["id"], dict) and x["property"] == prop for x in items):
                return False
        elif not (_is_arg(given) and given["id"] == cid and given["property"] == prop):
            return False
    return True


def _is_arg(item: Any) -> bool:
    return (isinstance(item, dict) and isinstance(item.get("property"), str)
            and isinstance(item.get("id"), (str, dict)))


def _is_arg_list(items: Any) -> bool:
    if not isinstance(items, list):
        return False
    return all(_is_arg(x) or (isinstance(x, list) and all(_is_arg(y) for y in x)) for x in items)


def _matches_spec(args: list, spec: list) -> bool:
    if len(args) != len(spec):
        return False
    for arg, expected in zip(args, spec):
        wildcard = isinstance(expected.get("id"), str) and expected["id"].startswith("{")
        if wildcard:                            # pattern-matching: structure checked above
            continue
        if isinstance(arg, list) or arg.get("id") != expected.get("id") \
                or arg.get("property") != expected.get("property"):
            return False
    return True


# ----------------------------------------------------------------------------------- types
def _walk(component: Any, depth: int = 0):
    if depth > 200 or component is None or isinstance(component, (str, int, float, bool)):
        return
    if isinstance(component, (list, tuple)):
        for child in component:
            yield from _walk(child, depth + 1)
        return
    if not hasattr(component, "_prop_names"):
        return
    yield component
    for name in ["children", *(getattr(component, "_children_props", None) or [])]:
        name = name.split(".")[0].replace("[]", "").replace("{}", "")
        yield from _walk(getattr(component, name, None), depth + 1)


def _render(layout: Any) -> Any:
    if not callable(layout):
        return layout
    try:
        return layout()
    except TypeError:
        return None


def _collect_types(app: Any) -> tuple[dict[str, set[type]], bool]:
    """``{component id: {component classes}}`` from the shell and every registered page layout, and whether
    every layout rendered."""
    import dash
    layouts = []
    complete = True
    try:
        layouts.append(_render(app.layout))
    except Exception as exc:                    # noqa: BLE001 - a broken layout: check nothing there (for now)
        complete = False
        log.warning("callback guard: the shell layout could not be rendered (%s: %s); trying again later",
                    type(exc).__name__, exc)
    for page in list(dash.page_registry.values()):
        try:
            layouts.append(_render(page.get("layout")))
        except Exception as exc:                # noqa: BLE001
            complete = False
            log.warning("callback guard: page %s could not be rendered (%s: %s); trying again later",
                        page.get("path"), type(exc).__name__, exc)
    found: dict[str, set[type]] = {}
    seen: set[int] = set()
    for layout in layouts:
        for comp in _walk(layout):
            if id(comp) in seen:
                continue
            seen.add(id(comp))
            cid = getattr(comp, "id", None)
            if isinstance(cid, str):
                found.setdefault(cid, set()).add(type(comp))
    return found, complete and _store_available()


def _store_available() -> bool:
    """Pages render a placeholder without their components when there is no store: not a complete picture."""
    try:
        from dashboard.data.store import get_view
        get_view()
    except Exception:                           # noqa: BLE001
        return False
    return True


def _allowed(cls: type, prop: str, value: Any, ann: Any = None) -> bool:
    if not fits(value, annotation(cls, prop) if ann is None else ann):
        return False
    if cls.__name__ == "Location" and prop == "pathname" and value is not None:
        return value.startswith("/")            # a browser's location.pathname always does
    return True


def annotation(cls: type, prop: str) -> Any:
    """The type annotation of ``prop`` in ``cls.__init__`` (``Any`` when there is none)."""
    try:
        parameter = inspect.signature(cls.__init__).parameters.get(prop)
    except (TypeError, ValueError):
        return Any
    if parameter is None or parameter.annotation is inspect.Parameter.empty \
            or isinstance(parameter.annotation, str):
        return Any
    return parameter.annotation


_NUMBER_PROTOCOLS = (typing.SupportsFloat, typing.SupportsInt, typing.SupportsComplex, numbers.Number)
_SEQUENCES = (list, tuple, collections.abc.Sequence, collections.abc.MutableSequence, typing.Sequence)
_MAPPINGS = (dict, collections.abc.Mapping, collections.abc.MutableMapping, typing.Mapping)


def fits(value: Any, ann: Any, depth: int = 0) -> bool:
    """Could JSON ``value`` be a value of type ``ann``?  Unknown annotations say yes."""
    if depth > 8 or ann is Any or ann is object:
        return True
    if ann is None or ann is type(None):
        return value is None
    origin = typing.get_origin(ann)
    args = typing.get_args(ann)
    if origin is typing.Annotated:
        return fits(value, args[0], depth + 1)
    if origin is typing.Union or origin is types.UnionType:
        return any(fits(value, a, depth + 1) for a in args)
    if origin is typing.Literal:
        return value in args
    if origin in _SEQUENCES:
        if not isinstance(value, list):
            return False
        item = args[0] if args and origin is not tuple else Any
        return all(fits(v, item, depth + 1) for v in value[:MAX_CHECKED_ITEMS])
    if origin in _MAPPINGS:
        return isinstance(value, dict)
    if ann is str:
        return isinstance(value, str)
    if ann is bool:
        return isinstance(value, bool)
    if ann in (int, float, complex) or ann in _NUMBER_PROTOCOLS:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if ann in _SEQUENCES:
        return isinstance(value, list)
    if ann in _MAPPINGS or typing.is_typeddict(ann):
        return isinstance(value, dict)
    return True                                 # components, TypedDict-likes, anything else
