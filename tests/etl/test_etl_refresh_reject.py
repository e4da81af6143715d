"""A refresh where one table's fetched data does not build: only that table's new snapshot is moved aside.

The fetch itself is replaced by snapshots made from the committed ones (``etl.extract.fetch_table`` patched), so
these tests are about what ``etl refresh`` does after fetching; the live path is in test_etl_standin.py.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from etlsupport import tree_digest

import etl.extract
from etl.__main__ import main
from etl.catalog import Source
from etl.snapshot import current_snapshot
from etl.store import load_store

STAMP = "20261127T000000Z"


def _as_fetched(raw: Path, src: Source, edit=None) -> list[tuple[str, dict[str, bytes], dict]]:
    """What fetch_table would return for ``src``: its committed snapshots' files, marked live, optionally edited."""
    out = []
    for sl in src.slices:
        snap = current_snapshot(raw, src.table_id, sl.name)
        files = {name: (snap.path / name).read_bytes() for name in snap.manifest["files"]}
        if edit:
            doc = json.loads(files["observations-page-1.json"])
            edit(doc)
            files["observations-page-1.json"] = json.dumps(doc).encode()
        meta = {k: v for k, v in snap.manifest.items() if k != "files"}
        meta.update(is_demo=False, fetched_at="2026-11-27T00:00:00Z", attribution=f"Bron: CBS, tabel {src.table_id}")
        out.append((sl.name, files, meta))
    return out


def _leavers_above_pupils(doc: dict) -> None:
    """GM0363's pupils (the larger of its two counts) set to 10: parses, but the rate breaks the schema (>100%)."""
    cells = [o for o in doc["value"] if o["Regiokenmerken"] == "GM0363" and o["Perioden"] == "2020SJ21"]
    assert len(cells) == 2
    max(cells, key=lambda o: o["Value"])["Value"] = 10


@pytest.fixture
def fake_fetch(monkeypatch: pytest.MonkeyPatch, raw_copy: Path) -> dict[str, object]:
    """fetch_table -> the committed snapshot of each table, 84780NED made unbuildable, 85984NED unreachable."""
    def fetch_table(src, client, fetched_at, **kwargs):
        if src.table_id == "85984NED":
            raise etl.extract.ExtractError("85984NED: no connection to CBS (after 1 attempts)")
        return _as_fetched(raw_copy, src, _leavers_above_pupils if src.table_id == "84780NED" else None)
    monkeypatch.setattr(etl.extract, "fetch_table", fetch_table)
    monkeypatch.setattr(etl.extract, "stamps", lambda: (STAMP, "2026-11-27T00:00:00Z"))
    return {}


def test_one_unbuildable_table_is_rejected_and_the_others_are_kept(raw_copy: Path, store_copy: Path, fake_fetch,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    previous = current_snapshot(raw_copy, "84780NED", "totaal").path
    code = main(["refresh", "84780NED", "85554NED", "85984NED", "--raw", str(raw_copy), "--store", str(store_copy)])
    out, err = capsys.readouterr()
    assert code == 1
    errors = err.strip().splitlines()
    assert [e.split(":")[1].strip() for e in errors] == ["84780NED", "85984NED"]          # one line per failure
    assert "fetched but does not build" in errors[0] and "early_school_leaver_rate" in errors[0]
    assert "_rejected" in errors[0] and "no connection" in errors[1] and "Traceback" not in err
    assert out.startswith("85554NED: fetched ") and "AM04, AM16, AM31" in out.splitlines()[0]
    # 84780NED: the new snapshot is aside, the previous one (CBS's imported download) in use; 85554NED: the new ones
    assert not (raw_copy / "84780NED" / "totaal" / STAMP).exists()
    assert (raw_copy / "_rejected" / STAMP / "84780NED" / "totaal" / STAMP).is_dir()
    assert current_snapshot(raw_copy, "84780NED", "totaal").path == previous
    for slice_name in ("totaal", "jonger-dan-27"):
        assert current_snapshot(raw_copy, "85554NED", slice_name).path.name == STAMP
    store = load_store(store_copy)
    ww = store.observations[store.observations["indicator"] == "youth_ww_benefits"]
    assert len(ww) and not ww["is_demo"].any()                   # built from the snapshot fetched in this run
    vsv = store.observations[store.observations["source_table"] == "84780NED"]
    sources = {s["table_id"]: s for s in store.manifest["sources"]}
    assert [sl["snapshot"] for sl in sources["84780NED"]["slices"]] == [previous.name]
    assert [sl["snapshot"] for sl in sources["85554NED"]["slices"]] == [STAMP, STAMP]
    gm0363 = vsv[(vsv["indicator"] == "early_school_leaver_rate") & (vsv["region_code"] == "GM0363")
                 & (vsv["period"] == "2020/2021")]
    assert gm0363["value"].between(0, 100).all() and len(gm0363) == 1  # the previous figures, not the broken ones
    assert main(["build", "--raw", str(raw_copy), "--store", str(store_copy)]) == 0


def test_a_refresh_where_every_table_fails_changes_nothing(raw_copy: Path, store_copy: Path, fake_fetch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    raw_before, store_before = tree_digest(raw_copy), tree_digest(store_copy)
    assert main(["refresh", "85984NED", "--raw", str(raw_copy), "--store", str(store_copy)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert tree_digest(raw_copy) == raw_before and tree_digest(store_copy) == store_before
