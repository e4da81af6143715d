"""What the app answers, captured to files: every page, callback and API response for a fixed set of requests.

    python -m bench.answers capture OUT_DIR [--store DIR]    # write one JSON file per request
    python -m bench.answers compare BEFORE_DIR AFTER_DIR     # list every answer that differs

Used to prove that a refactoring changes no behaviour a user sees: capture before, change the code,
capture after, compare.  The store is built from ``data/raw`` into a temp folder unless ``--store`` is
given, so both captures read the same data.  Callback answers are compared as parsed JSON (key order in
a multi-output answer is not behaviour); HTML pages, API bodies and the headers that matter byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import explorer
from dashboard import testing as payloads

ROOT = Path(__file__).resolve().parent.parent
HEADERS = ("Content-Type", "Content-Disposition", "ETag", "Cache-Control", "Content-Security-Policy")

PAGES = [
    "/", "/?regio=AM15", "/?regio=GM0363", "/?regio=XX", "/verkennen",
    "/verkennen?indicator=neet_share&niveau=gemeente&periode=2023&regio=GM0363,GM0599",
    "/verkennen?indicator=youth_ww_benefits", "/verkennen?indicator=need_index&niveau=gemeente",
    "/verkennen?indicator=population&regio=AM15", "/verkennen?indicator=early_school_leaver_rate&regio=AM01,AM02",
    "/regio/AM15", "/regio/GM0363", "/regio/GM0014", "/regio/XX99", "/prioriteit",
    "/prioriteit?w=neet_share:2,youth_jobseeker_rate:1&norm=rank&periode=2023", "/prioriteit?w=neet_share:0",
    "/methode", "/data", "/data?indicator=neet_share,youth_population&level=gemeente&region=GM0363&period_from=2020",
    "/bestaat-niet",
]
API = [
    "/api/v1/indicators", "/api/v1/regions", "/api/v1/regions?level=gemeente",
    "/api/v1/observations.csv?indicator=neet_share&level=arbeidsmarktregio&period_from=2020",
    "/api/v1/observations.csv?indicator=neet_share,youth_jobseeker_rate&region=GM0363&region=GM0599&format=excel-nl",
    "/api/v1/observations.json?indicator=youth_ww_benefits&region=NL01&period_from=2024MM01",
    "/api/v1/observations.zip?indicator=early_school_leaver_rate&level=gemeente",
    "/api/v1/observations.csv?level=provincie", "/api/v1/observations.csv?colour=red",
    "/api/v1/need-index.csv", "/api/v1/need-index.csv?level=gemeente&period=2023",
    "/api/v1/need-index.csv?weights=neet_share:2,early_school_leaver_rate:1&normalisation=rank",
    "/api/v1/need-index.csv?weights=bogus:1", "/api/v1/nope", "/api/v1/download.zip", "/healthz",
]
EXPLORER = "..explorer-indicator.value"
RANDOM_PER_APP = re.compile(r'"end_id":"[^"]*"')          # a token Dash draws anew for every app
ASSET_MTIME = re.compile(r"\?m=[0-9.]+")                    # /assets/x.css?m=<mtime of the checkout's file>


def _explorer_bodies(case: payloads.CallbackCase) -> dict[str, dict]:
    """The explorer's main callback under each kind of trigger."""
    base = {"explorer-indicator.value": "neet_share", "explorer-level.value": "arbeidsmarktregio",
            "explorer-period.value": "2023", "explorer-regions.value": [],
            "explorer-url.search": "?indicator=neet_share&niveau=arbeidsmarktregio", "explorer-url.pathname": "/verkennen",
            "explorer-lang.data": "nl"}
    shown = next((s["value"] for s in case.body["state"] if s["id"] == "explorer-parts-key"), None)
    live = {"explorer-live.data": True,
            "explorer-parts-key.data": explorer.live_key(shown)}
    click = {"points": [{"location": "AM15"}]}
    cases = {
        "indicator": ({**base, "explorer-indicator.value": "youth_jobseeker_rate"}, "explorer-indicator.value"),
        "indicator-en": ({**base, "explorer-indicator.value": "youth_benefit_share", "explorer-lang.data": "en"},
                         "explorer-indicator.value"),
        "indicator-need": ({**base, "explorer-indicator.value": "need_index"}, "explorer-indicator.value"),
        "indicator-count": ({**base, "explorer-indicator.value": "neet_count", "explorer-regions.value": ["AM15"]},
                            "explorer-indicator.value"),
        "level-gm": ({**base, "explorer-level.value": "gemeente"}, "explorer-level.value"),
        "level-gm-need": ({**base, "explorer-indicator.value": "need_index", "explorer-level.value": "gemeente"},
                          "explorer-level.value"),
        "period": ({**base, "explorer-period.value": "2019"}, "explorer-period.value"),
        "period-bogus": ({**base, "explorer-period.value": "1800"}, "explorer-period.value"),
        "regions": ({**base, "explorer-regions.value": ["AM15", "AM01"]}, "explorer-regions.value"),
        "regions-gm": ({**base, "explorer-level.value": "gemeente", "explorer-regions.value": ["GM0363", "GM9999"]},
                       "explorer-regions.value"),
        "live": ({**base, "explorer-live.data": True}, "explorer-live.data"),
        "live-regions": ({**base, **live, "explorer-regions.value": ["AM01", "AM15"]}, "explorer-regions.value"),
        "live-period": ({**base, **live, "explorer-period.value": "2019"}, "explorer-period.value"),
        "live-level": ({**base, **live, "explorer-level.value": "gemeente"}, "explorer-level.value"),
        "click": ({**base, **live, "explorer-map.clickData": click, "explorer-regions.value": ["AM01"]},
                  "explorer-map.clickData"),
        "click-off": ({**base, **live, "explorer-map.clickData": click, "explorer-regions.value": ["AM15"]},
                      "explorer-map.clickData"),
        "click-bad": ({**base, **live, "explorer-map.clickData": {"points": []}}, "explorer-map.clickData"),
        "pick-corner": ({**base, "explorer-map-pick.data": {"x": 1, "y": 1, "n": 1}}, "explorer-map-pick.data"),
        "url": ({**base, "explorer-url.search": "?indicator=youth_ww_benefits&niveau=arbeidsmarktregio&regio=AM15"},
                "explorer-url.search"),
        "url-en": ({**base, "explorer-lang.data": "en", "explorer-url.search": "?indicator=early_school_leaver_rate"
                    "&niveau=gemeente&periode=2021/2022&regio=gm0363"}, "explorer-url.search"),
        "other-page": ({**base, "explorer-url.pathname": "/data"}, "explorer-indicator.value"),
    }
    return {name: payloads.with_values(case, values, [changed]) for name, (values, changed) in cases.items()}


def _priority_bodies(case: payloads.CallbackCase) -> dict[str, dict]:
    body = case.body
    out = {}
    variants = {
        "default": ([1.0] * 5, "zscore", "2023", "nl"),
        "weights-en": ([2.0, 0.0, 1.0, 0.5, 0.0], "minmax", "2022", "en"),
        "rank": ([1.0, 1.0, 0.0, 0.0, 3.0], "rank", None, "nl"),
        "all-zero": ([0.0] * 5, "zscore", "2023", "nl"),
        "hostile": (["x", None, 9.0, -1.0, float("nan")], "bogus", "1800", "xx"),
    }
    for name, (weights, norm, period, lang) in variants.items():
        new = json.loads(json.dumps(body, default=str))
        for arg, value in zip(new["inputs"][0], weights):
            arg["value"] = value
        new["inputs"][1]["value"] = norm
        new["inputs"][2]["value"] = period
        new["state"][0]["value"] = lang
        new["changedPropIds"] = ["priority-norm.value"]
        out[name] = json.loads(json.dumps(new).replace("NaN", "null"))
    return out


def _data_bodies(case: payloads.CallbackCase) -> dict[str, dict]:
    variants = {
        "empty": {},
        "two": {"data-indicator.value": ["neet_share", "youth_population"], "data-level.value": "gemeente",
                "data-region.value": ["GM0363"], "data-period-from.value": "2020", "data-period-to.value": None,
                "data-dialect.value": "excel-nl"},
        "too-many": {"data-indicator.value": [], "data-level.value": None, "data-region.value": []},
        "bad": {"data-indicator.value": ["x"], "data-level.value": "provincie", "data-period-from.value": "20x"},
        "en": {"data-indicator.value": ["youth_ww_benefits"], "data-lang.data": "en"},
    }
    return {name: payloads.with_values(case, values) for name, values in variants.items()}


def callback_bodies(app: Any) -> dict[str, dict]:
    """Name -> request body for every server callback (first load) plus the variations above."""
    out: dict[str, dict] = {}
    for case in payloads.callback_cases(app):
        if case.wildcard:
            continue
        name = hashlib.sha256(case.key.encode()).hexdigest()[:10]
        out[f"cb-{name}-first"] = case.body
        for ref in case.input_ids:               # a table built when a reader opens it: the request its opening sends
            if ref.endswith("-open.data"):
                out[f"cb-{name}-opened"] = payloads.with_values(case, {ref: True}, [ref])
        if case.key.startswith(EXPLORER):
            out.update({f"cb-explorer-{k}": v for k, v in _explorer_bodies(case).items()})
        elif case.key.startswith("..priority-notice.children"):
            out.update({f"cb-priority-{k}": v for k, v in _priority_bodies(case).items()})
        elif case.key.startswith("..data-count.children"):
            out.update({f"cb-data-{k}": v for k, v in _data_bodies(case).items()})
    return out


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)[:120]


def capture(out: Path, store: Path | None) -> int:
    from dashboard.app import create_app
    if store is None:
        from etl.build import build_store
        store = Path(tempfile.mkdtemp(prefix="answers-")) / "store"
        build_store(ROOT / "data" / "raw", store)
    out.mkdir(parents=True, exist_ok=True)
    app = create_app(store)
    client = app.server.test_client()
    client.get("/")
    written = 0
    for url in ("/_dash-layout", "/_dash-dependencies"):
        response = client.get(url)
        record = json.loads(response.get_data())
        if url.endswith("dependencies"):            # registration order is not behaviour
            record = sorted(record, key=lambda d: json.dumps(d, sort_keys=True))
        (out / f"dash-{url.strip('/_')}.json").write_text(json.dumps(record, indent=1, sort_keys=True))
        written += 1
    for lang in ("nl", "en"):
        for page in PAGES:
            path, _, query = page.partition("?")
            search = "?" + "&".join(p for p in (query, "lang=en" if lang == "en" else "") if p)
            search = "" if search == "?" else search
            body = {"output": ".._pages_content.children..._pages_store.data..",
                    "outputs": [{"id": "_pages_content", "property": "children"},
                                {"id": "_pages_store", "property": "data"}],
                    "inputs": [{"id": "_pages_location", "property": "pathname", "value": path},
                               {"id": "_pages_location", "property": "search", "value": search}],
                    "changedPropIds": ["_pages_location.pathname"],
                    "state": [{"id": "_pages_store", "property": "data"}]}
            response = client.post("/_dash-update-component", json=body)
            _write(out / f"page-{_safe(path + search)}.json", response, parse=True)
            html = client.get(path + search)
            _write(out / f"html-{_safe(path + search)}.json", html, parse=False)
            written += 2
    for name, body in callback_bodies(app).items():
        _write(out / f"{_safe(name)}.json", client.post("/_dash-update-component", json=body), parse=True,
               request=body)
        written += 1
    for url in API:
        _write(out / f"api-{_safe(url)}.json", client.get(url), parse=False)
        written += 1
    print(f"{written} answers in {out}")
    return 0


def _write(path: Path, response: Any, parse: bool, request: Any = None) -> None:
    data = response.get_data()
    record: dict[str, Any] = {"status": response.status_code,
                              "headers": {h: response.headers.get(h) for h in HEADERS if h in response.headers}}
    if request is not None:
        record["request"] = request
    if parse and response.mimetype == "application/json":
        record["json"] = json.loads(data)
    else:
        try:
            text = RANDOM_PER_APP.sub('"end_id":"<random>"', data.decode("utf-8"))
            record["text"] = ASSET_MTIME.sub("?m=<mtime>", text)
        except UnicodeDecodeError:
            record["sha256"] = hashlib.sha256(data).hexdigest()
            record["bytes"] = len(data)
    path.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


def compare(before: Path, after: Path) -> int:
    names = sorted({p.name for p in before.glob("*.json")} | {p.name for p in after.glob("*.json")})
    differ = []
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            differ.append(f"{name}: only in {'after' if not a.exists() else 'before'}")
            continue
        ja, jb = json.loads(a.read_text(encoding="utf-8")), json.loads(b.read_text(encoding="utf-8"))
        if ja != jb:
            keys = ([k for k in sorted(set(ja) | set(jb)) if ja.get(k) != jb.get(k)]
                    if isinstance(ja, dict) and isinstance(jb, dict) else ["the whole record"])
            differ.append(f"{name}: differs in {', '.join(keys)}")
    for line in differ:
        print(line)
    print(f"{len(names) - len(differ)} of {len(names)} answers identical")
    return 1 if differ else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.answers", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    cap = sub.add_parser("capture")
    cap.add_argument("out", type=Path)
    cap.add_argument("--store", type=Path)
    cmp_ = sub.add_parser("compare")
    cmp_.add_argument("before", type=Path)
    cmp_.add_argument("after", type=Path)
    args = parser.parse_args(argv)
    if args.command == "capture":
        return capture(args.out, args.store)
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
