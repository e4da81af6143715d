"""``python -m dashboard.precompress``: compress the app's static files once, at the highest brotli level.

Run by ``make static`` (so by ``make run``, ``make test`` and ``make bench``); a file that is missing when a
browser asks for it is compressed once in the background (see :mod:`dashboard.web.static`).
"""

from __future__ import annotations

import sys

from dashboard.app import create_app
from dashboard.web.static import cache_dir, precompress


def main() -> int:
    done = precompress(create_app())
    print(f"{len(done)} files precompressed in {cache_dir()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
