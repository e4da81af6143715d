"""Shared helpers of the ETL tests: paths, tree digests, the tidy output of every source, fixture loaders."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import responses
from responses import matchers

from etl.build import load_division, transform_population, transform_source
from etl.catalog import SOURCES
from etl.extract import V4Client
from etl.snapshot import write_snapshot
from etl.transform.tables import TABLE_TRANSFORMS

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "data" / "raw"
REFERENCE = ROOT / "data" / "reference"
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden" / "etl"
RECORDING = FIXTURES / "cbs" / "80590ned"
V3_FIXTURES = FIXTURES / "cbs-v3" / "85984NED"

V4 = "https://datasets.cbs.nl/odata/v1/CBS/80590ned"
V3 = "https://opendata.cbs.nl/ODataFeed/odata/85984NED"
MEASURES_80590 = "(Measure eq 'M001906_2' or Measure eq '3000800_2' or Measure eq '3000790_2')"
MEASURES_80590_SA = "(Measure eq 'M004210' or Measure eq 'D001875' or Measure eq 'D002308')"   # seasonally adjusted
FILTER_15_75 = f"(Geslacht eq 'T001038') and (Leeftijd eq '52052') and {MEASURES_80590}"
FILTER_15_25 = f"(Geslacht eq 'T001038') and (Leeftijd eq '53050') and {MEASURES_80590_SA}"
# Nederland, an arbeidsmarktregio, an RMC region and Amsterdam (Weesp's counts carried onto it in 84780NED, 82859NED)
GOLDEN_REGIONS = ("NL01", "AM15", "MC21", "GM0363")


# --- files ---------------------------------------------------------------------------------------
def tree_digest(path: Path) -> dict[str, str]:
    """Relative path -> sha256 of every file under ``path`` (hidden ones included); {} if it does not exist."""
    path = Path(path)
    if not path.exists():
        return {}
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file()}


def copy_raw(dst: Path, exclude: tuple[str, ...] = ()) -> Path:
    """A private copy of the committed raw snapshot (optionally without some tables)."""
    shutil.copytree(RAW, dst, ignore=lambda d, names: [n for n in names if Path(d) == RAW and n in exclude])
    return dst


def leftovers(folder: Path) -> list[str]:
    """Temp or aside folders a build or refresh may leave next to a store or inside raw."""
    folder = Path(folder)
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.name.startswith((".tmp-", ".old-")))


# --- the tidy output of each source, as the build computes it -------------------------------------
def transform_all(raw_dir: Path = RAW) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Run every transform on the current raw snapshot, as the build does: one frame per golden file name, and one
    frame of what the transforms checked and carried (the manifest parts of each table).

    ``86087NED`` holds the youth rows of the whole family (its newer edition 86223NED has nothing shipped); a slice
    with nothing shipped (80590ned's optional 15-25) gives no output.
    """
    division, _ = load_division(raw_dir)
    geo = division.geography()
    out: dict[str, pd.DataFrame] = {"regions": geo.regions}
    parts: list[dict[str, object]] = []
    for source in SOURCES:
        if source.table_id not in TABLE_TRANSFORMS or source.newer_edition_of:
            continue
        tidy = transform_source(raw_dir, source, geo, division).tidy
        parts += manifest_rows(source.table_id, tidy.as_manifest())
        rows = tidy.rows
        if source.table_id == "80590ned":
            for slice_name, indicator_id in (("totaal-15-75", "unemployment_rate"),
                                             ("totaal-15-25", "youth_unemployment_rate")):
                part = rows[rows["indicator"] == indicator_id].reset_index(drop=True)
                if len(part):
                    out[f"80590ned-{slice_name}"] = part
        else:
            out[source.table_id] = rows
    pop = transform_population(raw_dir, geo, division)[0]
    out["85984NED-population"] = pop.rows
    parts += manifest_rows("85984NED", pop.as_manifest())
    return out, pd.DataFrame(parts)


def tidy_outputs(raw_dir: Path = RAW) -> dict[str, pd.DataFrame]:
    return transform_all(raw_dir)[0]


def manifest_rows(table: str, made: dict[str, Any]) -> list[dict[str, object]]:
    """One row per region check, carried gemeente and incomplete region of a table's manifest parts."""
    rows: list[dict[str, object]] = []
    for check in made.get("region_checks", []):
        rows.append({"table": table, "part": f"check:{check['level']}", "key": check["tolerance"],
                     "detail": f"compared {check['compared']}, equal {check['equal']}, replaced "
                               f"{len(check['replaced'])}, filled {check['filled_from_sum']}, "
                               f"not checked {check['not_checked']}"})
        for r in check["replaced"]:
            rows.append({"table": table, "part": f"replaced:{check['level']}", "key": f"{r['region']} {r['period']}",
                         "detail": ", ".join(f"{k}={v}" for k, v in sorted(r.items()) if k not in ("region", "period"))})
    for code, info in sorted(made.get("carried_onto_today", {}).items()):
        rows.append({"table": table, "part": "carried", "key": code,
                     "detail": f"{info['name']} <- {'; '.join(info['from'])} ({info['periods']})"})
    for inc in made.get("incomplete", []):
        rows.append({"table": table, "part": "incomplete", "key": f"{inc['region']} {inc['period']}",
                     "detail": inc["reason"]})
    for note in made.get("notes", []):
        rows.append({"table": table, "part": "note", "key": "", "detail": note})
    return rows


def to_golden_csv(frame: pd.DataFrame) -> str:
    """Exact, stable text: fixed float format, ISO dates, '\\n' line ends."""
    return frame.to_csv(index=False, float_format="%.6f", date_format="%Y-%m-%d", lineterminator="\n")


def golden_subset(frame: pd.DataFrame) -> pd.DataFrame:
    if "indicator" not in frame:         # the region list is small: keep all of it
        return frame
    rows = frame[frame["region_code"].isin(GOLDEN_REGIONS)]
    return rows.sort_values(["indicator", "region_code", "period_start"], kind="mergesort").reset_index(drop=True)


def row_counts(outputs: dict[str, pd.DataFrame]) -> pd.DataFrame:
    rows = []
    for name in sorted(outputs):
        frame = outputs[name]
        if "indicator" not in frame:
            for level, n in sorted(frame["region_level"].value_counts().items()):
                rows.append({"output": name, "indicator": f"level:{level}", "rows": n, "regions": n, "missing": 0,
                             "demo_rows": 0})
            continue
        for ind, part in frame.groupby("indicator", sort=True):
            rows.append({"output": name, "indicator": ind, "rows": len(part),
                         "regions": part["region_code"].nunique(), "missing": int(part["value"].isna().sum()),
                         "demo_rows": int(part["is_demo"].sum())})
    return pd.DataFrame(rows)


# --- the 80590ned recording and fixtures derived from it ----------------------------------------
def recording_bytes(name: str) -> bytes:
    return (RECORDING / name).read_bytes()


def recording_json(name: str) -> Any:
    return json.loads(recording_bytes(name))


def youth_page_from_recording() -> dict[str, Any]:
    """The 15-25 Observations answer CBS would give, DERIVED from the 15-75 recording (which has no youth rows).

    The slice asks for the seasonally adjusted measures (M004210 rate, D001875 unemployed x1000, D002308 labour
    force x1000): same periods, Leeftijd 53050, labour force x 0.15, rate x 2.1 (1 decimal), unemployed to match.
    Where the recording has no seasonally adjusted value (years: ``ValueAttribute`` "Impossible", ``Value`` null),
    neither has the youth page.  Only the three measures the slice asks for, as the server would filter them.
    """
    page = recording_json("observations-page-1.json")
    by_period: dict[str, dict[str, Any]] = {}
    for obs in page["value"]:
        by_period.setdefault(obs["Perioden"], {})[obs["Measure"]] = obs
    records = []
    for period, cells in by_period.items():
        base = {"StringValue": None, "Geslacht": "T001038", "Leeftijd": "53050", "Perioden": period}
        if cells["M004210"]["Value"] is None:
            for measure in YOUTH_MEASURES:
                records.append({"Id": len(records), "Measure": measure,
                                "ValueAttribute": cells[measure]["ValueAttribute"], "Value": None, **base})
            continue
        labour_force = round(cells["D002308"]["Value"] * 0.15)
        rate = round(cells["M004210"]["Value"] * 2.1, 1)
        values = {"M004210": rate, "D001875": round(labour_force * rate / 100), "D002308": labour_force}
        for measure in YOUTH_MEASURES:
            records.append({"Id": len(records), "Measure": measure, "ValueAttribute": "None",
                            "Value": values[measure], **base})
    return {"@odata.context": page["@odata.context"], "value": records}


YOUTH_MEASURES = ("D002308", "D001875", "M004210")      # in the recording's order


def split_page(page: dict[str, Any], next_link: str, at: int) -> tuple[bytes, bytes]:
    """One Observations answer as two pages joined by ``@odata.nextLink``."""
    first = {"@odata.context": page["@odata.context"], "value": page["value"][:at], "@odata.nextLink": next_link}
    second = {"@odata.context": page["@odata.context"], "value": page["value"][at:]}
    return json.dumps(first).encode(), json.dumps(second).encode()


def rewrite_snapshot(snap_dir: Path, name: str, edit: Any, *, fix_sha: bool = True) -> None:
    """Edit one JSON file of a raw snapshot; re-write the snapshot (valid sha256) or leave the manifest stale."""
    snap_dir = Path(snap_dir)
    manifest = json.loads((snap_dir / "manifest.json").read_text(encoding="utf-8"))
    payload = json.loads((snap_dir / name).read_text(encoding="utf-8"))
    edit(payload)
    data = (json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    if not fix_sha:
        (snap_dir / name).write_bytes(data)
        return
    files = {n: (snap_dir / n).read_bytes() for n in manifest["files"]}
    files[name] = data
    meta = {k: v for k, v in manifest.items() if k != "files"}
    raw_dir = snap_dir.parents[2]
    write_snapshot(raw_dir, manifest["table_id"], snap_dir.parent.name, snap_dir.name, files, meta, replace=True)


# --- fake CBS servers (responses) -------------------------------------------------------------------
METADATA = {"Properties": "properties.json", "Dimensions": "dimensions.json", "MeasureCodes": "measure-codes.json",
            "GeslachtCodes": "codes-Geslacht.json", "LeeftijdCodes": "codes-Leeftijd.json",
            "PeriodenCodes": "codes-Perioden.json"}
SPLIT_AT = 2793
V3_SELECT = {"$format": "json", "$select": "Codering_3,SoortRegio_2,AantalInwoners_5",
             "$filter": "startswith(Codering_3,'GM')"}


def serve_80590ned(rsps: responses.RequestsMock, *, paged: bool = False, youth: bool = True,
                   overrides: dict[str, object] | None = None) -> None:
    """Register the v4 endpoints of 80590ned; ``overrides`` maps an endpoint to a body, exception or status."""
    overrides = overrides or {}
    for endpoint, name in METADATA.items():
        _add(rsps, f"{V4}/{endpoint}", overrides.get(endpoint, recording_bytes(name)))
    obs_url = f"{V4}/Observations"
    if "Observations" in overrides:
        _add(rsps, obs_url, overrides["Observations"], match=[matchers.query_param_matcher({"$filter": FILTER_15_75})])
    elif paged:
        link = f"{obs_url}?$filter={FILTER_15_75}&$skip={SPLIT_AT}"
        first, second = split_page(recording_json("observations-page-1.json"), link, SPLIT_AT)
        _add(rsps, obs_url, first, match=[matchers.query_param_matcher({"$filter": FILTER_15_75})])
        _add(rsps, obs_url, overrides.get("Observations-page-2", second),
             match=[matchers.query_param_matcher({"$filter": FILTER_15_75, "$skip": str(SPLIT_AT)})])
    else:
        _add(rsps, obs_url, recording_bytes("observations-page-1.json"),
             match=[matchers.query_param_matcher({"$filter": FILTER_15_75})])
    if youth:
        _add(rsps, obs_url, overrides.get("Observations-youth", json.dumps(youth_page_from_recording()).encode()),
             match=[matchers.query_param_matcher({"$filter": FILTER_15_25})])


def serve_85984ned(rsps: responses.RequestsMock, overrides: dict[str, object] | None = None) -> None:
    """Register the v3 bulk-feed endpoints cbsodata reads for 85984NED."""
    overrides = overrides or {}
    page = lambda name: (V3_FIXTURES / name).read_bytes()  # noqa: E731
    _add(rsps, f"{V3}/", overrides.get("service", page("service.json")),
         match=[matchers.query_param_matcher({"$format": "json"})])
    for name in ("TableInfos", "DataProperties", "CategoryGroups", "WijkenEnBuurten"):
        _add(rsps, f"{V3}/{name}", overrides.get(name, page(f"{name}.json")),
             match=[matchers.query_param_matcher({"$format": "json"})])
    _add(rsps, f"{V3}/TypedDataSet", overrides.get("TypedDataSet", page("TypedDataSet-page-1.json")),
         match=[matchers.query_param_matcher(V3_SELECT)])
    _add(rsps, f"{V3}/TypedDataSet", overrides.get("TypedDataSet-page-2", page("TypedDataSet-page-2.json")),
         match=[matchers.query_param_matcher({**V3_SELECT, "$skiptoken": "200"})])


def _add(rsps: responses.RequestsMock, url: str, body: object, match: list | None = None) -> None:
    kwargs = {"match": match} if match else {}
    if isinstance(body, int):
        rsps.add(responses.GET, url, status=body, body=f"error {body}", **kwargs)
    elif isinstance(body, BaseException):
        rsps.add(responses.GET, url, body=body, **kwargs)
    else:
        rsps.add(responses.GET, url, body=body, status=200, content_type="application/json", **kwargs)


def quiet_client(**kwargs: object) -> V4Client:
    return V4Client(sleep=lambda s: None, **kwargs)  # type: ignore[arg-type]
