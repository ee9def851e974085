# SPDX-License-Identifier: MIT
"""Period labels: ``2010``, ``2010-06``, ``2010-B3``, ``2010-Q2``, ``2010-H1`` and ``once``.

The ``label_*`` functions give the label of the period a nominal deadline ends; the
``parse_*`` functions read a label back into its year and month (or index), ``None`` for a
label of another form or outside the date range.
"""

from __future__ import annotations

import datetime as dt
import re

from xzjd.periods.dates import MAX_YEAR, MIN_YEAR, month_end

_YEAR_RE = re.compile(r"(\d{4})")
_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
BIMONTH_RE = re.compile(r"(\d{4})-B([1-6])")
QUARTER_RE = re.compile(r"(\d{4})-Q([1-4])")
HALF_RE = re.compile(r"(\d{4})-H([12])")


def label_year(d: dt.date) -> str:
    return f"{d.year:04d}"


def label_month(d: dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}"


def label_bimonth(d: dt.date) -> str:
    # Even months: Feb is B1; odd months: Jan is B1. Both are (month + 1) // 2.
    return f"{d.year:04d}-B{(d.month + 1) // 2}"


def label_quarter(d: dt.date) -> str:
    return f"{d.year:04d}-Q{(d.month + 2) // 3}"


def label_half(d: dt.date) -> str:
    return f"{d.year:04d}-H{(d.month + 5) // 6}"


def label_once(d: dt.date) -> str:
    return "once"


def cycle_end_of_label(cycle_months: int, label: str) -> dt.date | None:
    """The last day of the month, quarter or year (*cycle_months* 1, 3 or 12) a label names:
    ``2025-09``, ``2025-Q1``, ``2025``; ``None`` for a label of another form."""
    if cycle_months == 1:
        ym = parse_year_month(label)
        return None if ym is None else month_end(ym[0], ym[1])
    if cycle_months == 3:
        yi = parse_indexed(QUARTER_RE, label)
        return None if yi is None else month_end(yi[0], 3 * yi[1])
    year = parse_year(label)
    return None if year is None else dt.date(year, 12, 31)


def parse_year_month(label: str) -> tuple[int, int] | None:
    m = _MONTH_RE.fullmatch(label)
    if m is None:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if not (1 <= month <= 12 and MIN_YEAR <= year <= MAX_YEAR):
        return None
    return year, month


def parse_year(label: str) -> int | None:
    m = _YEAR_RE.fullmatch(label)
    if m is None:
        return None
    year = int(m.group(1))
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def parse_indexed(regex: re.Pattern[str], label: str) -> tuple[int, int] | None:
    m = regex.fullmatch(label)
    if m is None:
        return None
    year = int(m.group(1))
    return (year, int(m.group(2))) if MIN_YEAR <= year <= MAX_YEAR else None
