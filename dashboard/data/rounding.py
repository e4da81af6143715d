"""The one rounding of every number a user reads (screen, paper, the display of a download), written once."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def display_round(value: float, decimals: int) -> float:
    """Half away from zero, on the number as written (6.25 -> 6.3, 2.675 -> 2.68, -0.05 -> -0.1), not on its binary
    approximation (Python's own round(6.25, 1) gives 6.2, a browser's toFixed 6.3)."""
    step = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))
