"""Determinism: the same raw snapshot gives the same store bytes; the demo generator gives the same raw bytes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from etlsupport import RAW, REFERENCE, tree_digest

from etl.__main__ import main
from etl.build import build_store
from etl.demo import generate_demo
from etl.snapshot import DEMO_STAMP, dump_json, list_snapshots

# Only what no genuine figure exists for is demo: NEET and benefits of the youth table, WW under 27.
DEMO_SLICES = [("86087NED", "neet"), ("86087NED", "benefit"), ("85554NED", "jonger-dan-27")]


def test_two_builds_are_byte_identical(built_store: Path, tmp_path: Path, built_at: str) -> None:
    second = tmp_path / "store"
    build_store(RAW, second)
    first_files, second_files = tree_digest(built_store), tree_digest(second)
    assert sorted(first_files) == sorted(second_files) == [
        "geo/arbeidsmarktregio.geojson", "geo/gemeente.geojson", "geo/rmc.geojson", "indicators.json", "manifest.json",
        "need_index.parquet", "observations.parquet", "peer_groups.parquet", "peer_neighbours.parquet",
        "regions.parquet"]
    for name in first_files:
        if name != "manifest.json":
            assert first_files[name] == second_files[name], f"{name} differs between two builds"
    first_manifest = json.loads((built_store / "manifest.json").read_text(encoding="utf-8"))
    second_manifest = json.loads((second / "manifest.json").read_text(encoding="utf-8"))
    assert second_manifest["built_at"] == built_at
    assert {**first_manifest, "built_at": built_at} == second_manifest
    # with built_at pinned, the manifest bytes are equal too
    assert dump_json({**first_manifest, "built_at": built_at}) == (second / "manifest.json").read_bytes()


def test_geo_files_are_the_raw_boundaries(built_store: Path) -> None:
    raw = json.loads(next((RAW / "gebieden-2025" / "afgeleid").glob("*/gemeente_2025.geojson")).read_text("utf-8"))
    stored = json.loads((built_store / "geo" / "gemeente.geojson").read_text(encoding="utf-8"))
    assert stored == raw
    assert len(stored["features"]) == 342


def test_data_version_depends_only_on_raw_files(built_store: Path) -> None:
    manifest = json.loads((built_store / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["data_version"]) == 12
    files = {(s["table_id"], sl["slice"]): sl["files"] for s in manifest["sources"] for sl in s["slices"]}
    for (table, slice_name), listed in files.items():
        snap_dir = list_snapshots(RAW, table, slice_name)
        assert snap_dir, (table, slice_name)
        on_disk = json.loads((snap_dir[-1] / "manifest.json").read_text(encoding="utf-8"))["files"]
        assert listed == on_disk


@pytest.fixture(scope="module")
def committed_demo() -> dict[str, str]:
    return {f"{t}/{s}/{k}": v for t, s in DEMO_SLICES for k, v in tree_digest(RAW / t / s / DEMO_STAMP).items()}


def _demo_digest(raw: Path) -> dict[str, str]:
    return {f"{t}/{s}/{k}": v for t, s in DEMO_SLICES for k, v in tree_digest(raw / t / s / DEMO_STAMP).items()}


def test_demo_twice_gives_the_committed_bytes(raw_copy: Path, store_copy: Path, committed_demo: dict[str, str],
                                              capsys: pytest.CaptureFixture[str]) -> None:
    # from scratch: no demo snapshot at all in the copy
    for table, slice_name in DEMO_SLICES:
        shutil.rmtree(raw_copy / table / slice_name / DEMO_STAMP)
    written = generate_demo(raw_copy, REFERENCE)
    assert sorted((p.parent.parent.name, p.parent.name) for p in written) == sorted(DEMO_SLICES)
    first = _demo_digest(raw_copy)
    assert first == committed_demo

    # again, through the CLI, over the existing demo snapshot
    assert main(["demo", "--raw", str(raw_copy), "--store", str(store_copy), "--reference", str(REFERENCE)]) == 0
    assert "demo snapshot 86087NED/neet/demo" in capsys.readouterr().out
    assert _demo_digest(raw_copy) == first
    assert tree_digest(raw_copy) == tree_digest(RAW)

    # the manifests carry the same sha256 as the committed ones, and say demo
    for table, slice_name in DEMO_SLICES:
        manifest = json.loads((raw_copy / table / slice_name / DEMO_STAMP / "manifest.json").read_text("utf-8"))
        committed = json.loads((RAW / table / slice_name / DEMO_STAMP / "manifest.json").read_text("utf-8"))
        assert manifest["files"] == committed["files"]
        assert manifest["is_demo"] is True and "DEMO" in manifest["origin"]
        assert manifest["attribution"].startswith("Demo — geen CBS-cijfers") and "Bron: CBS" not in manifest["attribution"]


def test_the_demo_slices_are_the_catalogues(committed_demo: dict[str, str]) -> None:
    """The committed demo snapshots are exactly the slices the catalogue declares demo; no other slice has one."""
    from etl.catalog import SOURCES
    declared = sorted((src.table_id, sl.name) for src in SOURCES for sl in src.slices if sl.demo)
    assert declared == sorted(DEMO_SLICES)
    on_disk = sorted((p.parent.parent.name, p.parent.name) for p in RAW.glob(f"*/*/{DEMO_STAMP}"))
    assert on_disk == sorted(DEMO_SLICES)
    assert committed_demo                                                  # the digest saw the files


def test_demo_removes_the_demo_of_a_slice_that_is_real_now(raw_copy: Path) -> None:
    """A demo snapshot left from before real figures arrived (86087NED/total, 84780NED/totaal) is removed by
    `etl demo`; the real snapshots beside it and the demo of slices that are still demo stay."""
    stale = [raw_copy / "86087NED" / "total" / DEMO_STAMP, raw_copy / "84780NED" / "totaal" / DEMO_STAMP]
    for folder in stale:
        shutil.copytree(raw_copy / "86087NED" / "neet" / DEMO_STAMP, folder)
    real = {p: tree_digest(p) for p in (raw_copy / "86087NED" / "total", raw_copy / "84780NED" / "totaal")}
    generate_demo(raw_copy, REFERENCE)
    assert not any(folder.exists() for folder in stale)
    for path, digest in real.items():
        assert tree_digest(path) == {k: v for k, v in digest.items() if not k.startswith(f"{DEMO_STAMP}/")}
    assert _demo_digest(raw_copy) == _demo_digest(RAW)
