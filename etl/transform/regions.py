"""Region codes: strip CBS padding, classify level, tidy titles."""

from __future__ import annotations

import re

_LEVELS = {"NL": "land", "AM": "arbeidsmarktregio", "GM": "gemeente", "PV": "provincie", "LD": "landsdeel"}
_CODE = re.compile(r"^(NL|AM|GM|PV|LD)\d{2,4}$")
_SUFFIX = re.compile(r"\s*\((AM|PV|LD|CR|gemeente)\)\s*$")


class RegionCodeError(ValueError):
    """A region code that CBS does not use."""


def parse_region_code(code: str) -> str:
    """Strip CBS's padding (v3 writes ``'GM0363    '``) and check the shape."""
    raw = (code or "").strip()
    if not _CODE.match(raw):
        raise RegionCodeError(f"unknown region code {code!r}")
    return raw


def region_level(code: str) -> str:
    """The store's level name for a (stripped) region code."""
    return _LEVELS[parse_region_code(code)[:2]]


def clean_region_title(title: str) -> str:
    """``'Noord-Holland Noord (AM)'`` -> ``'Noord-Holland Noord'``."""
    return _SUFFIX.sub("", (title or "").strip())
