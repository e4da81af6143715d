"""Fixtures of the ETL tests: private copies of raw and store, and no network at all."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from etlsupport import copy_raw


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any real socket connection fails loudly (``responses`` intercepts before a socket is opened)."""
    def refuse(self, address, *args, **kwargs):
        raise OSError(f"network access in a test: {address!r}")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A private copy of data/raw."""
    return copy_raw(tmp_path / "raw")


@pytest.fixture
def store_copy(tmp_path: Path, built_store: Path) -> Path:
    """A private copy of a store built from data/raw (the 'previous store' of fault tests)."""
    dst = tmp_path / "store"
    shutil.copytree(built_store, dst)
    return dst


@pytest.fixture
def built_at(monkeypatch: pytest.MonkeyPatch) -> str:
    """Pin the manifest's built_at so whole stores can be compared byte for byte."""
    stamp = "2026-01-01T00:00:00Z"
    monkeypatch.setenv("ETL_BUILT_AT", stamp)
    return stamp
