"""A refresh whose fetched data does not build: the new snapshot is moved aside, the last good one stays in use."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from etl.__main__ import main
from etl.snapshot import current_snapshot, write_snapshot
from tests.etl.etlsupport import tree_digest


def _fake_fetch_with_bad_region(raw: Path) -> list[Path]:
    """What a live fetch of 84780NED would write if CBS sent a gemeente code the division does not know."""
    demo = current_snapshot(raw, "84780NED", "totaal")
    files = {name: (demo.path / name).read_bytes() for name in demo.manifest["files"]}
    doc = json.loads(files["observations-page-1.json"])
    for obs in doc["value"]:
        if obs["Regiokenmerken"] == "GM0363":
            obs["Regiokenmerken"] = "GM9998"
    files["observations-page-1.json"] = json.dumps(doc).encode()
    meta = {**demo.manifest, "is_demo": False, "fetched_at": "2026-11-27T00:00:00Z"}
    meta.pop("files")
    return [write_snapshot(raw, "84780NED", "totaal", "20261127T000000Z", files, meta)]


def test_refresh_that_does_not_build_rejects_its_snapshot(raw_copy: Path, store_copy: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    store_before = tree_digest(store_copy)
    monkeypatch.setattr("etl.extract.fetch_sources", lambda raw, *a, **k: _fake_fetch_with_bad_region(raw))
    code = main(["refresh", "84780NED", "--raw", str(raw_copy), "--store", str(store_copy)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1 and "84780NED" in err[0] and "GM9998" in err[0] and "_rejected" in err[0]
    assert tree_digest(store_copy) == store_before
    assert not (raw_copy / "84780NED" / "totaal" / "20261127T000000Z").exists()
    assert (raw_copy / "_rejected" / "20261127T000000Z" / "84780NED" / "totaal" / "20261127T000000Z").is_dir()
    assert current_snapshot(raw_copy, "84780NED", "totaal").path.name == "demo"
    assert main(["build", "--raw", str(raw_copy), "--store", str(store_copy)]) == 0
