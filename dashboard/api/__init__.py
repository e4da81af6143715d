"""The read-only data API under /api/v1: observations, regions, indicators, downloads and the need index."""

from __future__ import annotations

from flask import Flask

from dashboard.api import need_index, observations


def register(server: Flask) -> None:
    """Add every /api/v1 blueprint to a Flask server (once each)."""
    observations.register(server)
    need_index.register(server)
