"""The production web process (``Procfile``: ``web: python deploy/web.py``): nginx in front of gunicorn.

* gunicorn (gunicorn.conf.py: gthread workers) serves the app on a unix socket in a private runtime folder;
* nginx (deploy/nginx.conf.template) listens on ``$HOST:$PORT``, reads every request completely before passing it
  on and takes every response at once, so slow clients cost nginx a connection, not a gunicorn thread; it applies
  the body limit, the client timeouts and the security headers on its own answers and gunicorn's error pages;
* this process starts both, passes SIGTERM/SIGINT on (nginx stops gracefully, gunicorn finishes its requests),
  stops the other when one dies and exits non-zero, so the platform restarts the whole web process.

Environment (all optional): ``PORT`` (8050), ``HOST`` (0.0.0.0), ``WEB_CONCURRENCY``, ``GUNICORN_THREADS``,
``MAX_CONTENT_LENGTH`` (bytes, 2 MiB), ``CLIENT_TIMEOUT`` (seconds for a client to send its headers, and between
two reads of its body; 10), ``FORWARDED_ALLOW_IPS`` (comma-separated addresses/networks of the proxies or
router in front whose ``X-Forwarded-Proto: https`` is believed, or ``*``; default 127.0.0.1), ``NGINX`` (the
binary; default: ``nginx`` on PATH, else /usr/sbin/nginx), ``WEB_RUNTIME_DIR`` (where the socket, nginx.conf and
nginx's buffers go; default a new temp folder, removed at exit), ``WEB_PROXY=none`` (run gunicorn alone on
``$PORT``: only behind a proxy that already buffers requests and applies these limits).

Every line it writes is logfmt like the app's (dashboard.web.logs); nginx's own error lines are rewritten so.
"""

from __future__ import annotations

import ipaddress
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dashboard.web.logs import quote  # noqa: E402  (light: logging only)

TEMPLATE = Path(__file__).resolve().parent / "nginx.conf.template"
STARTUP_SECONDS = 120
_NGINX_LINE = re.compile(r"^(\d{4})/(\d\d)/(\d\d) (\d\d:\d\d:\d\d) \[(\w+)\] (\d+)#\d+: (?:\*\d+ )?(.*)$")


def log(level: str, message: str, **fields: object) -> None:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
    extra = "".join(f" {key}={quote(value)}" for key, value in fields.items())
    print(f"time={stamp}.000Z level={level} pid={os.getpid()} request_id=- logger=deploy.web msg={quote(message)}"
          f"{extra}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------- configuration
def _env_int(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def max_body() -> int:
    value = _env_int("MAX_CONTENT_LENGTH", 2 * 1024 * 1024)
    return value if value > 0 else 2 * 1024 * 1024


def trusted_proxies(text: str) -> tuple[str, list[str]]:
    """(geo default, geo lines) for FORWARDED_ALLOW_IPS: ``*`` trusts every peer; bad entries are skipped."""
    entries = [e.strip() for e in text.split(",") if e.strip()]
    if "*" in entries:
        return "1", []
    lines = []
    for entry in entries:
        try:
            network = ipaddress.ip_network(entry, strict=False)
        except ValueError:
            log("warning", "FORWARDED_ALLOW_IPS: not an address or network, ignored", entry=entry)
            continue
        lines.append(f"        {network.with_prefixlen} 1;")
    return "0", lines


def header_blocks() -> tuple[str, str]:
    """nginx ``map`` blocks and ``add_header`` lines: the app's security headers pass through unchanged; nginx's
    and gunicorn's own pages get the same policy (taken from dashboard.web.headers, the one definition)."""
    from dashboard.web.headers import HSTS, PERMISSIONS_POLICY, content_security_policy
    frame_none = (os.environ.get("CSP_FRAME_ANCESTORS", "").strip() or "'none'") == "'none'"
    defaults = {
        "Content-Security-Policy": content_security_policy(()),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Permissions-Policy": PERMISSIONS_POLICY,
        "X-Frame-Options": "DENY" if frame_none else "",
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
        "Cache-Control": "no-store",
    }
    maps, adds = [], []
    for name, default in defaults.items():
        var = "h_" + name.lower().replace("-", "_")
        upstream = "$upstream_http_" + name.lower().replace("-", "_")
        maps.append(f'    map "$from_app|{upstream}" ${var} {{\n'
                    f'        "~^0\\|" "{_nginx_string(default)}";\n'
                    f'        "~^1\\|(?<value>.*)$" $value;\n'
                    f'    }}')
        adds.append(f"            proxy_hide_header {name};\n            add_header {name} ${var} always;")
    maps.append('    map "$from_app|$forwarded_proto|$upstream_http_strict_transport_security" $h_hsts {\n'
                f'        "~^0\\|https\\|" "{HSTS}";\n'
                '        "~^1\\|[^|]*\\|(?<value>.*)$" $value;\n'
                '        default "";\n'
                '    }')
    adds.append("            proxy_hide_header Strict-Transport-Security;\n"
                "            add_header Strict-Transport-Security $h_hsts always;")
    return "\n".join(maps), "\n".join(adds)


def _nginx_string(value: str) -> str:
    if "$" in value or '"' in value or "\\" in value:
        raise ValueError(f"a header default nginx cannot hold as a plain string: {value!r}")
    return value


def render_nginx_conf(runtime: Path, socket: Path, listen: str) -> str:
    trust_default, trusted = trusted_proxies(os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))
    maps, adds = header_blocks()
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {"RUNTIME": str(runtime), "SOCKET": str(socket), "LISTEN": listen,
                       "MAX_BODY": str(max_body()), "CLIENT_TIMEOUT": str(max(1, _env_int("CLIENT_TIMEOUT", 10))),
                       "TRUST_DEFAULT": trust_default, "TRUSTED": "\n".join(trusted),
                       "HEADER_MAPS": maps, "HEADER_ADDS": adds}.items():
        text = text.replace(f"@{key}@", value)
    return text


def nginx_binary() -> str:
    configured = os.environ.get("NGINX")
    found = configured or shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if not found:
        raise SystemExit("deploy/web.py: nginx not found; install it (Debian: apt-get install nginx) or set NGINX=/path "
                         "(or WEB_PROXY=none behind a proxy that buffers requests)")
    return found


# --------------------------------------------------------------------------------------------- processes
def forward_nginx_errors(stream) -> None:
    """nginx's error lines (``2026/11/29 05:16:05 [crit] 12#12: message``) as logfmt on our stderr."""
    for raw in iter(stream.readline, b""):
        line = raw.decode("utf-8", "replace").rstrip("\n")
        match = _NGINX_LINE.match(line)
        if match:
            y, mo, d, hms, level, pid, message = match.groups()
            level = {"warn": "warning", "crit": "critical", "emerg": "critical", "alert": "critical"}.get(level, level)
            print(f"time={y}-{mo}-{d}T{hms}.000Z level={level} pid={pid} request_id=- logger=nginx.error "
                  f"msg={quote(message)}", file=sys.stderr, flush=True)
        elif line.strip():
            print(f"time={time.strftime('%Y-%m-%dT%H:%M:%S', time.gmtime())}.000Z level=error pid=- request_id=- "
                  f"logger=nginx.error msg={quote(line)}", file=sys.stderr, flush=True)


def _die_with_parent() -> None:
    """In a child, before exec: SIGTERM when this launcher dies, even by SIGKILL (Linux; best effort)."""
    try:
        import ctypes
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)      # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass



# glibc raises its mmap threshold each time a large block is freed, after which the need index's large arrays
# (a gemeente index with 5,000 draws: ~200 MB transient) come from the heap and stay with the worker. A fixed
# threshold keeps them mmapped, so they go back to the system when freed: after the heavy attack of
# tests/production/test_load.py the largest worker stayed at 227-246 MB with it, 352-613 MB without.
# Arrow (pandas' strings) allocates from mimalloc by default, which keeps what pandas' string operations freed: a
# worker that has loaded the store and set up was 308 MB RSS with it, 266 MB with the system allocator.
MALLOC_DEFAULTS = {"MALLOC_MMAP_THRESHOLD_": "131072", "ARROW_DEFAULT_MEMORY_POOL": "system"}


def gunicorn_env(environ: Mapping[str, str], extra: Mapping[str, str]) -> dict[str, str]:
    """gunicorn's environment: ours, the malloc defaults unless the operator set them, and ``extra``."""
    return {**MALLOC_DEFAULTS, **environ, **extra}

class Web:
    def __init__(self) -> None:
        self.gunicorn: subprocess.Popen | None = None
        self.nginx: subprocess.Popen | None = None
        self.stopping = False
        self.runtime: Path | None = None
        self.owned_runtime = False

    def stop(self, signum=None, frame=None) -> None:
        if not self.stopping:
            log("info", "stopping", signal=signal.Signals(signum).name if signum else "-")
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        if os.environ.get("WEB_PROXY", "nginx").lower() == "none":
            return self._run_gunicorn_alone()
        nginx = nginx_binary()
        configured = os.environ.get("WEB_RUNTIME_DIR")
        self.runtime = Path(configured) if configured else Path(tempfile.mkdtemp(prefix="jongeren-web-"))
        self.owned_runtime = not configured
        self.runtime.mkdir(parents=True, exist_ok=True)
        os.chmod(self.runtime, 0o711)             # nginx's workers (nobody, when started as root) reach the socket
        socket = self.runtime / "gunicorn.sock"
        socket.unlink(missing_ok=True)
        try:
            self.gunicorn = self._start_gunicorn({"GUNICORN_BIND": f"unix:{socket}"})
            if not self._wait_for(lambda: socket.exists(), self.gunicorn):
                return self._shutdown(1, "gunicorn did not open its socket")
            listen = f"{os.environ.get('HOST') or '0.0.0.0'}:{_env_int('PORT', 8050)}"
            conf = self.runtime / "nginx.conf"
            conf.write_text(render_nginx_conf(self.runtime, socket, listen), encoding="utf-8")
            env = {**os.environ, "TZ": "UTC"}
            self.nginx = subprocess.Popen([nginx, "-p", str(self.runtime), "-c", str(conf), "-e", "stderr"],
                                          env=env, stderr=subprocess.PIPE, start_new_session=True,
                                          preexec_fn=_die_with_parent)
            threading.Thread(target=forward_nginx_errors, args=(self.nginx.stderr,), daemon=True).start()
            log("info", "serving", listen=listen, nginx=nginx, gunicorn=f"unix:{socket}")
            return self._supervise()
        finally:
            self._cleanup()

    def _run_gunicorn_alone(self) -> int:
        log("warning", "WEB_PROXY=none: gunicorn serves $PORT directly, without protection against slow clients")
        self.gunicorn = self._start_gunicorn({})
        try:
            return self._supervise()
        finally:
            self._cleanup()

    def _start_gunicorn(self, extra: dict[str, str]) -> subprocess.Popen:
        cmd = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), "dashboard.app:server"]
        return subprocess.Popen(cmd, cwd=ROOT, env=gunicorn_env(os.environ, extra), start_new_session=True,
                                preexec_fn=_die_with_parent)

    def _wait_for(self, ready, proc: subprocess.Popen) -> bool:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline and not self.stopping:
            if ready():
                return True
            if proc.poll() is not None:
                return False
            time.sleep(0.05)
        return False

    def _supervise(self) -> int:
        while not self.stopping:
            for name, proc in (("gunicorn", self.gunicorn), ("nginx", self.nginx)):
                if proc is not None and proc.poll() is not None:
                    return self._shutdown(1, f"{name} exited with {proc.returncode}")
            time.sleep(0.2)
        return self._shutdown(0, None)

    def _shutdown(self, code: int, why: str | None) -> int:
        if why:
            log("error", f"{why}; stopping the web process")
        self._stop(self.nginx, signal.SIGQUIT, 10)            # graceful: finish requests, close idle connections
        self._stop(self.gunicorn, signal.SIGTERM, 40)         # graceful_timeout 30 s
        log("info", "stopped", exit=code)
        return code

    @staticmethod
    def _stop(proc: subprocess.Popen | None, sig: signal.Signals, timeout: float) -> None:
        if proc is None or proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def _cleanup(self) -> None:
        for proc in (self.nginx, self.gunicorn):
            if proc is not None and proc.poll() is None:
                self._stop(proc, signal.SIGTERM, 10)
        if self.runtime is not None and self.owned_runtime:
            shutil.rmtree(self.runtime, ignore_errors=True)


def main() -> int:
    return Web().run()


if __name__ == "__main__":
    sys.exit(main())
