"""A build killed at a chosen step of ``etl.store_write.save_store``, in a child process (a real ``os._exit``, so no
cleanup runs): the kill-at-every-step tests of the ETL (tests/etl) and of the web process (tests/production)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KILL_POINTS = ["mid_write", "temp_written", "between_renames", "after_swap", "after_previous"]

KILL_SCRIPT = textwrap.dedent("""
    import os, sys
    from pathlib import Path
    import etl.store as reading
    import etl.store_write as st
    store_dir, point = Path(sys.argv[1]), sys.argv[2]
    s = reading.load_store(store_dir)
    obs = s.observations.copy()
    row = obs.index[obs["value"].fillna(0) != 0][0]
    obs.loc[row, "value"] = obs.loc[row, "value"] * 0.999            # a changed value: a new data version
    real_rename = os.rename
    def rename(src, dst):
        real_rename(src, dst)
        if point == "between_renames" and Path(dst).name.startswith(".old-"): os._exit(9)
        if point == "after_swap" and Path(src).name.startswith(".tmp-"): os._exit(9)
        if point == "after_previous" and Path(dst).name.startswith(".previous-"): os._exit(9)
    os.rename = rename
    if point == "temp_written":
        st.swap_into_place = lambda tmp, store: os._exit(9)
    if point == "mid_write":
        real_write = st._write_bytes
        def write(path, data):
            if path.name == "indicators.json": os._exit(9)
            real_write(path, data)
        st._write_bytes = write
    geo = {p.name: p.read_bytes() for p in (store_dir / "geo").glob("*.geojson")}
    st.save_store(store_dir, obs, s.regions, s.indicators, s.manifest, geo)
    os._exit(0)
""")


def kill_build(store: Path, point: str) -> None:
    """Rebuild ``store`` with one value changed (a new data version) and die at ``point``."""
    proc = subprocess.run([sys.executable, "-c", KILL_SCRIPT, str(store), point], cwd=ROOT, capture_output=True,
                          text=True, timeout=180, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 9, proc.stderr[-2000:]
