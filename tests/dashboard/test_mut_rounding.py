"""display_round, the one rounding of every number a user reads: worked by hand (half away from zero on the number
as written, not on its binary approximation)."""

from __future__ import annotations

import numpy as np
import pytest

from dashboard.data.rounding import display_round
from dashboard.ui.i18n import fmt_number


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (6.25, 1, 6.3),          # Python's round gives 6.2 (binary 6.25 is exact: banker's rounding)
    (2.675, 2, 2.68),        # binary 2.67499999... : written 2.675, so up
    (0.15, 1, 0.2),          # binary 0.1499999...
    (-0.05, 1, -0.1),        # away from zero
    (-2.5, 0, -3.0),
    (2.5, 0, 3.0),
    (1234.44, 1, 1234.4),    # down stays down
    (17.0, 1, 17.0),
    (0.0005, 3, 0.001),
    (12.3456, 2, 12.35),
    (99.95, 1, 100.0),
])
def test_half_away_from_zero_on_the_written_number(value, decimals, expected):
    assert display_round(value, decimals) == expected


def test_numpy_and_int_values_round_like_floats():
    assert display_round(np.float64(6.25), 1) == 6.3      # a value read from a frame
    assert display_round(7, 1) == 7.0
    assert isinstance(display_round(np.float64(1.05), 1), float)


def test_what_the_user_reads():
    assert fmt_number(6.25, "nl") == "6,3" and fmt_number(2.675, "en", 2) == "2.68"
    assert fmt_number(1234.45, "nl") == "1.234,5"
