"""Golden files: the tidy output of every source's transform on the committed raw snapshot.

A golden is a deterministic subset (every row of NL01, AM15, MC21 and GM0363; the whole region list), one file
of row counts per output and indicator, and one file of what the transforms checked and carried (CBS's region
figures compared with the sums of gemeenten, former gemeenten carried onto today's, incomplete regions).  Only
``UPDATE_GOLDEN=1`` rewrites them (any other value compares); regenerate after an intended change with

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/etl/test_etl_golden.py

and review the diff.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from etlsupport import GOLDEN, golden_subset, row_counts, to_golden_csv, transform_all

OUTPUTS = ["80590ned-totaal-15-75", "une_rt_m", "86087NED", "84780NED", "85554NED", "82859NED",
           "85984NED-population", "regions"]


def _outputs_scope(fixture_name: str, config: pytest.Config) -> str:
    """Once per module; once per test under mutation testing (mutmut sets MUTANT_UNDER_TEST), where a test counts as
    covering a transform only if the transform runs during that test: a module-wide value computed in the first
    test's setup would tie every mutant to that one test, and the golden comparisons would never run against it."""
    return "function" if os.environ.get("MUTANT_UNDER_TEST") else "module"


@pytest.fixture(scope=_outputs_scope)
def transformed() -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    return transform_all()


@pytest.fixture
def outputs(transformed: tuple[dict[str, pd.DataFrame], pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return transformed[0]


def update_requested() -> bool:
    return os.environ.get("UPDATE_GOLDEN") == "1"


def _compare(name: str, text: str, folder: Path = GOLDEN) -> None:
    path = folder / name
    if update_requested():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"golden file {path} missing; run with UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        got, want = text.splitlines(), expected.splitlines()
        first = next((i for i, (a, b) in enumerate(zip(got, want, strict=False)) if a != b), min(len(got), len(want)))
        pytest.fail(f"{name} differs from the golden file at line {first + 1} ({len(got)} vs {len(want)} lines):\n"
                    f"  got:  {got[first] if first < len(got) else '<end>'}\n"
                    f"  want: {want[first] if first < len(want) else '<end>'}\n"
                    "If the change is intended, regenerate with UPDATE_GOLDEN=1 and review the diff.")


def test_every_output_has_a_golden(outputs: dict[str, pd.DataFrame]) -> None:
    assert sorted(outputs) == sorted(OUTPUTS)


@pytest.mark.parametrize("name", OUTPUTS)
def test_tidy_output_matches_golden(outputs: dict[str, pd.DataFrame], name: str) -> None:
    subset = golden_subset(outputs[name])
    assert len(subset) > 0
    _compare(f"{name}.csv", to_golden_csv(subset))


def test_row_counts_match_golden(outputs: dict[str, pd.DataFrame]) -> None:
    _compare("row_counts.csv", to_golden_csv(row_counts(outputs)))


def test_region_checks_and_carrying_match_golden(transformed: tuple[dict[str, pd.DataFrame], pd.DataFrame]) -> None:
    checks = transformed[1]
    assert {"carried", "incomplete", "check:rmc", "check:arbeidsmarktregio", "check:land"} <= set(checks["part"])
    _compare("region_checks.csv", to_golden_csv(checks))


@pytest.mark.parametrize("value", [None, "", "0", "true", "yes", "2", " 1"])
def test_the_golden_compares_unless_update_is_exactly_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         value: str | None) -> None:
    """A golden is rewritten only under UPDATE_GOLDEN=1: any other value (or none) compares and fails on a change."""
    if value is None:
        monkeypatch.delenv("UPDATE_GOLDEN", raising=False)
    else:
        monkeypatch.setenv("UPDATE_GOLDEN", value)
    (tmp_path / "x.csv").write_text("a\n1\n", encoding="utf-8")
    with pytest.raises(pytest.fail.Exception, match="x.csv differs from the golden file at line 2"):
        _compare("x.csv", "a\n2\n", tmp_path)
    _compare("x.csv", "a\n1\n", tmp_path)
    with pytest.raises(AssertionError, match="golden file .* missing"):
        _compare("y.csv", "a\n1\n", tmp_path)
    assert (tmp_path / "x.csv").read_text(encoding="utf-8") == "a\n1\n" and not (tmp_path / "y.csv").exists()
    monkeypatch.setenv("UPDATE_GOLDEN", "1")
    _compare("x.csv", "a\n2\n", tmp_path)
    assert (tmp_path / "x.csv").read_text(encoding="utf-8") == "a\n2\n"


def test_golden_text_keeps_the_values(outputs: dict[str, pd.DataFrame]) -> None:
    """The golden text is precise enough to catch a changed figure: read back, every value, count and date of the
    tidy output is there (6 decimals, ISO dates, fixed notation), so a golden can only pass on the same numbers."""
    for name in ("86087NED", "84780NED", "85554NED", "82859NED"):
        frame = golden_subset(outputs[name])
        text = to_golden_csv(frame)
        assert "e-" not in text.split("\n", 1)[1] and "e+" not in text    # fixed notation, never scientific
        back = pd.read_csv(io.StringIO(text), keep_default_na=False, na_values=[""])
        assert list(back.columns) == list(frame.columns) and len(back) == len(frame)
        for col in ("value", "numerator", "denominator"):
            np.testing.assert_allclose(back[col].to_numpy(float), frame[col].to_numpy(float), rtol=0, atol=5e-7,
                                       equal_nan=True, err_msg=f"{name}.{col}")
        assert (back["period_start"] == frame["period_start"].dt.strftime("%Y-%m-%d")).all()
        assert (back["flag"].fillna("") == frame["flag"].fillna("")).all()
        assert (back["derivation"] == frame["derivation"]).all()
