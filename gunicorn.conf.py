"""Gunicorn settings for production.  The Procfile runs ``python deploy/web.py``, which starts gunicorn with this
file on a private unix socket (``GUNICORN_BIND``) behind nginx (deploy/nginx.conf); ``gunicorn -c gunicorn.conf.py
dashboard.app:server`` alone serves ``$PORT`` directly (development, the benchmark), without protection against
slow clients.

Every value can be overridden by an environment variable, as a platform would set it:
PORT, GUNICORN_BIND, WEB_CONCURRENCY (workers), GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS,
FORWARDED_ALLOW_IPS, LOG_LEVEL.  The store loads lazily, once per worker, on its first request
(``preload_app = False``): a worker never shares pandas frames with another, and a broken store
makes /healthz answer 503 instead of keeping the server from starting.
"""

import multiprocessing
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from dashboard.web.logs import ACCESS_LOG_FORMAT, gunicorn_logconfig  # noqa: E402  (light: logging only)


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{_int('PORT', 8050)}"

# 2 x cores + 1, at most 8: each worker holds its own copy of the store (~300 MB RSS with its imports).
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
worker_class = "gthread"                  # requests arrive complete from nginx; threads only run the app
threads = _int("GUNICORN_THREADS", 4)     # heavy need-index work may take at most half of them (limits.py)
os.environ.setdefault("GUNICORN_THREADS", str(threads))
preload_app = False

timeout = _int("GUNICORN_TIMEOUT", 60)    # a callback that runs longer than this is a bug
graceful_timeout = 30
keepalive = 5

max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)   # recycle workers: bounds slow memory growth
max_requests_jitter = max(1, max_requests // 10)     # ... without all restarting at once

limit_request_line = 8190                 # gunicorn's maximum; nginx refuses longer lines first (414)
limit_request_fields = 100                # more headers: gunicorn's 431, which nginx gives its headers
limit_request_field_size = 8190

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")   # unix-socket peers (nginx) always count
control_socket_disable = True             # several servers on one machine must not share a socket
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

loglevel = os.environ.get("LOG_LEVEL", "info")
accesslog = "-"
errorlog = "-"
access_log_format = ACCESS_LOG_FORMAT
logconfig_dict = gunicorn_logconfig(loglevel)


def on_starting(server):
    """In the master, before any worker: repair what a killed build left, and make the heavy-work slots."""
    import logging
    logging.captureWarnings(True)
    try:
        from dashboard.data.store import store_dir
        from etl.store import recover
        for done in recover(store_dir(), blocking=False):
            server.log.warning("store repaired at start: %s", done)
    except Exception as exc:                  # noqa: BLE001 - the workers try again and report in /healthz
        server.log.error("store repair at start failed: %s: %s", type(exc).__name__, exc)
    if not os.environ.get("HEAVY_SLOTS_DIR"):
        os.environ["HEAVY_SLOTS_DIR"] = tempfile.mkdtemp(prefix="jongeren-heavy-")
        os.environ["HEAVY_SLOTS_DIR_OWNED"] = "1"


def post_worker_init(worker):
    """Before a worker takes requests, Dash's first-request setup runs in one thread (dashboard.app.finish_setup)."""
    try:
        from dashboard.app import finish_setup
        finish_setup(worker.wsgi)
    except Exception as exc:                  # noqa: BLE001 - the first real request sets Dash up instead
        worker.log.error("worker warm-up failed: %s: %s", type(exc).__name__, exc)


def on_exit(server):
    if os.environ.get("HEAVY_SLOTS_DIR_OWNED"):
        shutil.rmtree(os.environ.get("HEAVY_SLOTS_DIR", ""), ignore_errors=True)
