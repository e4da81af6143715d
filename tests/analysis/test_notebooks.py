"""Execute every notebook in notebooks/ (outputs stripped in git) with nbclient, as CI does.

The kernel is the venv's own ``python3`` (ipykernel installs its kernelspec into ``sys.prefix``; jupyter_client
also falls back to ipykernel's built-in spec), started with this interpreter, so a fresh CI venv works without
``ipykernel install``.  Notebooks read the store from ``$STORE_DIR`` when set, else ``data/store``; here they get
the session's freshly built store.  Each notebook runs with cwd = the repository root and again from
notebooks/; a cell that runs over 60 s fails.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbclient  # dev requirements: missing is a failure, not a skip
import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LIMIT_SECONDS = 60


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_outputs_are_stripped(path: Path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell.get("outputs") == [] and cell.get("execution_count") is None, f"{path.name}: strip outputs"


@pytest.mark.parametrize("cwd", ["root", "notebooks"])
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_executes(path: Path, cwd: str, built_store: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("STORE_DIR", str(built_store))           # the kernel inherits the environment
    monkeypatch.setenv("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    nb = nbformat.read(path, as_version=4)
    workdir = ROOT if cwd == "root" else path.parent
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=LIMIT_SECONDS, allow_errors=False,
                                     resources={"metadata": {"path": str(workdir)}})
    client.execute()                     # a cell that hangs fails at the timeout; speed is for make bench
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
