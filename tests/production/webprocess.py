"""The web process exactly as the Procfile starts it (nginx in front of gunicorn), on a free loopback port."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"^time=(\S+) level=(\w+) pid=(\S+) request_id=(\S+) logger=(\S+)( .*)?$")


def procfile_command() -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return line[len("web:"):].strip()
    raise AssertionError("no web process in the Procfile")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port: int, method: str, path: str, headers: dict | None = None, body: bytes | None = None,
            timeout: float = 30.0) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


def raw(port: int, data: bytes, timeout: float = 15.0) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are; (status, headers, body) of the first final response (read to its Content-Length,
    or until the server closes).  The sending side stays open: nginx drops a request whose client hung up."""
    buf = b""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        while True:
            head, sep, body = buf.partition(b"\r\n\r\n")
            if sep and head.startswith(b"HTTP/1.1 100"):
                buf = body
                continue
            if sep:
                lines = head.decode("latin-1").split("\r\n")
                headers = dict(line.split(": ", 1) for line in lines[1:] if ": " in line)
                length = headers.get("Content-Length")
                if length is not None and len(body) >= int(length):
                    return int(lines[0].split()[1]), headers, body[:int(length)]
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                chunk = b""
            if not chunk:
                if not sep:
                    raise ConnectionError(f"no response: {buf[:200]!r}")
                return int(lines[0].split()[1]), headers, body
            buf += chunk


@dataclass
class WebProcess:
    """``bash -c '<the Procfile's web command>'`` with PORT, HOST=127.0.0.1 and STORE_DIR set, as a platform runs it."""

    store_dir: Path
    log_dir: Path
    workers: int | None = None                 # None: the Procfile's default (2 x cores + 1, at most 8)
    extra_env: dict = field(default_factory=dict)
    port: int = 0
    process: subprocess.Popen | None = None

    def start(self) -> "WebProcess":
        self.port = self.port or free_port()
        env = {k: v for k, v in os.environ.items() if k not in ("WEB_CONCURRENCY", "GUNICORN_THREADS")}
        env.update({"PORT": str(self.port), "HOST": "127.0.0.1", "STORE_DIR": str(self.store_dir),
                    "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}", "PYTHONUNBUFFERED": "1"})
        if self.workers:
            env["WEB_CONCURRENCY"] = str(self.workers)
        env.update(self.extra_env)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log_dir / "stdout.log", "ab") as out, open(self.log_dir / "stderr.log", "ab") as err:
            self.process = subprocess.Popen(["bash", "-c", procfile_command()], cwd=ROOT, env=env, stdout=out,
                                            stderr=err, start_new_session=True)
        return self

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the web process exited with {self.process.returncode}: {self.tail()}")
            try:
                if request(self.port, "GET", "/healthz", timeout=5)[0] == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"not ready after {timeout}s: {self.tail()}")

    def warm(self, timeout: float = 60.0) -> set[str]:
        """Best effort: bursts of concurrent /healthz until every gunicorn worker has answered one (each loads the
        store on its first request; nginx reuses kept-alive connections, so single requests reach few workers).
        Returns the pids seen."""
        from concurrent.futures import ThreadPoolExecutor
        expected = len(self.gunicorn_workers())
        deadline = time.monotonic() + timeout
        seen: set[str] = set()
        with ThreadPoolExecutor(16) as pool:
            while time.monotonic() < deadline and len(seen) < expected:
                list(pool.map(lambda _: request(self.port, "GET", "/healthz", timeout=30), range(32)))
                seen = {f["pid"] for f in self.access_lines() if f.get("path") == '"/healthz"'}
        return seen

    def health(self) -> dict:
        return json.loads(request(self.port, "GET", "/healthz")[2])

    def processes(self) -> list[psutil.Process]:
        if not self.process:
            return []
        try:
            return psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def gunicorn_workers(self) -> list[psutil.Process]:
        procs = [p for p in self.processes() if "gunicorn" in " ".join(p.cmdline())]
        pids = {p.pid for p in procs}
        return [p for p in procs if p.ppid() in pids]            # children of the gunicorn master

    def lines(self) -> list[str]:
        out = []
        for name in ("stdout.log", "stderr.log"):
            path = self.log_dir / name
            if path.exists():
                out.extend(line for line in path.read_text(errors="replace").splitlines() if line.strip())
        return out

    def access_lines(self) -> list[dict[str, str]]:
        return [fields(line) for line in self.lines() if " logger=gunicorn.access " in line
                or " logger=nginx.access " in line]

    def wait_for_lines(self, predicate, timeout: float = 10.0) -> list[str]:
        """The log lines once ``predicate(lines)`` holds (a line can follow its response by a moment)."""
        deadline = time.monotonic() + timeout
        while True:
            lines = self.lines()
            if predicate(lines) or time.monotonic() > deadline:
                return lines
            time.sleep(0.05)

    def tail(self, chars: int = 3000) -> str:
        return "\n".join(self.lines())[-chars:]

    def stop(self, timeout: float = 60.0) -> int | None:
        proc = self.process
        if not proc or proc.poll() is not None:
            return proc.returncode if proc else None
        proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            for child in self.processes():
                child.kill()
            proc.kill()
            proc.wait(timeout=5)
            return None

    def __enter__(self) -> "WebProcess":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def fields(line: str) -> dict[str, str]:
    """key=value pairs of a logfmt line (quoted values keep their quotes)."""
    return dict(re.findall(r'(\w+)=("(?:[^"\\]|\\.)*"|\S*)', line))
