"""Hostile input to every Dash callback: never a 500, never a traceback, and the server keeps serving.

Bodies come from :mod:`dashboard.testing` (what the renderer sends on a page's first load); values are
then replaced with wrong types, huge strings, unknown region codes, out-of-range periods and weights,
None and nested lists.  A callback may answer 200, 204 (PreventUpdate) or 400 (malformed envelope).
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import testing as payloads

pytestmark = pytest.mark.timeout(120)

HUGE = "x" * 100_000
REGION_JUNK = ["GM9999", "AM99", "NL00", "gm0363", "AM15 ", "", "'; DROP TABLE x;--", "<script>alert(1)</script>",
               "../../etc/passwd", "\x00", "GM0363" * 50]
PERIOD_JUNK = ["1800", "2999", "2023KW07", "2023MM13", "2023/2022", "-1", "NaN", "9" * 40]
NUMBER_JUNK = [-1, 0, -1e308, 1e308, float("nan"), float("inf"), 2**63, -(2**63), 10**30]
SEARCH_JUNK = ["?region=GM9999&period=1800&lang=xx", "?indicator=nope&level=nope&weights=a:-1,b:1e400",
               "?" + "a=" + "b" * 5000, "?%", "?weights=%00:%ff", "?lang=en&lang=nl&region=AM15&region=AM16"]
FIXED_JUNK = [None, HUGE, 12345, -7.5, True, [], {}, [[[]]], [None, [1, [2, {"a": []}]]], {"points": "x"},
              {"points": [{"location": "GM9999"}]}, {"points": [{}]}, {"points": [{"location": None, "customdata": HUGE}]},
              "GM9999", "2999KW07", -1, float("nan")]

json_leaf = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                      st.text(max_size=30), st.sampled_from(REGION_JUNK + PERIOD_JUNK + SEARCH_JUNK))
json_value = st.recursive(json_leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                            st.dictionaries(st.text(max_size=10), inner, max_size=4)),
                          max_leaves=12)
hostile = st.one_of(
    st.sampled_from(FIXED_JUNK + REGION_JUNK + PERIOD_JUNK + NUMBER_JUNK + SEARCH_JUNK),
    json_value,
    st.lists(st.sampled_from(REGION_JUNK + ["AM15", "GM0363"]), max_size=60),
    st.builds(lambda loc: {"points": [{"curveNumber": 0, "pointNumber": 0, "location": loc, "customdata": [loc]}]},
              st.sampled_from(REGION_JUNK + ["AM15", "GM0363", "NL01"])),
)


_CASES: dict[int, list] = {}


def _cases(app):
    """Discovered once per app: the layouts are rendered to find the bodies."""
    if id(app) not in _CASES:
        _CASES[id(app)] = [c for c in payloads.callback_cases(app) if not c.wildcard]
    return _CASES[id(app)]


def _check(client, body):
    response = client.post(payloads.CALLBACK_URL, data=json.dumps(body, allow_nan=True),
                           content_type="application/json")
    text = response.get_data(as_text=True)
    assert response.status_code != 500 and response.status_code < 500, (
        f"{body['output']}: {response.status_code} for "
        f"{json.dumps([a.get('value') for a in body['inputs'] if isinstance(a, dict)], default=str)[:300]}")
    assert "Traceback" not in text
    return response.status_code


def test_every_callback_answers_its_first_load_payload(prod_app, prod_client):
    cases = _cases(prod_app)
    assert cases, "no callbacks discovered"
    bad = {}
    for case in cases:
        body = dict(case.body, changedPropIds=case.input_ids[:1])
        status = prod_client.post(payloads.CALLBACK_URL, json=body).status_code
        if status not in (200, 204):
            bad[case.key] = status
    assert not bad, bad


def test_each_argument_replaced_by_fixed_junk(prod_app, prod_client):
    """Every input/state of every callback, one at a time, set to each fixed hostile value."""
    failures = []
    for case in _cases(prod_app):
        refs = [f"{a['id']}.{a['property']}" for a in case.body["inputs"] + case.body["state"] if isinstance(a, dict)]
        for ref in refs:
            for junk in (None, HUGE, 12345, [[[]]], {"points": [{"location": "GM9999"}]}, "GM9999"):
                body = payloads.with_values(case, {ref: junk}, changed=[ref])
                try:
                    _check(prod_client, body)
                except AssertionError as exc:
                    failures.append(f"{ref} = {str(junk)[:30]!r}: {exc}")
    assert not failures, "\n".join(failures[:30])


@settings(max_examples=80, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_random_hostile_values(prod_app, prod_client, data):
    cases = _cases(prod_app)
    case = data.draw(st.sampled_from(cases), label="callback")
    refs = [f"{a['id']}.{a['property']}" for a in case.body["inputs"] + case.body["state"] if isinstance(a, dict)]
    values = {}
    for ref in refs:
        if data.draw(st.booleans(), label=f"replace {ref}"):
            values[ref] = data.draw(hostile, label=ref)
    _check(prod_client, payloads.with_values(case, values, changed=list(values) or refs[:1]))


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=st.one_of(json_value, st.fixed_dictionaries(
    {"output": st.one_of(st.text(max_size=40), json_leaf)},
    optional={"inputs": json_value, "state": json_value, "outputs": json_value, "changedPropIds": json_value})))
def test_malformed_envelopes_are_rejected_not_crashed(prod_client, body):
    response = prod_client.post(payloads.CALLBACK_URL, data=json.dumps(body, allow_nan=True),
                                content_type="application/json")
    assert response.status_code < 500
    assert "Traceback" not in response.get_data(as_text=True)


def test_server_keeps_serving_after_fuzz(prod_client):
    assert prod_client.get("/healthz").status_code == 200
    assert prod_client.get("/verkennen").status_code == 200
