"""A build killed at any step, or a store file overwritten, never takes the site down.

Kill tests: a real process runs ``save_store`` with changed data and dies (``os._exit``) at each step: while
writing the temp folder, after writing it, between the two renames, after the second rename, after keeping the
old store as .previous-store.  Then an app that was running before (its view in memory) and a fresh app (a new
worker) both serve the good store, /healthz says ok, the API and callbacks answer, and no leftovers remain.

Corruption tests: a store file overwritten in place is noticed (sha256 in the manifest), /healthz answers 200
"degraded" naming the file, and the last good copy keeps serving: no 500, no 503.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path

import pytest

from dashboard import testing as payloads
from dashboard.app import create_app
from dashboard.data import store as data_store
from etl.store import load_store, store_lock
from etl.store_write import save_store
from tests.killed_build import KILL_POINTS, kill_build

pytestmark = pytest.mark.timeout(300)

ROOT = Path(__file__).resolve().parents[2]
CSV = "/api/v1/observations.csv?indicator=neet_share&level=arbeidsmarktregio&period_from=2020"
KEEPS_OLD = {"mid_write", "temp_written", "between_renames"}        # the new store never got in





def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith((".tmp-", ".old-")))


def version(store: Path) -> str:
    return json.loads((store / "manifest.json").read_text())["data_version"]


@pytest.fixture(scope="module")
def cases(prod_app):
    """First-load callback bodies (from the real app): one per page, then others up to 8 (each read the store)."""
    prod_app.server.test_client().get("/")
    found = [c for c in payloads.callback_cases(prod_app) if not c.wildcard]
    per_page = list({c.page_path: c for c in reversed(found)}.values())
    return (per_page + [c for c in found if c not in per_page])[:8]


def store_copy(built_store: Path, folder: Path) -> Path:
    folder.mkdir(parents=True)
    shutil.copytree(built_store, folder / "store")
    return folder / "store"


def serves(app, expected: str, cases, status: str = "ok") -> dict:
    """/healthz, the API and callbacks answer from data version ``expected``: no 500, no 503."""
    client = app.server.test_client()
    health = client.get("/healthz")
    assert health.status_code == 200, health.get_data(as_text=True)
    body = health.get_json()
    assert body["status"] == status and body["data_version"] == expected, body
    response = client.get(CSV)
    assert response.status_code == 200 and response.headers["ETag"].startswith(f'"{expected}-'), response.status
    assert client.get("/api/v1/download.zip").status_code == 200
    assert client.get("/verkennen").status_code == 200
    for case in cases:
        body_ = dict(case.body, changedPropIds=case.input_ids[:1])
        answer = client.post(payloads.CALLBACK_URL, json=body_)
        assert answer.status_code in (200, 204), (case.key, answer.status_code, answer.get_data(as_text=True)[:300])
    return body


def running_app(store: Path):
    app = create_app(store)
    app.server.config["TESTING"] = False
    client = app.server.test_client()
    assert client.get("/healthz").get_json()["status"] == "ok"
    assert client.get(CSV).status_code == 200               # the view is in memory now
    return app


# ------------------------------------------------------------------------------------------------ killed builds
@pytest.mark.parametrize("point", KILL_POINTS)
def test_a_build_killed_at_any_step_is_repaired_and_the_good_store_served(point, built_store, tmp_path, cases):
    store = store_copy(built_store, tmp_path / "running")
    old = version(store)
    app = running_app(store)

    kill_build(store, point)
    fresh_folder = tmp_path / "fresh"
    shutil.copytree(store.parent, fresh_folder)             # the same wreck, for a worker that starts now
    if point == "between_renames":
        assert not store.exists() and (store.parent / ".old-store").exists()
    if point in ("mid_write", "temp_written"):
        assert any(name.startswith(".tmp-store-") for name in leftovers(store.parent))

    # the running app (view in memory) repairs and serves
    expected = old if point in KEEPS_OLD else version(store)
    assert (expected == old) == (point in KEEPS_OLD)
    if point not in KEEPS_OLD:
        assert expected != old
    serves(app, expected, cases)
    assert leftovers(store.parent) == []
    assert version(store) == expected and load_store(store).verified

    # a fresh app (a new worker, or the next start) on the same wreck repairs and serves the same
    fresh = create_app(fresh_folder / "store")
    fresh.server.config["TESTING"] = False
    serves(fresh, expected, cases)
    assert leftovers(fresh_folder) == []


def test_while_a_build_holds_the_lock_workers_serve_what_they_have(built_store, tmp_path, cases, monkeypatch):
    """Store moved aside and the lock held (a build between its renames): nothing is repaired, nothing is 503."""
    monkeypatch.setattr(data_store, "RETRY_INTERVAL", 0.0)
    store = store_copy(built_store, tmp_path / "site")
    good = version(store)
    app = running_app(store)
    with store_lock(store) as held:
        assert held
        os.rename(store, store.parent / ".old-store")
        body = serves(app, good, cases[:3], status="degraded")                     # from memory
        assert "store" in body["reason"]
        fresh = create_app(store)                                                  # a new worker: .old-store
        fresh.server.config["TESTING"] = False
        data_store._FOLDERS.pop(str(store.resolve()), None)
        body = serves(fresh, good, cases[:3], status="degraded")
        assert ".old-store" in body["reason"]
    serves(app, good, cases[:3])                                                   # lock free: repaired
    assert store.exists() and leftovers(store.parent) == []


# ------------------------------------------------------------------------------------------------ corruption
def overwrite(path: Path) -> None:
    with open(path, "r+b") as fh:                           # in place: same inode, as a stray `cp` or bit rot
        fh.seek(100)
        fh.write(b"\x00corrupt\x00" * 8)


@pytest.mark.parametrize("name", ["observations.parquet", "regions.parquet", "indicators.json",
                                  "geo/gemeente.geojson"])
def test_an_overwritten_store_file_is_reported_and_the_good_copy_served(name, built_store, tmp_path, cases):
    store = store_copy(built_store, tmp_path / "site")
    good = version(store)
    app = running_app(store)
    overwrite(store / name)
    body = serves(app, good, cases, status="degraded")
    assert name in body["reason"] and "checksum" in body["reason"]
    assert str(tmp_path) not in body["reason"]


def test_a_new_worker_on_a_corrupt_store_serves_the_previous_one(built_store, tmp_path, cases):
    store = store_copy(built_store, tmp_path / "site")
    first = load_store(store)
    obs = first.observations.copy()
    row = obs.index[obs["value"].fillna(0) != 0][0]
    obs.loc[row, "value"] = obs.loc[row, "value"] * 0.999
    geo = {p.name: p.read_bytes() for p in (store / "geo").glob("*.geojson")}
    second = save_store(store, obs, first.regions, first.indicators, first.manifest, geo)
    assert second["data_version"] != first.manifest["data_version"]          # a changed value, a new version
    assert version(store.parent / ".previous-store") == first.manifest["data_version"]
    running = running_app(store)
    overwrite(store / "observations.parquet")
    serves(running, second["data_version"], cases, status="degraded")        # memory: the newest good data
    fresh = create_app(store)
    fresh.server.config["TESTING"] = False
    data_store._FOLDERS.pop(str(store.resolve()), None)                      # as in a worker that just started
    body = serves(fresh, first.manifest["data_version"], cases, status="degraded")
    assert ".previous-store" in body["reason"] and "observations.parquet" in body["reason"]


def test_rewriting_a_file_with_the_same_bytes_is_not_corruption(built_store, tmp_path, cases):
    store = store_copy(built_store, tmp_path / "site")
    app = running_app(store)
    data = (store / "regions.parquet").read_bytes()
    (store / "regions.parquet").write_bytes(data)
    serves(app, version(store), cases[:3])


def test_no_good_store_anywhere_is_503_not_500(built_store, tmp_path, cases):
    store = store_copy(built_store, tmp_path / "site")
    overwrite(store / "observations.parquet")
    app = create_app(store)
    app.server.config["TESTING"] = False
    client = app.server.test_client()
    health = client.get("/healthz")
    assert health.status_code == 503 and health.get_json()["status"] == "unavailable"
    assert "observations.parquet" in health.get_json()["reason"]
    assert client.get(CSV).status_code == 503
    for case in cases[:6]:
        status = client.post(payloads.CALLBACK_URL, json=dict(case.body, changedPropIds=case.input_ids[:1])).status_code
        assert status in (200, 204, 503), (case.key, status)                # pages may show "no data"; never 500
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(store)


# ------------------------------------------------------------------------------------------------ the callback guard
def test_the_callback_guard_is_rebuilt_after_a_store_outage(built_store, tmp_path, prod_app, monkeypatch):
    """A worker whose first callback came while the store was unreadable must not keep a guard without the
    pages' components: once the store is back, a wrongly typed page value is 400 again (it was 500).  (The issue
    found it with explorer-url.pathname; the explorer's callback now takes explorer-url.search.)"""
    from dashboard.web import guard, security
    monkeypatch.setattr(guard, "RETRY_SECONDS", 0.0)
    prod_app.server.test_client().get("/")
    case = payloads.find(payloads.callback_cases(prod_app), input_="explorer-url.search")[0]
    hostile = payloads.with_values(case, {"explorer-url.search": ["x"]}, changed=["explorer-url.search"])
    folder = tmp_path / "site" / "store"                      # nothing there yet
    app = create_app(folder)
    app.server.config["TESTING"] = False
    client = app.server.test_client()
    client.get("/")
    first = client.post(payloads.CALLBACK_URL, json=hostile)
    assert first.status_code in (400, 503), first.get_data(as_text=True)[:300]
    state = app.server.extensions[security._EXT_KEY]
    assert not state.guard.complete                          # the pages could not render without a store
    shutil.copytree(built_store, folder)
    answer = client.post(payloads.CALLBACK_URL, json=hostile)
    assert answer.status_code == 400, answer.get_data(as_text=True)[:300]
    assert "explorer-url.search" in answer.get_json()["message"]
    assert state.guard.complete
    good = client.post(payloads.CALLBACK_URL, json=dict(case.body, changedPropIds=case.input_ids[:1]))
    assert good.status_code in (200, 204)


# ------------------------------------------------------------------------------------------------ the real process
def test_the_web_process_keeps_serving_a_corrupt_store_across_a_worker_restart(built_store, tmp_path, cases):
    """The issue's case: observations.parquet overwritten; then a worker recycles.  No 500 or 503 either way."""
    import time

    from webprocess import WebProcess, request
    store = store_copy(built_store, tmp_path / "site")
    first = load_store(store)
    geo = {p.name: p.read_bytes() for p in (store / "geo").glob("*.geojson")}
    obs = first.observations.copy()
    row = obs.index[obs["value"].fillna(0) != 0][0]
    obs.loc[row, "value"] = obs.loc[row, "value"] * 0.999
    save_store(store, obs, first.regions, first.indicators, first.manifest, geo)     # .previous-store: the first
    web = WebProcess(store_dir=store, log_dir=tmp_path / "logs", workers=2).start()
    try:
        web.wait_ready()
        web.warm()
        overwrite(store / "observations.parquet")
        health = web.health()
        assert health["status"] == "degraded" and "observations.parquet" in health["reason"], health
        assert [request(web.port, "GET", CSV)[0] for _ in range(10)] == [200] * 10
        victim = web.gunicorn_workers()[0]
        victim.terminate()                                   # as max_requests recycles a worker
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            pids = [p.pid for p in web.gunicorn_workers()]
            if len(pids) == 2 and victim.pid not in pids:
                break
            time.sleep(0.1)
        statuses = [request(web.port, "GET", path)[0] for _ in range(15) for path in (CSV, "/healthz", "/verkennen")]
        assert set(statuses) == {200}, statuses
        for case in cases:
            body = json.dumps(dict(case.body, changedPropIds=case.input_ids[:1])).encode()
            status = request(web.port, "POST", payloads.CALLBACK_URL, {"Content-Type": "application/json"}, body)[0]
            assert status in (200, 204), (case.key, status)
        warned = [line for line in web.lines() if "store degraded" in line]
        assert warned and all(" level=warning " in line and " request_id=- " not in line for line in warned), warned
        assert not [line for line in web.lines() if " status=500 " in line or " status=503 " in line]
    finally:
        assert web.stop() == 0


def test_a_rebuild_with_a_changed_value_changes_every_etag_and_the_download(built_store, tmp_path):
    """data_version is a hash of the store's files: a transform change that changes a value (same raw inputs)
    gives new ETags, so clients holding the old tag get the new data, and download.zip (memoised per view) too."""
    import io
    import zipfile
    store = store_copy(built_store, tmp_path / "site")
    app = running_app(store)
    client = app.server.test_client()
    old_csv, old_zip = client.get(CSV), client.get("/api/v1/download.zip")
    first = load_store(store)
    geo = {p.name: p.read_bytes() for p in (store / "geo").glob("*.geojson")}
    obs = first.observations.copy()
    rows = obs.index[(obs["indicator"] == "neet_share") & (obs["region_level"] == "arbeidsmarktregio")
                     & obs["value"].notna()]
    obs.loc[rows[-1], "value"] = obs.loc[rows[-1], "value"] + 0.5
    manifest = save_store(store, obs, first.regions, first.indicators, first.manifest, geo)
    assert manifest["inputs_version"] == first.manifest["inputs_version"]          # the same raw inputs
    new_csv = client.get(CSV, headers={"If-None-Match": old_csv.headers["ETag"]})
    assert new_csv.status_code == 200 and new_csv.headers["ETag"] != old_csv.headers["ETag"]
    assert new_csv.headers["ETag"].startswith(f'"{manifest["data_version"]}-') and new_csv.data != old_csv.data
    new_zip = client.get("/api/v1/download.zip", headers={"If-None-Match": old_zip.headers["ETag"]})
    assert new_zip.status_code == 200 and new_zip.headers["ETag"] != old_zip.headers["ETag"]
    inside = json.loads(zipfile.ZipFile(io.BytesIO(new_zip.data)).read("manifest.json"))
    assert inside["data_version"] == manifest["data_version"]
