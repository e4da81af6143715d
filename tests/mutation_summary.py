"""Summarise the last mutmut run (``make mutation``): mutants per module and status, the score, the survivors.

Reads the result files mutmut keeps next to each mutated module (``mutants/<path>.meta``) and names each exit code
with mutmut's own table, so the counts are those of ``mutmut results``.  Run from the project root:
``.venv/bin/python tests/mutation_summary.py [--survivors]``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from mutmut.stats import status_by_exit_code

COLUMNS = ("killed", "survived", "timeout", "suspicious", "no tests", "skipped", "not checked")


def counts(mutants: Path = Path("mutants")) -> tuple[dict[str, Counter], list[str]]:
    """Per module (dotted name) a count of statuses, and the names of the surviving mutants."""
    per_module: dict[str, Counter] = {}
    survivors: list[str] = []
    for meta in sorted(mutants.rglob("*.py.meta")):
        module = ".".join(meta.relative_to(mutants).with_suffix("").with_suffix("").parts).removesuffix(".__init__")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        if not codes:
            continue
        statuses = Counter(status_by_exit_code[code] for code in codes.values())
        per_module[module] = statuses
        survivors += sorted(name for name, code in codes.items() if status_by_exit_code[code] == "survived")
    return per_module, survivors


def score(c: Counter) -> float:
    """(killed + timeout) / mutants that had tests to run, in percent (mutmut's badge formula without skipped)."""
    tested = sum(c.values()) - c["no tests"] - c["skipped"] - c["not checked"]
    return 100.0 * (c["killed"] + c["timeout"]) / tested if tested else 0.0


def table(per_module: dict[str, Counter]) -> str:
    head = f"{'module':<30}" + "".join(f"{c:>12}" for c in COLUMNS) + f"{'total':>8}{'score':>8}"
    lines = [head]
    total: Counter = Counter()
    for module, c in per_module.items():
        total += c
        lines.append(f"{module:<30}" + "".join(f"{c[k]:>12}" for k in COLUMNS) + f"{sum(c.values()):>8}"
                     f"{score(c):>7.1f}%")
    lines.append(f"{'TOTAL':<30}" + "".join(f"{total[k]:>12}" for k in COLUMNS) + f"{sum(total.values()):>8}"
                 f"{score(total):>7.1f}%")
    other = sorted(set(total) - set(COLUMNS))
    if other:
        lines.append("other statuses: " + ", ".join(f"{k} {total[k]}" for k in other))
    lines.append("score = (killed + timeout) / (total - no tests - skipped - not checked)")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    per_module, survivors = counts()
    if not per_module:
        print("no mutmut results in mutants/: run `make mutation` first")
        return 1
    print(table(per_module))
    if "--survivors" in argv:
        print(f"\n{len(survivors)} surviving mutants (`.venv/bin/mutmut show NAME` prints one as a diff):")
        print("\n".join(f"  {name}" for name in survivors))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
