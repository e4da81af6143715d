"""One log line per event, ``key=value`` (logfmt), with time, level, process id and request id on every line.

::

    time=2026-11-29T05:16:05.123Z level=info pid=4242 request_id=5f0c... logger=gunicorn.access method=GET ...
    time=2026-11-29T05:16:06.001Z level=error pid=4242 request_id=77ab... logger=dashboard.web.errors
        msg="callback failed" callback=..explorer-map.figure... error="KeyError: 'x'" traceback="Traceback ...\\n..."

* Every request has an id: a sane incoming ``X-Request-Id`` (8-128 of ``A-Z a-z 0-9 . _ : -``, as a proxy or
  platform router sends) or a new random one.  The response echoes it in ``X-Request-Id``; the access line and
  every line logged while the request runs carry it (``request_id=-`` outside requests).
* A traceback stays on its line (``traceback="...\\n..."``), so one event is one line for any log collector.
* gunicorn is configured with :func:`gunicorn_logconfig` and :data:`ACCESS_LOG_FORMAT` (see gunicorn.conf.py).

This module imports nothing heavy: gunicorn's master loads it before the app exists.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Mapping
from typing import Any

REQUEST_ID_HEADER = "X-Request-Id"
_SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")
_BARE = re.compile(r"[^\s\"=\\]+")

# gunicorn access line fields (after time, level, pid, request_id and logger, which the formatter writes).
# Quoted values have their quotes escaped by gunicorn; the others cannot contain spaces.
ACCESS_LOG_FORMAT = ('method=%(m)s path="%(U)s" query="%(q)s" status=%(s)s bytes=%(B)s duration_s=%(L)s '
                     'client=%({x-real-ip}i)s remote="%(h)s" referer="%(f)s" user_agent="%(a)s"')


def new_request_id() -> str:
    return uuid.uuid4().hex


def sane_request_id(value: str | None) -> str | None:
    """``value`` when it is a usable request id (safe to log and echo), else None."""
    if value and _SANE_ID.fullmatch(value):
        return value
    return None


def current_request_id() -> str:
    """The id of the request being handled (made on first use), or ``-`` outside a request."""
    try:
        from flask import g, has_request_context, request
    except ImportError:                         # pragma: no cover - flask is a runtime dependency
        return "-"
    if not has_request_context():
        return "-"
    rid = g.get("request_id")
    if rid is None:
        rid = sane_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()
        g.request_id = rid
    return rid


def install(server: Any) -> None:
    """Give every request an id and echo it in ``X-Request-Id`` (the first before_request hook)."""
    def assign() -> None:
        current_request_id()

    def echo(response):
        response.headers[REQUEST_ID_HEADER] = current_request_id()
        return response

    server.before_request_funcs.setdefault(None, []).insert(0, assign)
    server.after_request(echo)


# ------------------------------------------------------------------------------------------------ formatting
class RequestIdFilter(logging.Filter):
    """Adds ``record.request_id``: the current request's, or for gunicorn's access lines the one in the
    response's ``X-Request-Id`` header (the access line is written after the request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            rid = None
            if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
                rid = record.args.get(f"{{{REQUEST_ID_HEADER.lower()}}}o")
            record.request_id = rid or current_request_id()
        return True


def quote(value: Any) -> str:
    """A logfmt value: bare when it can be, else in double quotes with ``"``, ``\\`` and newlines escaped."""
    text = str(value)
    if text and _BARE.fullmatch(text):
        return text
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{escaped}"'


class LogfmtFormatter(logging.Formatter):
    """``time= level= pid= request_id= logger=`` then the message: as is for gunicorn's access lines (already
    ``key=value``), else ``msg="..."``; then any ``fields`` passed in ``extra``, ``error=`` and ``traceback=``."""

    def format(self, record: logging.LogRecord) -> str:
        stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
        rid = getattr(record, "request_id", None) or current_request_id()
        parts = [f"time={stamp}.{int(record.msecs):03d}Z", f"level={record.levelname.lower()}",
                 f"pid={record.process}", f"request_id={quote(rid)}", f"logger={quote(record.name)}"]
        message = record.getMessage()
        parts.append(message if record.name == "gunicorn.access" else f"msg={quote(message)}")
        fields = getattr(record, "fields", None)
        if isinstance(fields, Mapping):
            parts.extend(f"{key}={quote(value)}" for key, value in fields.items())
        if record.exc_info and record.exc_info[1] is not None:
            exc = record.exc_info[1]
            parts.append(f"error={quote(f'{type(exc).__name__}: {exc}'[:500])}")
            parts.append(f"traceback={quote(self.formatException(record.exc_info))}")
        elif record.exc_text:
            parts.append(f"traceback={quote(record.exc_text)}")
        if record.stack_info:
            parts.append(f"stack={quote(record.stack_info)}")
        return " ".join(parts)


def gunicorn_logconfig(level: str = "info") -> dict[str, Any]:
    """``logconfig_dict`` for gunicorn: error lines to stderr, access lines to stdout, both logfmt; everything the
    app logs (root logger) goes with the error lines."""
    level = level.upper()
    handler = {"formatter": "logfmt", "filters": ["request_id"], "class": "logging.StreamHandler"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_id": {"()": "dashboard.web.logs.RequestIdFilter"}},
        "formatters": {"logfmt": {"()": "dashboard.web.logs.LogfmtFormatter"}},
        "handlers": {
            "error_console": {**handler, "stream": "ext://sys.stderr"},
            "access_console": {**handler, "stream": "ext://sys.stdout"},
        },
        "root": {"level": level, "handlers": ["error_console"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["error_console"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["access_console"], "propagate": False},
        },
    }


def configure(level: str = "info") -> None:
    """The same logging outside gunicorn (``python -m dashboard``, tests that want it)."""
    import logging.config
    logging.config.dictConfig(gunicorn_logconfig(level))
    logging.captureWarnings(True)
