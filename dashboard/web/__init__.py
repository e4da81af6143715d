"""Production hardening of the Flask server behind the app: headers, compression, errors, guards, health."""

from dashboard.web.security import install

__all__ = ["install"]
