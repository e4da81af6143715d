"""``python -m dashboard``: the development server on $HOST:$PORT (default 127.0.0.1:8050), debug off.

Production runs ``gunicorn dashboard.app:server``.
"""

from __future__ import annotations

import os

from dashboard.app import create_app, finish_setup


def main() -> None:
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "8050"))
    app = create_app(os.environ.get("STORE_DIR") or None)
    finish_setup(app.server)
    app.run(host=host, port=port, debug=False)


if __name__ == "__main__":
    main()
