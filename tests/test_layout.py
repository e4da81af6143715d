"""The test tree itself: pytest imports test files by base name (no packages), so two files with one name in
different folders stop the whole run at collection."""

from __future__ import annotations

from collections import Counter
from pathlib import Path


def test_test_file_names_are_unique_across_folders():
    names = Counter(p.name for p in Path(__file__).parent.rglob("test_*.py"))
    assert [name for name, count in names.items() if count > 1] == []
