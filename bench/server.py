"""Start and stop a gunicorn server on a free loopback port (for the benchmark and tests)."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent


def _malloc_defaults() -> dict[str, str]:
    """The allocator environment ``deploy/web.py`` gives gunicorn (read from it, so the two cannot drift)."""
    import runpy
    return dict(runpy.run_path(str(ROOT / "deploy" / "web.py"), run_name="deploy_web")["MALLOC_DEFAULTS"])


MALLOC_DEFAULTS = _malloc_defaults()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(port: int, path: str, headers: dict | None = None, timeout: float = 10.0):
    """(status, headers, body) of a GET to 127.0.0.1:port."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@dataclass
class Gunicorn:
    """A gunicorn master with ``workers`` workers serving ``dashboard.app:server`` on 127.0.0.1."""

    store_dir: Path | None = None
    workers: int = 2
    threads: int = 2
    port: int = 0
    log_path: Path | None = None
    extra_env: dict = field(default_factory=dict)
    app: str = "dashboard.app:server"          # the WSGI app gunicorn serves (module:attribute)
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    ready_after: float | None = None

    def start(self) -> "Gunicorn":
        self.port = self.port or free_port()
        env = {**MALLOC_DEFAULTS, **os.environ}           # the allocator settings of the Procfile's web process
        env.update({"PORT": str(self.port), "WEB_CONCURRENCY": str(self.workers),
                    "GUNICORN_THREADS": str(self.threads), "PYTHONUNBUFFERED": "1"})
        if self.store_dir:
            env["STORE_DIR"] = str(self.store_dir)
        env.update(self.extra_env)
        log = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL
        cmd = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"),
               "--bind", f"127.0.0.1:{self.port}", self.app]
        self.started_at = time.perf_counter()
        self.process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        if self.log_path:
            log.close()
        return self

    def wait_ready(self, timeout: float = 60.0, path: str = "/healthz") -> float:
        """Seconds from start until ``path`` answered 200."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}: {self.tail_log()}")
            try:
                status, _, _ = http_get(self.port, path, timeout=5)
                if status == 200:
                    self.ready_after = time.perf_counter() - self.started_at
                    return self.ready_after
            except OSError:
                pass
            time.sleep(0.05)
        raise TimeoutError(f"gunicorn not ready after {timeout}s: {self.tail_log()}")

    def health(self) -> dict:
        return json.loads(http_get(self.port, "/healthz")[2])

    def worker_processes(self) -> list[psutil.Process]:
        if not self.process:
            return []
        try:
            return psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for proc in self.worker_processes():
            try:
                sizes.append(proc.memory_info().rss / 1e6)
            except psutil.NoSuchProcess:
                pass
        return sizes

    def tail_log(self, chars: int = 3000) -> str:
        if self.log_path and Path(self.log_path).exists():
            return Path(self.log_path).read_text(errors="replace")[-chars:]
        return ""

    def stop(self, timeout: float = 15.0) -> None:
        proc = self.process
        if not proc or proc.poll() is not None:
            return
        proc.send_signal(signal.SIGTERM)        # graceful: master stops its workers
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            for child in self.worker_processes():
                child.kill()
            proc.kill()
            proc.wait(timeout=5)

    def __enter__(self) -> "Gunicorn":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
