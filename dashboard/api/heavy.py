"""A gate for heavy computations, so that one kind of request cannot take every thread and core.

An uncached need index at gemeente level with 5,000 draws takes 1-3 s of CPU and ~250 MB of transient memory.
:func:`heavy_work` admits at most ``HEAVY_PER_PROCESS`` such requests per worker process (default: half its
threads, at least 1: the other threads stay free for cheap requests), runs one at a time per process, and at
most ``HEAVY_SLOTS`` at a time on the machine (default: cores - 1, at least 1; one ``flock``-ed slot file each in
``$HEAVY_SLOTS_DIR``, which gunicorn.conf.py makes per server; without it the limit is per process).  A request
that cannot get in, or waits longer than ``HEAVY_WAIT`` seconds (default 10), gets :class:`Busy` (the API answers
503 with ``Retry-After``).  A slot is a file lock, so a killed worker cannot leak it.

    with heavy_work().slot():
        table = need_table(view, query)
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import threading
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

POLL_SECONDS = 0.02


class Busy(Exception):
    """No capacity for another heavy computation now; try again after ``retry_after`` seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class HeavyWork:
    """A gate for CPU- and memory-heavy work: per process (admission, then one at a time) and per machine."""

    def __init__(self, per_process: int = 1, slots: int = 1, wait: float = 10.0, slots_dir: Path | None = None) -> None:
        self.per_process = max(1, per_process)
        self.slots = max(1, slots)
        self.wait = max(0.0, wait)
        self.slots_dir = Path(slots_dir) if slots_dir else None
        self._admitted = threading.BoundedSemaphore(self.per_process)
        self._running = threading.Lock()
        self.retry_after = max(1, int(round(self.wait / 2)))

    @contextlib.contextmanager
    def slot(self) -> Iterator[None]:
        """Hold one heavy-work slot while the block runs; raises :class:`Busy` when none comes free in time."""
        if not self._admitted.acquire(blocking=False):
            raise Busy("too many heavy requests in this worker", self.retry_after)
        try:
            deadline = time.monotonic() + self.wait
            if not self._running.acquire(timeout=self.wait):
                raise Busy("waited too long for a heavy-work slot", self.retry_after)
            try:
                fd = self._machine_slot(deadline)
                try:
                    yield
                finally:
                    if fd is not None:
                        os.close(fd)            # releases the flock
            finally:
                self._running.release()
        finally:
            self._admitted.release()

    def _machine_slot(self, deadline: float) -> int | None:
        if self.slots_dir is None:
            return None
        while True:
            for index in range(self.slots):
                fd = os.open(self.slots_dir / f"slot-{index}", os.O_RDWR | os.O_CREAT, 0o600)
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    return fd
                except OSError as exc:
                    os.close(fd)
                    if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                        raise
            if time.monotonic() >= deadline:
                raise Busy("waited too long for a heavy-work slot", self.retry_after)
            time.sleep(POLL_SECONDS)


def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


@lru_cache(maxsize=1)
def heavy_work() -> HeavyWork:
    """This process's gate, configured from the environment (made on first use, i.e. in the worker)."""
    threads = _env_int("GUNICORN_THREADS", 4)
    slots_dir = os.environ.get("HEAVY_SLOTS_DIR") or None
    if slots_dir and not os.path.isdir(slots_dir):
        slots_dir = None
    try:
        wait = float(os.environ.get("HEAVY_WAIT", 10))
    except ValueError:
        wait = 10.0
    return HeavyWork(per_process=_env_int("HEAVY_PER_PROCESS", max(1, threads // 2)),
                     slots=_env_int("HEAVY_SLOTS", max(1, (os.cpu_count() or 2) - 1)),
                     wait=wait, slots_dir=Path(slots_dir) if slots_dir else None)
