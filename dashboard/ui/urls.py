"""Every link the app writes, built in one place: pages in a language, API queries, anchors."""

from __future__ import annotations

API_PREFIX = "/api/v1"
