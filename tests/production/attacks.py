"""Bounded loopback attacks on a running web process, with a /healthz probe measured while each one runs.

    python tests/production/attacks.py --port 8050            # against a server you started (loopback only)
    python tests/production/attacks.py --start [--proxy none]  # start the Procfile's web process on the built store

Attacks (each for ``--seconds``, default 10, after a 2 s ramp):
  slow-headers  40 connections that send a request line and then one header line per second, never finishing
  slow-bodies   20 callback POSTs announcing 1 MB and sending 10 bytes per second
  heavy         6 clients asking, one after the other, for the most expensive uncached need index
                (gemeente, 5,000 draws, a new seed each time)
The probe opens a new connection for ``GET /healthz`` every 0.1 s, as a platform's health check does; a probe
that gets no answer within 20 s counts as 20 s.  Used by tests/production/test_load.py.
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import sys
import threading
import time
from dataclasses import dataclass, field

PROBE_TIMEOUT = 20.0
HEAVY_PATH = "/api/v1/need-index.csv?level=gemeente&draws=5000&seed={seed}"


@dataclass
class Figures:
    attack: str
    probe_seconds: list[float] = field(default_factory=list)
    probe_failures: int = 0
    other: dict[str, list[float]] = field(default_factory=dict)
    statuses: dict[int, int] = field(default_factory=dict)
    open_connections: int = 0

    def p95(self, values: list[float] | None = None) -> float:
        values = sorted(self.probe_seconds if values is None else values)
        if not values:
            return float("inf")
        return values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]

    def line(self) -> str:
        text = (f"{self.attack:13} /healthz p95 {self.p95():.3f} s, max {max(self.probe_seconds, default=0):.3f} s, "
                f"{len(self.probe_seconds)} probes, {self.probe_failures} failed")
        for path, values in self.other.items():
            text += f"; {path} p95 {self.p95(values):.3f} s"
        if self.statuses:
            text += f"; attack answers {dict(sorted(self.statuses.items()))}"
        if self.open_connections:
            text += f"; {self.open_connections} attack connections open at the end"
        return text


def timed_get(port: int, path: str, timeout: float = PROBE_TIMEOUT) -> tuple[float, int | None]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return time.perf_counter() - start, response.status
    except OSError:
        return max(time.perf_counter() - start, timeout), None
    finally:
        conn.close()


class _Attack:
    def __init__(self, port: int, count: int) -> None:
        self.port, self.count = port, count
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []
        self.lock = threading.Lock()
        self.statuses: dict[int, int] = {}
        self.sockets: set[socket.socket] = set()

    def start(self) -> None:
        for index in range(self.count):
            thread = threading.Thread(target=self.loop, args=(index,), daemon=True)
            thread.start()
            self.threads.append(thread)

    def loop(self, index: int) -> None:
        while not self.stop.is_set():
            try:
                self.once(index)
            except OSError:
                self.stop.wait(0.2)

    def once(self, index: int) -> None:
        raise NotImplementedError

    def open(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        with self.lock:
            self.sockets.add(sock)
        return sock

    def close(self, sock: socket.socket) -> None:
        with self.lock:
            self.sockets.discard(sock)
        sock.close()

    def drip(self, sock: socket.socket, pieces) -> None:
        """Send one piece per second until told to stop or the server hangs up."""
        try:
            for piece in pieces:
                if self.stop.wait(1.0):
                    return
                sock.sendall(piece)
        finally:
            self.close(sock)

    def open_count(self) -> int:
        with self.lock:
            return len(self.sockets)

    def end(self) -> None:
        self.stop.set()
        with self.lock:
            for sock in list(self.sockets):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        for thread in self.threads:
            thread.join(timeout=70)


class SlowHeaders(_Attack):
    name = "slow-headers"

    def once(self, index: int) -> None:
        sock = self.open()
        sock.sendall(b"GET / HTTP/1.1\r\nHost: attack\r\n")
        self.drip(sock, (b"X-Slow-%d: %d\r\n" % (index, n) for n in range(10**6)))


class SlowBodies(_Attack):
    name = "slow-bodies"

    def once(self, index: int) -> None:
        sock = self.open()
        sock.sendall(b"POST /_dash-update-component HTTP/1.1\r\nHost: attack\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000000\r\n\r\n")
        self.drip(sock, (b'{"a": "xxxx' if n == 0 else b"xxxxxxxxxx" for n in range(10**5)))


class Heavy(_Attack):
    name = "heavy"

    def once(self, index: int) -> None:
        _, status = timed_get(self.port, HEAVY_PATH.format(seed=random.randrange(2**32)), timeout=90)
        with self.lock:
            self.statuses[status or 0] = self.statuses.get(status or 0, 0) + 1


ATTACKS = {"slow-headers": (SlowHeaders, 40), "slow-bodies": (SlowBodies, 20), "heavy": (Heavy, 6)}


def run_attack(port: int, name: str, seconds: float = 10.0, ramp: float = 2.0, also: tuple[str, ...] = ()) -> Figures:
    """Run one attack, probing /healthz (and ``also`` paths) every 0.1 s while it runs."""
    cls, count = ATTACKS[name]
    attack = cls(port, count)
    figures = Figures(name, other={path: [] for path in also})
    attack.start()
    try:
        time.sleep(ramp)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            started = time.monotonic()
            elapsed, status = timed_get(port, "/healthz")
            figures.probe_seconds.append(elapsed)
            figures.probe_failures += status != 200
            for path in also:
                figures.other[path].append(timed_get(port, path)[0])
            time.sleep(max(0.0, 0.1 - (time.monotonic() - started)))
        figures.open_connections = attack.open_count()
    finally:
        attack.end()
    figures.statuses = dict(attack.statuses)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, help="a running server on 127.0.0.1")
    parser.add_argument("--start", action="store_true", help="start the Procfile's web process (data/store)")
    parser.add_argument("--proxy", default="nginx", choices=("nginx", "none"), help="with --start: WEB_PROXY")
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--attack", action="append", choices=sorted(ATTACKS), help="default: all three")
    args = parser.parse_args(argv)
    web = None
    if args.start:
        import tempfile
        from pathlib import Path

        from webprocess import ROOT, WebProcess
        web = WebProcess(store_dir=ROOT / "data" / "store", log_dir=Path(tempfile.mkdtemp(prefix="attacks-")),
                         extra_env={"WEB_PROXY": args.proxy}).start()
        web.wait_ready()
        web.warm()
        port = web.port
        print(f"web process ({'nginx + gunicorn' if args.proxy == 'nginx' else 'gunicorn alone'}) on {port}, "
              f"{len(web.gunicorn_workers())} workers; logs in {web.log_dir}")
    elif args.port:
        port = args.port
    else:
        parser.error("--port or --start")
    try:
        for name in args.attack or ["slow-headers", "slow-bodies", "heavy"]:
            print(run_attack(port, name, args.seconds, also=("/api/v1/regions",)).line(), flush=True)
    finally:
        if web is not None:
            web.stop()
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent))
    sys.exit(main())
