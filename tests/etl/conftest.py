"""Fixtures of the ETL tests: private copies of raw and store, and no network at all."""

from __future__ import annotations

import shutil
import socket
from pathlib import Path

import pytest
from etlsupport import copy_raw

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any real socket connection fails loudly (``responses`` intercepts before a socket is opened), except to
    this machine's loopback address, where the local CBS stand-in (tests/etl/cbs_standin.py) listens."""
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guard(real):
        def check(self, address, *args, **kwargs):
            if isinstance(address, tuple) and address and address[0] in LOOPBACK:
                return real(self, address, *args, **kwargs)
            raise OSError(f"network access in a test: {address!r}")
        return check
    monkeypatch.setattr(socket.socket, "connect", guard(connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guard(connect_ex))


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
