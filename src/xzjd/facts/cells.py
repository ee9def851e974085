# SPDX-License-Identifier: MIT
"""Cells of a data file read as values: dates, required texts and ids, unique ids.

Each function adds a diagnostic pointing at the cell when the cell is bad, and gives
``None`` (or nothing) so that a reader goes on and reports every problem of a file at once.
"""

from __future__ import annotations

import datetime as dt
import re

from xzjd.errors import Diagnostic
from xzjd.facts.rows import Row

__all__ = ["ID", "check_unique", "iso_date", "parse_date", "require"]

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: An id: letters (any script), digits, ``-`` and ``_``.
ID = re.compile(r"[\w-]+")


def iso_date(text: str) -> dt.date | None:
    """The date *text* writes as ``YYYY-MM-DD``, or ``None`` (the test of :func:`parse_date`)."""
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


def parse_date(row: Row, column: str, diags: list[Diagnostic]) -> dt.date | None:
    """The date in a cell, or ``None`` after adding a diagnostic."""
    value = row.get(column)
    if value is None:
        diags.append(
            row.diagnostic(
                "input/missing",
                column,
                f"{column} is empty",
                f"{column} 为空",
                hint="write the date as YYYY-MM-DD, for example 2010-04-30",
                hint_zh="日期请写成 YYYY-MM-DD，例如 2010-04-30",
            )
        )
        return None
    if _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    diags.append(
        row.diagnostic(
            "input/bad-date",
            column,
            f"{value!r} is not a date",
            f"{value!r} 不是有效日期",
            hint="write the date as YYYY-MM-DD, for example 2010-04-30",
            hint_zh="日期请写成 YYYY-MM-DD，例如 2010-04-30",
        )
    )
    return None


def require(row: Row, column: str, diags: list[Diagnostic], *, ident: bool = False) -> str | None:
    """The text of a cell that must not be empty (and be an id when ``ident``)."""
    value = row.get(column)
    if value is None:
        diags.append(
            row.diagnostic(
                "input/missing",
                column,
                f"{column} is empty",
                f"{column} 为空",
                hint=f"every row needs a {column}",
                hint_zh=f"每一行都须填写 {column}",
            )
        )
        return None
    if ident and not ID.fullmatch(value):
        diags.append(
            row.diagnostic(
                "input/bad-id",
                column,
                f"{value!r} is not a valid {column}",
                f"{value!r} 不是有效的 {column}",
                hint="ids are letters (any script), digits, '-' and '_'",
                hint_zh="标识由字母或汉字、数字、'-' 和 '_' 组成",
            )
        )
        return None
    return value


def check_unique(
    seen: dict[str, int], ident: str, row: Row, what: str, diags: list[Diagnostic]
) -> None:
    """Remember *ident*'s line in *seen*; add a diagnostic if it was seen before."""
    first = seen.setdefault(ident, row.line)
    if first == row.line:
        return
    diags.append(
        row.diagnostic(
            "input/duplicate-id",
            "id",
            f"duplicate {what} id {ident!r} (first on line {first})",
            f"{what} 标识 {ident!r} 重复（首次出现在第 {first} 行）",
            hint="give every row its own id",
            hint_zh="每一行须有唯一的标识",
        )
    )
