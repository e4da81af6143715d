"""Gunicorn settings for production (``Procfile``: ``gunicorn -c gunicorn.conf.py dashboard.app:server``).

Every value can be overridden by an environment variable, as a platform would set it:
PORT, WEB_CONCURRENCY (workers), GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_MAX_REQUESTS,
FORWARDED_ALLOW_IPS, LOG_LEVEL.  The store loads lazily, once per worker, on its first request
(``preload_app = False``): a worker never shares pandas frames with another, and a broken store
makes /healthz answer 503 instead of keeping the server from starting.
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


bind = f"0.0.0.0:{_int('PORT', 8050)}"

# 2 x cores + 1, at most 8: each worker holds its own copy of the store (~100-200 MB RSS).
workers = _int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
worker_class = "gthread"                  # a second thread serves static files while a callback computes
threads = _int("GUNICORN_THREADS", 2)
preload_app = False

timeout = _int("GUNICORN_TIMEOUT", 60)    # a callback that runs longer than this is a bug
graceful_timeout = 30
keepalive = 5

max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)   # recycle workers: bounds slow memory growth
max_requests_jitter = max(1, max_requests // 10)     # ... without all restarting at once

limit_request_line = 8190                 # gunicorn's defaults, stated: longer URLs get 414
limit_request_fields = 100
limit_request_field_size = 8190

forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
control_socket_disable = True             # several servers on one machine must not share a socket
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
access_log_format = '%(h)s "%(r)s" %(s)s %(B)sB %(M)sms "%(f)s" "%(a)s" pid=%(p)s'
