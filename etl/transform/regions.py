"""Region codes: strip CBS padding, classify level, tidy titles, keep the current division's codes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

_LEVELS = {"NL": "land", "AM": "arbeidsmarktregio", "MC": "rmc", "GM": "gemeente", "PV": "provincie",
           "LD": "landsdeel", "CR": "corop"}
_CODE = re.compile(r"^(NL|AM|MC|GM|PV|LD|CR)\d{2,4}$")
_SUFFIX = re.compile(r"\s*\((AM|PV|LD|CR|gemeente)\)\s*$")
OTHER_LEVELS = ("LD", "PV", "CR")              # landsdelen, provincies, COROP: not levels of the store

# Why a region code CBS sent is not in the store (the build counts them per table):
OTHER_LEVEL = "landsdeel, provincie or COROP"
NOT_ASSIGNABLE = "not assignable (CBS 'Niet in te delen')"
RETIRED = "retired before the current division"
UNKNOWN = "UNKNOWN: looks like a current-level code but is not in the division"
DROP_REASONS = (OTHER_LEVEL, NOT_ASSIGNABLE, RETIRED, UNKNOWN)


class RegionCodeError(ValueError):
    """A region code that CBS does not use."""


def parse_region_code(code: str) -> str:
    """Strip CBS's padding (v3 writes ``'GM0363    '``) and check the shape."""
    raw = (code or "").strip()
    if not _CODE.match(raw):
        raise RegionCodeError(f"unknown region code {code!r}")
    return raw


def region_level(code: str) -> str:
    """The level name for a (stripped) region code."""
    return _LEVELS[parse_region_code(code)[:2]]


def clean_region_title(title: str) -> str:
    """``'Noord-Holland Noord (AM)'`` -> ``'Noord-Holland Noord'``."""
    return _SUFFIX.sub("", (title or "").strip())


def drop_reason(code: str, retired: Mapping[str, str]) -> str:
    """Why ``code`` (not in the current division) is not kept."""
    if code.endswith("99") and code[:2] in ("AM", "MC", "PV", "NL", "LD", "CR") or code.endswith("9999"):
        return NOT_ASSIGNABLE
    if code[:2] in OTHER_LEVELS:
        return OTHER_LEVEL
    if code in retired:
        return RETIRED
    return UNKNOWN


@dataclass(frozen=True)
class DroppedRegions:
    """Rows of region codes outside the current division: code -> (reason, rows)."""

    codes: dict[str, tuple[str, int]] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.codes.values())

    @property
    def unknown(self) -> list[str]:
        return sorted(c for c, (reason, _) in self.codes.items() if reason == UNKNOWN)

    def merged(self, other: DroppedRegions) -> DroppedRegions:
        codes = dict(self.codes)
        for code, (reason, n) in other.codes.items():
            codes[code] = (reason, codes.get(code, (reason, 0))[1] + n)
        return DroppedRegions(codes)

    def by_reason(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for code, (reason, _) in sorted(self.codes.items()):
            out.setdefault(reason, []).append(code)
        return {r: out[r] for r in DROP_REASONS if r in out}

    def as_manifest(self) -> dict:
        return {"rows": self.rows, "codes": {c: {"reason": r, "rows": n} for c, (r, n) in sorted(self.codes.items())}}

    def describe(self) -> str:
        """'56 codes, 6,272 rows: 4 LD/PV/CR ...' in one line ('' when nothing was dropped)."""
        if not self.codes:
            return ""
        parts = [f"{reason}: {', '.join(codes[:6])}{' ...' if len(codes) > 6 else ''} ({len(codes)})"
                 for reason, codes in self.by_reason().items()]
        return f"dropped {len(self.codes)} region code(s), {self.rows:,} rows - " + "; ".join(parts)


def split_by_division(frame: pd.DataFrame, known: set[str], retired: Mapping[str, str]
                      ) -> tuple[pd.DataFrame, DroppedRegions]:
    """Rows whose ``region`` is in the division, and a count of the others by code (never silent)."""
    inside = frame["region"].isin(known)
    outside = frame.loc[~inside, "region"].value_counts()
    dropped = DroppedRegions({str(code): (drop_reason(str(code), retired), int(n)) for code, n in outside.items()})
    return frame[inside].reset_index(drop=True), dropped
