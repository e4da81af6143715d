"""Compression with Flask-Compress's public API: br (first: smallest), gzip, zstd, deflate for text responses.

Fingerprinted static files (``/_dash-component-suites/...v4_4_1m123...js``, ``/assets/...?m=<mtime>``) never
change under their URL, so their compressed bodies are kept in a small per-worker LRU (:class:`AssetCache`,
``ASSET_CACHE_BYTES``, default 48 MB) through ``COMPRESS_CACHE_BACKEND`` / ``COMPRESS_CACHE_KEY``: Plotly's
4.8 MB plotly.min.js takes ~1 s of CPU to compress, once per worker instead of once per request.  Every other
response gets a key the cache refuses, so it is compressed each time and never stored.
"""

from __future__ import annotations

import os
import threading
import uuid
from collections import OrderedDict

from flask import Flask, Request, Response
from flask_compress import Compress

from dashboard.web.headers import is_fingerprinted_asset

UNCACHED = "uncached:"
DEFAULT_CACHE_BYTES = 48 * 1024 * 1024


class AssetCache:
    """A bounded LRU of compressed bodies (by total size), thread-safe; ignores :data:`UNCACHED` keys."""

    def __init__(self, limit: int = DEFAULT_CACHE_BYTES) -> None:
        self.limit = limit
        self.size = 0
        self.items: OrderedDict[str, bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        if _uncached(key):
            return None
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def set(self, key: str, value: bytes) -> None:
        if _uncached(key) or len(value) > self.limit:
            return
        with self.lock:
            old = self.items.pop(key, None)
            if old is not None:
                self.size -= len(old)
            self.items[key] = value
            self.size += len(value)
            while self.size > self.limit and self.items:
                _, dropped = self.items.popitem(last=False)
                self.size -= len(dropped)


def _uncached(key: str) -> bool:
    return key.split(";", 1)[-1].startswith(UNCACHED)       # Flask-Compress prefixes "<algorithm>;"


def cache_key(request: Request) -> str:
    """The URL for a fingerprinted static file asked with GET; a key the cache refuses for anything else."""
    if request.method == "GET" and is_fingerprinted_asset():
        return request.full_path.removesuffix("?")
    return f"{UNCACHED}{uuid.uuid4().hex}"


def make_compress(server: Flask) -> Compress:
    """A Compress instance for ``server``, not registered: :func:`compress` runs it after the headers are set."""
    try:
        limit = int(os.environ.get("ASSET_CACHE_BYTES", DEFAULT_CACHE_BYTES))
    except ValueError:
        limit = DEFAULT_CACHE_BYTES
    server.config["COMPRESS_REGISTER"] = False
    server.config["COMPRESS_ALGORITHM"] = ["br", "gzip", "zstd", "deflate"]
    server.config["COMPRESS_BR_LEVEL"] = 5
    server.config["COMPRESS_LEVEL"] = 6
    server.config["COMPRESS_MIN_SIZE"] = 500
    server.config["COMPRESS_CACHE_BACKEND"] = lambda: AssetCache(limit)
    server.config["COMPRESS_CACHE_KEY"] = cache_key
    compress = Compress()
    compress.init_app(server)
    return compress


def compress(response: Response, compressor: Compress) -> Response:
    return compressor.after_request(response)
