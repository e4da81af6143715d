"""Pandera models of the store: what every build must satisfy before it is moved into place."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from etl.catalog import ALL_LEVELS, indicator_ids
from etl.transform.divisions import DERIVATIONS

LEVELS = list(ALL_LEVELS)
FREQUENCIES = ["year", "half_year", "quarter", "month", "school_year"]
STATUSES = ["definitief", "voorlopig", "nader voorlopig"]
MISSING_FLAGS = ["confidential", "not available", "impossible", "incomplete"]   # why a value is missing
ROUNDED_ZERO = "rounded_zero"             # a present 0 built from a count CBS rounded to 0: not a true 0
FLAGS = [*MISSING_FLAGS, ROUNDED_ZERO]
UNITS = ["percent", "per_1000", "persons"]
UNIT_MAX = {"percent": 100.0, "per_1000": 1000.0}
REGION_CODE = r"^(NL01|AM\d{2}|MC\d{2}|GM\d{4})$"


class StoreValidationError(ValueError):
    """The built store breaks the schema; nothing is written."""


def _values_in_domain(df: pd.DataFrame) -> pd.Series:
    ok = df["value"].isna() | (df["value"] >= 0)
    for unit, top in UNIT_MAX.items():
        ok &= ~((df["unit"] == unit) & (df["value"] > top))
    return ok


def _flag_matches_value(df: pd.DataFrame) -> pd.Series:
    """A missing value has a missing-flag; a present value none, or rounded_zero when it is 0."""
    missing = df["value"].isna()
    flag = df["flag"]
    return ((missing & flag.isin(MISSING_FLAGS))
            | (~missing & (flag.isna() | ((flag == ROUNDED_ZERO) & (df["value"] == 0)))))


OBSERVATIONS = pa.DataFrameSchema(
    {
        "indicator": pa.Column(str, pa.Check.isin(list(indicator_ids()))),
        "region_code": pa.Column(str, pa.Check.str_matches(REGION_CODE)),
        "region_name": pa.Column(str, pa.Check.str_length(min_value=1)),
        "region_level": pa.Column(str, pa.Check.isin(LEVELS)),
        "period": pa.Column(str, pa.Check.str_matches(r"^\d{4}((KW|MM|HJ)\d{2}|/\d{4})?$")),
        "period_start": pa.Column("datetime64[ns]"),
        "frequency": pa.Column(str, pa.Check.isin(FREQUENCIES)),
        "value": pa.Column(float, nullable=True),
        "unit": pa.Column(str, pa.Check.isin(UNITS)),
        "status": pa.Column(str, pa.Check.isin(STATUSES)),
        "flag": pa.Column(str, pa.Check.isin(FLAGS), nullable=True),
        "numerator": pa.Column(float, pa.Check.ge(0), nullable=True),
        "denominator": pa.Column(float, pa.Check.ge(0), nullable=True),
        "derivation": pa.Column(str, pa.Check.isin(list(DERIVATIONS))),
        "source_table": pa.Column(str),
        "is_demo": pa.Column(bool),
    },
    checks=[
        pa.Check(_values_in_domain, error="value outside its unit's domain (negative, >100% or >1000 per 1,000)"),
        pa.Check(_flag_matches_value, error="a missing value needs a flag, and a present value none "
                                            "(or rounded_zero when it is 0)"),
    ],
    unique=["indicator", "region_code", "period"],
    strict=True,
    ordered=True,
)

REGIONS = pa.DataFrameSchema(
    {
        "region_code": pa.Column(str, pa.Check.str_matches(REGION_CODE), unique=True),
        "region_name": pa.Column(str, pa.Check.str_length(min_value=1)),
        "region_level": pa.Column(str, pa.Check.isin(LEVELS)),
        "parent_code": pa.Column(str, nullable=True),
        "rmc_code": pa.Column(str, pa.Check.str_matches(r"^MC\d{2}$"), nullable=True),
    },
    strict=True,
    ordered=True,
)


def _row_label(frame: pd.DataFrame, case: pd.Series | None) -> str:
    """' in <source table> <indicator> <region> <period>' for the first failing row, so the error names the table."""
    if case is None or pd.isna(case.get("index")) or case["index"] not in frame.index:
        return ""
    row = frame.loc[case["index"]]
    parts = [str(row[c]) for c in ("source_table", "indicator", "region_code", "period") if c in frame.columns]
    return f" in {' '.join(parts)}" if parts else ""


def validate_store(observations: pd.DataFrame, regions: pd.DataFrame) -> None:
    """Raise StoreValidationError with one readable line if either frame breaks its schema."""
    for name, schema, frame in (("observations", OBSERVATIONS, observations), ("regions", REGIONS, regions)):
        try:
            schema.validate(frame, lazy=True)
        except SchemaErrors as exc:
            cases = exc.failure_cases
            first = cases.iloc[0] if len(cases) else None
            where = f"column {first['column']}: {first['check']} (e.g. {first['failure_case']!r})" if first is not None else ""
            if first is not None and first["schema_context"] == "DataFrameSchema":
                where = f"{first['check']}"             # a row check: every column of the row is a "failure case"
            rows = cases["index"].nunique(dropna=False) if "index" in cases else len(cases)
            raise StoreValidationError(f"{name}: {rows} failing row(s); {where}{_row_label(frame, first)}") from None
        except SchemaError as exc:
            raise StoreValidationError(f"{name}: {str(exc).splitlines()[0]}") from None
    counts = regions["region_level"].value_counts()
    if counts.get("arbeidsmarktregio", 0) != 35 or counts.get("rmc", 0) != 40 or counts.get("gemeente", 0) != 342:
        raise StoreValidationError(f"regions: expected 35 arbeidsmarktregio's, 40 RMC regions and 342 gemeenten, got "
                                   f"{dict(counts)}")
    orphans = set(observations["region_code"]) - set(regions["region_code"])
    if orphans:
        raise StoreValidationError(f"observations: region codes without a region row: {sorted(orphans)[:5]}")
