"""Population per gemeente from the CBS v3 table 85984NED, read with ``cbsodata``.

``cbsodata.get_data`` replaces dimension codes with titles; the gemeente code
survives in the topic column ``Codering_3``, which is what we keep.  cbsodata sets
no timeout by default, so one is passed through to ``requests``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import cbsodata
import requests

from etl.catalog import LICENCE, attribution, source
from etl.extract_error import ExtractError

TABLE = "85984NED"
COLUMNS = ["Codering_3", "SoortRegio_2", "AantalInwoners_5"]


def fetch_population(timeout: float = 30.0, catalog_url: str | None = None, retries: int = 3, backoff: float = 1.0,
                     sleep: Callable[[float], None] | None = None, use_https: bool = True
                     ) -> tuple[dict[str, bytes], dict[str, Any]]:
    """TableInfos, DataProperties and the gemeente rows of 85984NED, as cbsodata returns them.

    ``catalog_url`` (host[:port]) and ``use_https`` point cbsodata at another server (``--base-url``).
    Connection errors, timeouts and 5xx answers are retried with exponential backoff.
    """
    for attempt in range(retries + 1):
        try:
            return _fetch_population_once(timeout, catalog_url, use_https)
        except _Transient as exc:
            if attempt == retries:
                raise ExtractError(f"{TABLE}: {exc} (after {retries + 1} attempts)") from None
            (sleep or time.sleep)(backoff * 2 ** attempt)
    raise AssertionError("unreachable")


class _Transient(Exception):
    """A failure worth retrying."""


def _fetch_population_once(timeout: float, catalog_url: str | None, use_https: bool = True
                           ) -> tuple[dict[str, bytes], dict[str, Any]]:
    kwargs: dict[str, Any] = {"timeout": timeout}
    if catalog_url:
        kwargs["catalog_url"] = catalog_url
    previous_https = cbsodata.options.use_https        # a module-wide setting in cbsodata: restore it always
    cbsodata.options.use_https = use_https
    try:
        infos = cbsodata.get_meta(TABLE, "TableInfos", **kwargs)
        props = cbsodata.get_meta(TABLE, "DataProperties", **kwargs)
        rows = cbsodata.get_data(TABLE, select=COLUMNS, filters="startswith(Codering_3,'GM')", **kwargs)
    except requests.HTTPError as exc:
        status = exc.response.status_code if exc.response is not None else None
        if status is not None and status >= 500:
            raise _Transient(f"HTTP {status}") from None
        raise ExtractError(f"{TABLE}: {str(exc).splitlines()[0]}") from None
    except requests.Timeout:
        raise _Transient(f"timeout after {timeout:g} s") from None
    except requests.ConnectionError:
        raise _Transient("no connection to CBS") from None
    except ValueError as exc:
        raise ExtractError(f"{TABLE}: invalid JSON from CBS ({exc})") from None
    except (KeyError, TypeError) as exc:           # cbsodata reads res["value"] without checking the shape
        raise ExtractError(f"{TABLE}: not an OData response with a 'value' list ({exc!r})") from None
    finally:
        cbsodata.options.use_https = previous_https
    if not rows or any("Codering_3" not in r or "AantalInwoners_5" not in r for r in rows):
        raise ExtractError(f"{TABLE}: rows lack Codering_3 or AantalInwoners_5 (schema drift?)")
    info = infos[0] if infos else {}
    files = {"TableInfos.json": _dump(infos), "DataProperties.json": _dump(props), "cbsodata-rows.json": _dump(rows)}
    host = catalog_url or "opendata.cbs.nl"
    meta = {"table_id": TABLE, "title": str(info.get("Title", source(TABLE).title)).strip(),
            "url": f"{'https' if use_https else 'http'}://{host}/ODataFeed/odata/{TABLE}",
            "statline_url": source(TABLE).statline_url,
            "filter": "startswith(Codering_3,'GM'); $select " + ",".join(COLUMNS),
            "cbs_modified": info.get("Modified"), "api": "odata-v3 via cbsodata (rows as get_data returns them)",
            "is_demo": False, "licence": LICENCE, "attribution": attribution(TABLE, False),
            "origin": "Fetched live from CBS OData v3 with cbsodata by etl.extract_v3."}
    return files, meta


def _dump(obj: Any) -> bytes:
    return (json.dumps(obj, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
