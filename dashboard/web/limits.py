"""The request body limit: ``MAX_CONTENT_LENGTH`` (env, bytes; default :data:`DEFAULT_MAX_BODY`, 2 MiB) is set on the
Flask config, so a larger body, announced or chunked, gets 413 before anything parses it.  The proxy in front
(deploy/nginx.conf.template) applies the same limit before the request reaches a worker.  (The gate for heavy
computations is :mod:`dashboard.api.heavy`, used by the API.)
"""

from __future__ import annotations

import os

DEFAULT_MAX_BODY = 2 * 1024 * 1024


def max_body() -> int:
    """The request body limit in bytes (``$MAX_CONTENT_LENGTH``, default 2 MiB)."""
    try:
        value = int(os.environ.get("MAX_CONTENT_LENGTH", DEFAULT_MAX_BODY))
    except ValueError:
        return DEFAULT_MAX_BODY
    return value if value > 0 else DEFAULT_MAX_BODY
