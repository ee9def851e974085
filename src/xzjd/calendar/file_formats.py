# SPDX-License-Identifier: MIT
"""Reading calendar files: the CSV format of ``cn.csv`` and the TOML format.

:func:`parse_csv` and :func:`parse_toml` turn a file's text into the days it declares (and,
for TOML, the calendar's name, base, notice and years); every problem is an
:class:`~xzjd.errors.InputError` with the file, the line, the column and a hint. Both
formats are described in ``docs/calendar.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tomllib
from collections.abc import Iterable
from typing import Any

import attrs

from xzjd.calendar.days import CalendarDay, days_in
from xzjd.errors import InputError, Span
from xzjd.messages import diagnostic
from xzjd.model import MAX_RANGE_DAYS
from xzjd.text.lines import LineIndex

__all__ = ["CSV_HEADER", "parse_csv", "parse_toml", "render_csv"]

#: The header of the calendar CSV format (``src/xzjd/data/cn.csv``).
CSV_HEADER = ("date", "type", "holiday_zh", "holiday_en", "notice")


def _bad(
    file: str,
    key: str,
    /,
    *,
    line: int | None = None,
    column: int = 1,
    width: int = 1,
    line_text: str | None = None,
    **fields: Any,
) -> InputError:
    """The error of catalogue entry *key* (:mod:`xzjd.messages`), at *line* if given."""
    span = Span(line, column, line, column + max(width, 1)) if line is not None else None
    return InputError([diagnostic(key, file=file, span=span, line_text=line_text, **fields)])


def parse_csv(text: str, file: str) -> list[CalendarDay]:
    """Rows of a calendar CSV (``date,type,holiday_zh,holiday_en,notice``).

    Lines end at ``\n``, ``\r\n`` or ``\r`` for the reader and for the lines quoted in
    diagnostics alike (``newline=""`` gives the csv module every line end as written).
    """
    lines = LineIndex(text)
    reader = csv.reader(io.StringIO(text, newline=""))
    days: list[CalendarDay] = []
    seen: dict[dt.date, int] = {}
    header: list[str] | None = None
    rows = iter(reader)
    while True:
        try:
            row = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:  # a cell longer than the csv module's field limit
            lineno = reader.line_num
            raise _bad(
                file, "calendar/bad-csv", line=lineno, line_text=lines.line_text(lineno), exc=exc
            ) from None
        lineno = reader.line_num
        line_text = lines.line_text(lineno)
        if not row or all(not c.strip() for c in row):
            continue
        if header is None:
            header = [c.strip().lower() for c in row]
            if header[:2] != ["date", "type"]:
                raise _bad(
                    file,
                    "calendar/bad-header",
                    line=lineno,
                    width=len(line_text or ""),
                    line_text=line_text,
                )
            continue
        cells = dict(zip(header, (c.strip() for c in row), strict=False))
        date_text = cells.get("date", "")
        col = 1
        try:
            day = dt.date.fromisoformat(date_text)
        except ValueError:
            raise _bad(
                file,
                "calendar/bad-date#csv",
                line=lineno,
                column=col,
                width=len(date_text),
                line_text=line_text,
                date_text=date_text,
            ) from None
        kind = cells.get("type", "").lower()
        if kind not in ("rest", "work"):
            col = (line_text or "").find(kind) + 1 if kind else len(date_text) + 2
            raise _bad(
                file,
                "calendar/bad-type",
                line=lineno,
                column=max(col, 1),
                width=len(kind),
                line_text=line_text,
                value=cells.get("type", ""),
            )
        if day in seen:
            raise _bad(
                file,
                "calendar/duplicate-date",
                line=lineno,
                width=len(date_text),
                line_text=line_text,
                day=day,
                seen_day=seen[day],
            )
        seen[day] = lineno
        days.append(
            CalendarDay(
                date=day,
                working=kind == "work",
                holiday_zh=cells.get("holiday_zh") or None,
                holiday_en=cells.get("holiday_en") or None,
                notice=cells.get("notice") or None,
            )
        )
    return days


def _toml_date(value: Any, file: str, what: str) -> dt.date:
    if isinstance(value, dt.datetime):
        raise _bad(file, "calendar/bad-date#time", what=what, value=value)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise _bad(file, "calendar/bad-date", what=what, value=value)


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")


def parse_toml(text: str, file: str) -> tuple[dict[str, Any], list[CalendarDay]]:
    """The metadata and the days of a calendar TOML file (schema in docs/calendar.md)."""
    try:
        data = tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError is a ValueError
        what = str(exc) if isinstance(exc, ValueError) else "nested too deeply"
        where = _TOML_AT.search(what)
        lines = text.split("\n")
        line = int(where[1]) if where and where[1] else None
        column = int(where[2]) if where and where[2] else 1
        if where is None and isinstance(exc, RecursionError):
            # tomllib gives no place: the first line that opens a nested value.
            line = next((n for n, t in enumerate(lines, 1) if "[[" in t or "{" in t), 1)
        if where is not None and where[1] is None:  # "(at end of document)"
            line = len(lines) - 1 if len(lines) > 1 and not lines[-1] else len(lines)
            column = len(lines[line - 1]) + 1
        digits = _LONG_NUMBER.search(text) if "integer string conversion" in what else None
        if digits is not None:  # a number too long for int()
            line = text.count("\n", 0, digits.start()) + 1
            column = digits.start() - (text.rfind("\n", 0, digits.start()) + 1) + 1
            what = f"a number of {len(digits[0])} digits is too long"
        raise _bad(
            file,
            "calendar/bad-toml",
            line=line,
            column=column,
            line_text=lines[line - 1] if line is not None and 0 < line <= len(lines) else None,
            value=_TOML_AT.sub("", what),
        ) from None
    try:
        return _toml_days(data, file)
    except InputError as exc:
        # TOML values carry no position: find the key or the table the message names.
        diag = exc.diagnostics[0]
        found = None if diag.span is not None else _toml_locate(text, diag.message)
        if found is None:
            raise
        line, column, width = found
        raise InputError(
            [
                attrs.evolve(
                    diag,
                    span=Span(line, column, line, column + width),
                    line_text=text.split("\n")[line - 1],
                )
            ]
        ) from None


_ITEM = re.compile(r"^(rest|work) #(\d+)")
_LONG_NUMBER = re.compile(r"\d{4301,}")
_KEY_NAMED = re.compile(r"^(?:unknown key |)'([^']+)'")


def _toml_locate(text: str, message: str) -> tuple[int, int, int] | None:
    """(line, column, width) of what a TOML calendar error is about, when it can be found.

    ``rest #N`` / ``work #N``: the Nth ``[[rest]]`` table, else the ``rest = [...]`` line;
    ``'key' ...`` or ``unknown key 'key'``: the line that sets the key.
    """
    lines = text.split("\n")

    def key_line(key: str) -> tuple[int, int, int] | None:
        name = r"[\"']?" + re.escape(key) + r"[\"']?"
        pattern = re.compile(r"^\s*(?:" + name + r"\s*[=.]|\[\[?\s*" + name + r"\s*[\].])")
        for number, line in enumerate(lines, 1):
            if pattern.match(line):
                column = len(line) - len(line.lstrip()) + 1
                return number, column, len(key)
        return None

    item = _ITEM.match(message)
    if item is not None:
        table, n = item[1], int(item[2])
        header = re.compile(r"^\s*\[\[\s*" + table + r"\s*\]\]")
        seen = 0
        for number, line in enumerate(lines, 1):
            if header.match(line):
                seen += 1
                if seen == n:
                    column = len(line) - len(line.lstrip()) + 1
                    return number, column, len(line.strip())
        return key_line(table)
    named = _KEY_NAMED.match(message)
    return None if named is None else key_line(named[1])


def _toml_days(data: dict[str, Any], file: str) -> tuple[dict[str, Any], list[CalendarDay]]:
    known = {"name", "base", "notice", "years", "rest", "work"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise _bad(file, "calendar/unknown-key", unknown=unknown[0], value=", ".join(sorted(known)))
    meta: dict[str, Any] = {k: data[k] for k in ("name", "base", "notice") if k in data}
    for key in ("name", "base", "notice"):
        if key in meta and not isinstance(meta[key], str):
            raise _bad(file, "calendar/bad-value#not-string", key_value=key)
    years = data.get("years", [])
    if not isinstance(years, list) or not all(
        isinstance(y, int) and not isinstance(y, bool) and 1 <= y <= 9999 for y in years
    ):
        raise _bad(file, "calendar/bad-value")
    meta["years"] = tuple(years)
    default_notice: str | None = meta.get("notice")
    days: list[CalendarDay] = []
    rest_dates: set[dt.date] = set()

    def items(key: str) -> list[Any]:
        value = data.get(key, [])
        if not isinstance(value, list):
            raise _bad(file, "calendar/bad-value#not-list", key_value=key)
        return value

    for n, item in enumerate(items("rest"), start=1):
        what = f"rest #{n}"
        if isinstance(item, dict):
            extra = sorted(set(item) - {"from", "to", "date", "name", "name_en", "notice"})
            if extra:
                raise _bad(file, "calendar/unknown-key#in-table", what=what, extra=extra[0])
            if "date" in item:
                first = last = _toml_date(item["date"], file, what)
            elif "from" in item:
                first = _toml_date(item["from"], file, what)
                last = _toml_date(item.get("to", item["from"]), file, what)
            else:
                raise _bad(file, "calendar/bad-value#no-range", what=what)
            name_zh, name_en = item.get("name"), item.get("name_en")
            notice = item.get("notice", default_notice)
        else:
            first = last = _toml_date(item, file, what)
            name_zh = name_en = None
            notice = default_notice
        if last < first:
            raise _bad(file, "calendar/bad-range", what=what, first=first, last=last)
        if (last - first).days >= MAX_RANGE_DAYS:
            raise _bad(
                file,
                "calendar/bad-range#too-long",
                what=what,
                first=first,
                last=last,
                MAX_RANGE_DAYS=MAX_RANGE_DAYS,
            )
        for day in days_in(first, last):
            rest_dates.add(day)
            days.append(
                CalendarDay(
                    date=day, working=False, holiday_zh=name_zh, holiday_en=name_en, notice=notice
                )
            )
    for n, item in enumerate(items("work"), start=1):
        what = f"work #{n}"
        if isinstance(item, dict):
            extra = sorted(set(item) - {"date", "name", "name_en", "notice"})
            if extra:
                raise _bad(file, "calendar/unknown-key#in-table", what=what, extra=extra[0])
            if "date" not in item:
                raise _bad(file, "calendar/bad-value#no-date", what=what)
            day = _toml_date(item["date"], file, what)
            name_zh, name_en = item.get("name"), item.get("name_en")
            notice = item.get("notice", default_notice)
        else:
            day = _toml_date(item, file, what)
            name_zh = name_en = None
            notice = default_notice
        if day in rest_dates:
            raise _bad(file, "calendar/conflict", what=what, day=day)
        days.append(
            CalendarDay(
                date=day, working=True, holiday_zh=name_zh, holiday_en=name_en, notice=notice
            )
        )
    return meta, days


def render_csv(days: Iterable[CalendarDay]) -> str:
    """The days in the calendar CSV format of ``cn.csv``: the header, then one row a day."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for day in days:
        writer.writerow(
            (
                day.date.isoformat(),
                "work" if day.working else "rest",
                day.holiday_zh or "",
                day.holiday_en or "",
                day.notice or "",
            )
        )
    return buf.getvalue()
