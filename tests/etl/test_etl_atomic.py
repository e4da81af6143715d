"""Atomic writes: a build or refresh that fails or is killed leaves the last good store and raw snapshot."""

from __future__ import annotations

import hashlib
import json
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
import etl.store_write
from etl.__main__ import main
from etl.snapshot import DEMO_STAMP, SnapshotError, clean_temp, current_snapshot, write_snapshot
from etl.store import (
    StoreCorrupt,
    aside,
    data_version_of,
    file_checksums,
    load_store,
    recover,
    store_lock,
)
from etl.store_write import save_store
from tests.killed_build import kill_build


def _fail_on_second_parquet(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    written: list[Path] = []
    real = etl.store_write._write_parquet

    def write(frame, path):
        if written:
            raise OSError(28, "No space left on device")
        written.append(path)
        real(frame, path)
    monkeypatch.setattr(etl.store_write, "_write_parquet", write)
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
    monkeypatch.setattr(etl.store_write, "shutil", SimpleNamespace(rmtree=lambda *a, **k: None))
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
        from etl.store import load_store
        from etl.store_write import save_store
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


# --- checksums and data_version ------------------------------------------------------------------------
def _changed(store):
    """The store's observations with one value changed (slightly: it stays inside its domain)."""
    obs = store.observations.copy()
    row = obs.index[obs["value"].fillna(0) != 0][0]
    obs.loc[row, "value"] = obs.loc[row, "value"] * 0.999
    return obs


def _geo(store_dir: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (store_dir / "geo").glob("*.geojson")}


def test_the_manifest_lists_every_store_file_with_its_sha256(built_store: Path) -> None:
    manifest = json.loads((built_store / "manifest.json").read_text(encoding="utf-8"))
    files = manifest["store_files"]
    on_disk = sorted(p.relative_to(built_store).as_posix() for p in built_store.rglob("*") if p.is_file())
    assert sorted(files) == [name for name in on_disk if name != "manifest.json"]
    for name, info in files.items():
        data = (built_store / name).read_bytes()
        assert info == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    assert manifest["data_version"] == data_version_of(files) and len(manifest["data_version"]) == 12
    assert len(manifest["inputs_version"]) == 12                         # the raw inputs' hash, for provenance
    assert load_store(built_store).verified


def test_data_version_follows_the_data_not_the_build(store_copy: Path, built_store: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Same data, another build time: same version (clients keep their cache). A changed value: a new one."""
    from etl.build import build_store
    monkeypatch.setenv("ETL_BUILT_AT", "2030-01-01T00:00:00Z")
    rebuilt = build_store(ROOT / "data" / "raw", tmp_path / "rebuilt" / "store")
    assert rebuilt["data_version"] == json.loads((built_store / "manifest.json").read_text())["data_version"]

    store = load_store(store_copy)
    same = save_store(store_copy, store.observations, store.regions, store.indicators, store.manifest, _geo(store_copy))
    again = save_store(store_copy, store.observations, store.regions, store.indicators,
                       dict(store.manifest, built_at="2031-01-01T00:00:00Z"), _geo(store_copy))
    assert again["data_version"] == same["data_version"] and again["built_at"] == "2031-01-01T00:00:00Z"
    changed = save_store(store_copy, _changed(store), store.regions, store.indicators, store.manifest, _geo(store_copy))
    assert changed["data_version"] != same["data_version"]
    assert load_store(store_copy).manifest["data_version"] == changed["data_version"]
    assert file_checksums(store_copy) == changed["store_files"]
    assert load_store(aside(store_copy, "previous")).manifest["data_version"] == same["data_version"]  # rollback copy


@pytest.mark.parametrize("name", ["observations.parquet", "regions.parquet", "indicators.json", "geo/gemeente.geojson"])
def test_load_store_notices_a_changed_or_missing_file(store_copy: Path, name: str) -> None:
    path = store_copy / name
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01                                            # one bit
    path.write_bytes(bytes(data))
    with pytest.raises(StoreCorrupt, match=f"store file {name} in .* does not match its checksum"):
        load_store(store_copy)
    path.unlink()
    with pytest.raises(StoreCorrupt, match=f"store file {name} is missing"):
        load_store(store_copy)


def test_recover_leaves_a_running_build_alone(store_copy: Path) -> None:
    """While a build holds the lock, a web worker's recover(blocking=False) repairs nothing and deletes nothing."""
    stale = store_copy.parent / ".tmp-store-running"
    stale.mkdir()
    with store_lock(store_copy) as held:
        assert held
        assert recover(store_copy, blocking=False) == []
        assert stale.exists()
    assert recover(store_copy, blocking=False) == ["removed 1 temporary folder(s) of killed builds"]
    assert not stale.exists()




@pytest.mark.parametrize("point, new_store_in", [("mid_write", False), ("temp_written", False),
                                                 ("between_renames", False), ("after_swap", True),
                                                 ("after_previous", True)])
def test_killed_at_every_step_then_recover(store_copy: Path, point: str, new_store_in: bool) -> None:
    """A real kill at each step of save_store; recover() leaves a verified store (the old one, or the new one if
    it got in), the one it replaced as .previous-store, and nothing else."""
    before = tree_digest(store_copy)
    old_version = load_store(store_copy).manifest["data_version"]
    kill_build(store_copy, point)
    recover(store_copy)
    assert leftovers(store_copy.parent) == []
    store = load_store(store_copy)
    assert store.verified
    if new_store_in:
        assert store.manifest["data_version"] != old_version
        assert load_store(aside(store_copy, "previous")).manifest["data_version"] == old_version
    else:
        assert tree_digest(store_copy) == before
    assert main(["build", "--raw", str(ROOT / "data" / "raw"), "--store", str(store_copy)]) == 0   # builds again


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
