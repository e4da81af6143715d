"""Compression with Flask-Compress's public API: br (first: smallest), gzip, zstd, deflate for text responses.

Fingerprinted static files (``/_dash-component-suites/...v4_4_1m123...js``, ``/assets/...?m=<mtime>``) never
change under their URL, so their compressed bodies are kept through ``COMPRESS_CACHE_BACKEND`` /
``COMPRESS_CACHE_KEY`` in the one memo scheme of the app, the :class:`~dashboard.data.view.StoreView` memo (kind
``compressed_file``, bounded by size): the scripts of a first load are compressed once per worker and data
version instead of once per request (``make bench``, section ``mechanisms``).  Every other response gets a key
the cache refuses, so it is compressed each time and never stored.
"""

from __future__ import annotations

import uuid

from flask import Flask, Request, Response
from flask_compress import Compress

from dashboard.data.store import get_view
from dashboard.data.view import StoreView
from dashboard.web.headers import is_fingerprinted_asset
from etl.store import StoreError

UNCACHED = "uncached:"
KIND = "compressed_file"


class MemoCache:
    """Flask-Compress's cache backend on the StoreView memo; ignores :data:`UNCACHED` keys and works without a
    store (nothing is kept then)."""

    def get(self, key: str) -> bytes | None:
        view = None if _uncached(key) else _view()
        return None if view is None else view.memo.peek(KIND, key)

    def set(self, key: str, value: bytes) -> None:
        view = None if _uncached(key) else _view()
        if view is not None:
            view.memo.put(KIND, key, value)


def _view() -> StoreView | None:
    try:
        return get_view()
    except StoreError:
        return None


def _uncached(key: str) -> bool:
    return key.split(";", 1)[-1].startswith(UNCACHED)       # Flask-Compress prefixes "<algorithm>;"


def cache_key(request: Request) -> str:
    """The URL for a fingerprinted static file asked with GET; a key the cache refuses for anything else."""
    if request.method == "GET" and is_fingerprinted_asset():
        return request.full_path.removesuffix("?")
    return f"{UNCACHED}{uuid.uuid4().hex}"


def make_compress(server: Flask) -> Compress:
    """A Compress instance for ``server``, not registered: :func:`compress` runs it after the headers are set."""
    server.config["COMPRESS_REGISTER"] = False
    server.config["COMPRESS_ALGORITHM"] = ["br", "gzip", "zstd", "deflate"]
    server.config["COMPRESS_BR_LEVEL"] = 5
    server.config["COMPRESS_LEVEL"] = 6
    server.config["COMPRESS_MIN_SIZE"] = 500
    server.config["COMPRESS_CACHE_BACKEND"] = MemoCache
    server.config["COMPRESS_CACHE_KEY"] = cache_key
    compress = Compress()
    compress.init_app(server)
    return compress


def compress(response: Response, compressor: Compress) -> Response:
    return compressor.after_request(response)
