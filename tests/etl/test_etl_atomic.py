"""Atomic writes: a build or refresh that fails or is killed leaves the last good store and raw snapshot."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from types import SimpleNamespace

import pytest
import requests
import responses
from etlsupport import ROOT, V4, leftovers, tree_digest

import etl.snapshot
import etl.store
from etl.__main__ import main
from etl.snapshot import DEMO_STAMP, SnapshotError, clean_temp, current_snapshot, write_snapshot
from etl.store import load_store, recover, save_store


def _fail_on_second_parquet(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    written: list[Path] = []
    real = etl.store._write_parquet

    def write(frame, path):
        if written:
            raise OSError(28, "No space left on device")
        written.append(path)
        real(frame, path)
    monkeypatch.setattr(etl.store, "_write_parquet", write)
    return written


def test_failing_write_midway_keeps_the_old_store(store_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = tree_digest(store_copy)
    store = load_store(store_copy)
    written = _fail_on_second_parquet(monkeypatch)
    with pytest.raises(OSError, match=r"^\[Errno 28\] No space left on device$"):
        save_store(store_copy, store.observations, store.regions, store.indicators, dict(store.manifest, built_at="x"),
                   {"gemeente.geojson": b"{}"})
    assert written and written[0].parent.name.startswith(".tmp-store-")   # it did get half way
    assert tree_digest(store_copy) == before
    assert leftovers(store_copy.parent) == []                            # save_store cleaned up after itself
    recover(store_copy)
    assert tree_digest(store_copy) == before and leftovers(store_copy.parent) == []


def test_cli_reports_a_failing_write_in_one_line(raw_copy: Path, store_copy: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A disk error during `python -m etl build`: exit 1, one line, old store intact."""
    before = tree_digest(store_copy)
    def build_store(raw, store):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("etl.build.build_store", build_store)
    code = main(["build", "--raw", str(raw_copy), "--store", str(store_copy)])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == ["etl build: [Errno 28] No space left on device"]
    assert tree_digest(store_copy) == before


def test_killed_while_writing_leaves_a_temp_folder_that_recover_removes(store_copy: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A SIGKILL skips the cleanup: simulate it by a failing write whose cleanup does nothing."""
    before = tree_digest(store_copy)
    store = load_store(store_copy)
    _fail_on_second_parquet(monkeypatch)
    monkeypatch.setattr(etl.store, "shutil", SimpleNamespace(rmtree=lambda *a, **k: None))
    with pytest.raises(OSError, match="No space left on device"):
        save_store(store_copy, store.observations, store.regions, store.indicators, store.manifest, {})
    stale = [p for p in leftovers(store_copy.parent) if p.startswith(".tmp-store-")]
    assert len(stale) == 1 and (store_copy.parent / stale[0] / "observations.parquet").exists()
    assert tree_digest(store_copy) == before
    monkeypatch.undo()
    recover(store_copy)
    assert leftovers(store_copy.parent) == []
    assert tree_digest(store_copy) == before


def test_killed_between_the_renames_recover_restores(store_copy: Path) -> None:
    """Store moved aside to .old-store, new one never renamed in: recover() puts the old one back."""
    before = tree_digest(store_copy)
    old = store_copy.with_name(f".old-{store_copy.name}")
    half = store_copy.parent / ".tmp-store-killed"
    half.mkdir()
    (half / "observations.parquet").write_bytes(b"PAR1 half")
    os.rename(store_copy, old)
    assert not store_copy.exists()
    recover(store_copy)
    assert tree_digest(store_copy) == before
    assert leftovers(store_copy.parent) == []
    recover(store_copy)                                                   # idempotent
    assert tree_digest(store_copy) == before


def test_every_command_recovers_first(store_copy: Path, raw_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """After a kill between the renames, even a failing refresh puts the previous store back."""
    before = tree_digest(store_copy)
    os.rename(store_copy, store_copy.with_name(f".old-{store_copy.name}"))
    with responses.RequestsMock() as rsps:
        rsps.add(responses.GET, f"{V4}/Properties", body=requests.ConnectionError("Connection refused"))
        code = main(["refresh", "80590ned", "--retries", "0", "--raw", str(raw_copy), "--store", str(store_copy)])
    assert code == 1
    assert "80590ned" in capsys.readouterr().err
    assert tree_digest(store_copy) == before


def test_real_kill_between_the_renames(store_copy: Path) -> None:
    """A process that dies (os._exit) right after moving the old store aside; recover() then restores it."""
    before = tree_digest(store_copy)
    script = textwrap.dedent(f"""
        import os
        from pathlib import Path
        from etl.store import load_store, save_store
        store_dir = Path({str(store_copy)!r})
        s = load_store(store_dir)
        real = os.rename
        def rename(src, dst):
            real(src, dst)
            if Path(dst).name.startswith(".old-"):
                os._exit(9)
        os.rename = rename
        save_store(store_dir, s.observations, s.regions, s.indicators, dict(s.manifest, built_at="x"), {{}})
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 9, proc.stderr
    assert not store_copy.exists()
    assert any(p.startswith(".tmp-store-") for p in leftovers(store_copy.parent))
    recover(store_copy)
    assert tree_digest(store_copy) == before
    assert leftovers(store_copy.parent) == []


# --- raw snapshots --------------------------------------------------------------------------------------
def test_failing_snapshot_write_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = etl.snapshot._write_synced

    def write(path, data):
        if calls:
            raise OSError(28, "No space left on device")
        calls.append(path)
        real(path, data)
    monkeypatch.setattr(etl.snapshot, "_write_synced", write)
    with pytest.raises(OSError):
        write_snapshot(tmp_path, "80590ned", "totaal-15-75", "20260101T000000Z", {"a.json": b"{}", "b.json": b"{}"},
                       {"table_id": "80590ned"})
    assert list((tmp_path / "80590ned" / "totaal-15-75").iterdir()) == []


def test_live_snapshots_are_immutable(raw_copy: Path) -> None:
    snap = current_snapshot(raw_copy, "80590ned", "totaal-15-75")
    with pytest.raises(SnapshotError, match="immutable"):
        write_snapshot(raw_copy, "80590ned", "totaal-15-75", snap.path.name, {"x.json": b"{}"}, {})


def test_temp_folders_of_a_killed_refresh_are_ignored_then_cleaned(raw_copy: Path) -> None:
    before = current_snapshot(raw_copy, "80590ned", "totaal-15-75").path
    stale = raw_copy / "80590ned" / "totaal-15-75" / ".tmp-20991231T000000Z-abc"
    stale.mkdir()
    (stale / "manifest.json").write_text("{}")
    aside = raw_copy / "84780NED" / "totaal" / f".old-{DEMO_STAMP}"
    aside.mkdir()
    assert current_snapshot(raw_copy, "80590ned", "totaal-15-75").path == before
    assert clean_temp(raw_copy) == 2
    assert leftovers(raw_copy) == []
