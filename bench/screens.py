"""Screenshots of every chart in two checkouts of the app (before / after a change), compared pixel by pixel.

    python -m bench.screens BEFORE_TREE AFTER_TREE [OUT_DIR]      # STORE_DIR: the store both serve

Each tree is served by gunicorn (one worker) from its own folder; Chromium loads each page, waits for the
chart and the network to settle and screenshots the chart (its Plotly graph div, or the map image or the CSS-drawn
ranking that stands where a page no longer uses Plotly); the two PNGs are compared in the
browser (canvas pixels). Prints the differing pixels per chart, console errors and requests to other hosts.
"""
import base64
import http.client
import os
import socket
import subprocess
import sys
import time

from playwright.sync_api import sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
PY = sys.executable
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
PAGES = [("/verkennen", "explorer-map"), ("/verkennen", "explorer-bar"),
         ("/verkennen?regio=AM15,AM01", "explorer-timeseries"),
         ("/verkennen?niveau=gemeente&regio=GM0363,GM0599", "explorer-map"),
         ("/verkennen?niveau=gemeente&regio=GM0363,GM0599", "explorer-bar"), ("/regio/AM15", "region-map"),
         ("/regio/GM0363", "region-map"), ("/prioriteit", "priority-map"), ("/prioriteit", "priority-ranking"),
         ("/regio/AM15", "region-trend-neet_share")]
# The chart of an id: a Plotly graph inside it, or the id's own element where the page draws it without Plotly (the
# server-drawn map images <img id=...>, /prioriteit's ranking drawn by CSS), so a tree from before such a change and
# one after it compare.
CHART = "[id='{id}'] .js-plotly-plot, img[id='{id}'], [id='{id}'].rank-chart"
IMAGE_READY = ("(id) => { const e = document.getElementById(id);"
               " return e.tagName !== 'IMG' || (e.complete && e.naturalWidth > 0); }")
COMPARE = """async ([a, b]) => {
  const load = (d) => new Promise((ok) => { const i = new Image(); i.onload = () => ok(i);
                                            i.src = 'data:image/png;base64,' + d; });
  const [x, y] = await Promise.all([load(a), load(b)]);
  if (x.width !== y.width || x.height !== y.height) return {size: [x.width, x.height, y.width, y.height]};
  const px = (img) => { const cv = document.createElement('canvas'); cv.width = img.width; cv.height = img.height;
    const g = cv.getContext('2d'); g.drawImage(img, 0, 0); return g.getImageData(0, 0, img.width, img.height).data; };
  const p = px(x), q = px(y); let n = 0;
  for (let i = 0; i < p.length; i += 4) if (p[i] !== q[i] || p[i + 1] !== q[i + 1] || p[i + 2] !== q[i + 2]) n++;
  return {differ: n, of: p.length / 4};
}"""


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(tree: str) -> tuple[subprocess.Popen, int]:
    port = _port()
    env = dict(os.environ, STORE_DIR=os.path.abspath(os.environ.get("STORE_DIR", "data/store")),
               WEB_CONCURRENCY="1", PORT=str(port), PYTHONPATH=tree)
    proc = subprocess.Popen([PY, "-m", "gunicorn", "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}",
                             "dashboard.app:server"], cwd=tree, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    for _ in range(600):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc, port
        except OSError:
            pass
        time.sleep(0.1)
    os.killpg(proc.pid, 15)
    raise SystemExit(f"{tree}: the server did not start")


def shoot(browser, base: str) -> tuple[dict, list[str], list[str]]:
    shots, errors, outside = {}, [], []
    for path, gid in PAGES:
        ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
        page = ctx.new_page()
        page.on("console", lambda m, p=path: errors.append(f"{p}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e, p=path: errors.append(f"{p}: {e}"))
        page.on("request", lambda r: outside.append(r.url)
                if not r.url.startswith((base, "blob:", "data:")) else None)
        page.goto(base + path, wait_until="networkidle")
        sel = CHART.format(id=gid)
        page.wait_for_selector(sel, timeout=60000)
        page.wait_for_function(IMAGE_READY, arg=gid, timeout=60000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(2500)
        shots[(path, gid)] = page.locator(sel).first.screenshot()
        ctx.close()
    return shots, errors, outside


def main(before_tree: str, after_tree: str, out: str = "/tmp/screens") -> int:
    os.makedirs(out, exist_ok=True)
    differ = 0
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
                                     headless=True, args=ARGS)
        results = {}
        for name, tree in (("before", before_tree), ("after", after_tree)):
            proc, port = serve(tree)
            try:
                results[name] = shoot(browser, f"http://127.0.0.1:{port}")
            finally:
                os.killpg(proc.pid, 15)
                proc.wait(10)
        page = browser.new_page()
        for key, a in results["before"][0].items():
            b = results["after"][0][key]
            stem = key[1] + "_" + "".join(c if c.isalnum() else "_" for c in key[0])
            with open(f"{out}/{stem}-before.png", "wb") as handle:
                handle.write(a)
            with open(f"{out}/{stem}-after.png", "wb") as handle:
                handle.write(b)
            result = page.evaluate(COMPARE, [base64.b64encode(a).decode(), base64.b64encode(b).decode()])
            differ += 1 if result.get("differ") or "size" in result else 0
            print(key, result)
        for name in ("before", "after"):
            print(name, "console errors:", results[name][1][:5], "requests to other hosts:", results[name][2][:5])
        browser.close()
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
