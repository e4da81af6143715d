"""What each import costs a web worker, and which of the app's modules pulls it in.

    python -m bench.imports [--store DIR]

1. In a fresh interpreter per step, import the libraries one after another (each step adds one) and report
   RSS and USS after each: the cost of that library on top of the ones before it.
2. Build the app as gunicorn does and serve one page and one explorer callback, with an import hook that
   records, for each heavy library, the chain of the app's own modules that imported it first.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEPS = [
    ("python", ""),
    ("dash (flask, plotly.io)", "import dash"),
    ("pandas, numpy", "import pandas"),
    ("pyarrow (parquet)", "import pyarrow.parquet"),
    ("plotly.graph_objects", "import plotly.graph_objects as go; go.Figure()"),
    ("scipy.stats", "import scipy.stats"),
    ("scikit-learn", "import sklearn.cluster, sklearn.preprocessing"),
    ("pandera", "import pandera.pandas"),
    ("analysis.*", "import analysis.need_index, analysis.peers, analysis.uncertainty, analysis.normalise"),
    ("dashboard app, a page and an explorer callback served", "SERVE"),
]
HEAVY = ("sklearn", "scipy", "pandera", "plotly.graph_objects", "pyarrow", "pandas", "plotly.express")

SERVE = """
from dashboard.app import create_app
app = create_app(os.environ["STORE_DIR"])
client = app.server.test_client()
client.get("/verkennen")
from dashboard import testing as payloads
from bench.explorer import explorer_case, body, states
from dashboard.data.store import get_view
with app.server.test_request_context("/"):
    view = get_view()
case = explorer_case(app)
for s in states(view, 4):
    client.post(payloads.CALLBACK_URL, json=body(case, s))
"""

MEASURE = """
import os, psutil
info = psutil.Process().memory_full_info()
print("MEM", round(info.rss / 1e6, 1), round(info.uss / 1e6, 1))
"""

TRACE = """
import sys, os, builtins, traceback
HEAVY = %r
first = {}
real_import = builtins.__import__
def tracing(name, globals=None, locals=None, fromlist=(), level=0):
    before = set(sys.modules)
    module = real_import(name, globals, locals, fromlist, level)
    for heavy in HEAVY:
        if heavy in sys.modules and heavy not in before and heavy not in first:
            chain = [f.filename.replace(os.getcwd() + "/", "") + ":" + str(f.lineno)
                     for f in traceback.extract_stack()[:-1]
                     if f.filename.startswith(os.getcwd()) and "/.venv/" not in f.filename
                     and not f.filename.endswith("bench/imports.py")]
            first[heavy] = chain
    return module
builtins.__import__ = tracing
""" % (HEAVY,)


def _run(code: str, store: str) -> tuple[float, float]:
    env = dict(os.environ, STORE_DIR=store, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", "import os\n" + code + MEASURE], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    line = next((x for x in out.stdout.splitlines() if x.startswith("MEM ")), None)
    if line is None:
        raise RuntimeError(out.stderr[-800:])
    rss, uss = line.split()[1:]
    return float(rss), float(uss)


def measure(store: str) -> dict:
    steps, code, previous = [], "", None
    for label, statement in STEPS:
        code += (SERVE if statement == "SERVE" else statement) + "\n"
        rss, uss = _run(code, store)
        steps.append({"step": label, "rss_mb": rss, "uss_mb": uss,
                      "added_uss_mb": round(uss - previous, 1) if previous is not None else None})
        previous = uss
    alone_app = _run(SERVE, store)
    env = dict(os.environ, STORE_DIR=store, PYTHONPATH=str(ROOT))
    traced = subprocess.run([sys.executable, "-c", "import os\n" + TRACE + SERVE + "\nimport json\nprint('CHAINS',"
                             " json.dumps(first))"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    line = next((x for x in traced.stdout.splitlines() if x.startswith("CHAINS ")), "CHAINS {}")
    return {"steps": steps, "app_alone": {"rss_mb": alone_app[0], "uss_mb": alone_app[1]},
            "first_imported_by": json.loads(line[len("CHAINS "):])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__.splitlines()[0])
    parser.add_argument("--store", default=os.environ.get("STORE_DIR") or str(ROOT / "data" / "store"))
    args = parser.parse_args(argv)
    result = measure(args.store)
    print("| step (cumulative) | RSS MB | USS MB | USS added MB |\n|---|---|---|---|")
    for s in result["steps"]:
        print(f"| {s['step']} | {s['rss_mb']:.0f} | {s['uss_mb']:.0f} | {s['added_uss_mb'] or ''} |")
    print(f"\nthe app alone after serving: RSS {result['app_alone']['rss_mb']:.0f} MB, "
          f"USS {result['app_alone']['uss_mb']:.0f} MB")
    print("\nfirst imported by (the app's own frames, outermost first):")
    for heavy, chain in result["first_imported_by"].items():
        print(f"- {heavy}: " + " -> ".join(chain))
    return 0


if __name__ == "__main__":
    sys.exit(main())
