"""Production hardening of the Flask server behind the app: logs, limits, headers, compression, errors, guards,
health (see :mod:`dashboard.web.security`).  Importing the package is cheap: gunicorn's master imports
:mod:`dashboard.web.logs` for its log format before any app exists."""

from __future__ import annotations

from typing import Any


def install(server: Any, dash_app: Any = None) -> Any:
    """:func:`dashboard.web.security.install`."""
    from dashboard.web.security import install as install_security
    return install_security(server, dash_app=dash_app)


def prepare(server: Any) -> None:
    """:func:`dashboard.web.security.prepare`."""
    from dashboard.web.security import prepare as prepare_security
    prepare_security(server)


__all__ = ["install", "prepare"]
