"""The domain's constants, written once: region levels, the national code, which series a view prefers."""

from __future__ import annotations

from etl.catalog import ALL_LEVELS, REGION_LEVELS

LEVELS: tuple[str, ...] = ALL_LEVELS                            # land, arbeidsmarktregio, rmc, gemeente
REGIONAL_LEVELS: tuple[str, ...] = REGION_LEVELS                # arbeidsmarktregio, rmc, gemeente: maps, rankings
NATIONAL_CODE = "NL01"
DEFAULT_INDICATOR = "neet_share"
DEFAULT_LEVEL = "arbeidsmarktregio"

# When an indicator has several frequencies, maps, rankings and trends compare whole years ...
COMPARISON_FREQUENCIES = ("year", "school_year", "half_year", "quarter", "month")
# ... while a headline shows the most recent figure there is.
HEADLINE_FREQUENCIES = ("month", "quarter", "half_year", "year", "school_year")
