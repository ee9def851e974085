# SPDX-License-Identifier: MIT
"""``xzjd calendar``: the working-day calendar data from the command line.

* ``xzjd calendar import NOTICE.txt [-o FILE]`` reads a State Council holiday notice as
  published and prints the year's rows in the calendar CSV format of ``cn.csv``;
* ``xzjd calendar show YEAR [--format table|json]`` prints a year's rest days and make-up
  working days with the source of each: the notice, or, in a provisional year, the article of
  the holiday law.

Exit status: 0 success, 2 bad input (a positioned message on stderr).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any, TextIO

from xzjd.calendar import Calendar, CalendarDay, builtin
from xzjd.calendar.notice import read_notice, render_csv
from xzjd.errors import UsageError, XzjdError, render_error
from xzjd.messages import explained
from xzjd.text.escape import escape_controls

__all__ = ["add_commands", "cmd_calendar_import", "cmd_calendar_show", "year_record"]

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def _error(exc: XzjdError, stderr: TextIO, lang: str) -> int:
    print(render_error(exc, lang=lang), file=stderr)
    return 2


def cmd_calendar_import(
    args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO, lang: str
) -> int:
    """``xzjd calendar import NOTICE``: a State Council holiday notice as calendar CSV rows."""
    try:
        # The built-in days let an extension notice (延长……假期) find the period it extends.
        days = read_notice(args.notice, base=builtin().days)
    except XzjdError as exc:
        return _error(exc, stderr, lang)
    text = render_csv(days)
    if args.output is None:
        stdout.write(text)
        return 0
    try:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except (OSError, ValueError) as exc:  # a NUL in the name is a ValueError
        reason = getattr(exc, "strerror", None) or "the name holds a NUL character"
        zh = lang == "zh"
        what = "无法写入" if zh else "cannot write"
        print(
            f"{escape_controls(args.output)}: error[file/unwritable]: {what}: {reason}",
            file=stderr,
        )
        print(
            "提示: 请检查文件及其目录是否可写"
            if zh
            else "hint: check that the file and its folder are writable",
            file=stderr,
        )
        return 2
    return 0


def year_record(calendar: Calendar, year: int) -> dict[str, Any]:
    """What *calendar* says of *year*: its declared days and their sources, as plain data.

    Raises:
        CalendarError: the calendar has no data for *year*, not even provisional.
    """
    calendar.is_working_day(dt.date(year, 1, 1))  # raises, naming the year, if uncovered
    days: list[CalendarDay] = [d for d in calendar.days if d.date.year == year]
    return {
        "calendar": calendar.name,
        "year": year,
        "provisional": year in calendar.provisional_years,
        "days": [
            {
                "date": d.date.isoformat(),
                "type": "work" if d.working else "rest",
                "holiday_zh": d.holiday_zh,
                "holiday_en": d.holiday_en,
                "source": d.notice,
            }
            for d in days
        ],
    }


def _table(record: dict[str, Any], lang: str) -> str:
    zh = lang == "zh"
    year = record["year"]
    if record["provisional"]:
        head = (
            f"{record['calendar']} {year}：暂定（日历数据中没有国务院该年节假日安排通知，"
            "仅按《全国年节及纪念日放假办法》推算法定节假日和补假，不含调休上班日）"
            if zh
            else f"{record['calendar']} {year}: provisional (no State Council notice for {year} "
            "in the calendar data: the statutory holidays and make-up rest days of the holiday "
            "law only, no 调休 make-up working days)"
        )
    else:
        head = f"{record['calendar']} {year}"
    lines = [head]
    weekdays = _WEEKDAYS_ZH if zh else _WEEKDAYS_EN
    for d in record["days"]:
        day = dt.date.fromisoformat(d["date"])
        kind = ("上班" if d["type"] == "work" else "休息") if zh else d["type"]
        name = (d["holiday_zh"] if zh else d["holiday_en"]) or ""
        source = d["source"] or ""
        lines.append(f"  {d['date']}  {weekdays[day.weekday()]}  {kind}  {name}  {source}")
    if not record["days"]:
        lines.append("  （无）" if zh else "  (no declared days: weekends only)")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def cmd_calendar_show(
    args: argparse.Namespace, *, stdout: TextIO, stderr: TextIO, lang: str
) -> int:
    """``xzjd calendar show YEAR``: a year's rest days and make-up working days, with sources."""
    try:
        calendar = builtin(args.name)
    except KeyError as exc:
        return _error(
            explained(
                UsageError,
                "argument/unknown-calendar",
                argument="--name",
                detail=exc.args[0],
                name=args.name,
            ),
            stderr,
            lang,
        )
    try:
        if args.file is not None:
            calendar = Calendar.from_file(args.file, base=calendar)
        record = year_record(calendar, args.year)
    except XzjdError as exc:
        return _error(exc, stderr, lang)
    if args.format == "json":
        stdout.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
    else:
        stdout.write(_table(record, lang))
    return 0


def _year(text: str) -> int:
    if text.isdigit() and len(text) == 4 and text != "0000":  # years run from 0001
        return int(text)
    raise argparse.ArgumentTypeError(f"{text!r} is not a year (write YYYY, e.g. 2027)")


def add_commands(sub: Any) -> Any:
    """Add ``xzjd calendar`` with ``import`` and ``show``; return its subcommands."""
    calendar = sub.add_parser(
        "calendar",
        help="working-day calendar data",
        description="Working-day calendar data (工作日日历数据).",
    )
    commands = calendar.add_subparsers(dest="calendar_command", required=True, metavar="COMMAND")
    imp = commands.add_parser(
        "import",
        help="read a State Council holiday notice into calendar rows",
        description=(
            "Read the text of a State Council holiday notice (国务院办公厅关于YYYY年部分节假日"
            "安排的通知), pasted as published, and print its rest days and working days in the "
            "calendar CSV format of cn.csv. Load the result with "
            "Calendar.from_file(PATH, base=builtin())."
        ),
    )
    imp.add_argument("notice", metavar="NOTICE", help="the notice as a UTF-8 text file")
    imp.add_argument("-o", "--output", metavar="FILE", help="write the CSV to FILE, not stdout")
    imp.set_defaults(func=cmd_calendar_import)
    show = commands.add_parser(
        "show",
        help="a year's rest days and make-up working days, with their sources",
        description=(
            "Print a year's rest days and make-up working days (调休) with the source of each: "
            "the State Council notice, or, for a year without one, the article of the holiday "
            "law it is derived from (provisional)."
        ),
    )
    show.add_argument("year", type=_year, metavar="YEAR")
    show.add_argument("--name", default="cn", help="the built-in calendar (default: cn)")
    show.add_argument(
        "--file", metavar="FILE", help="calendar data (CSV or TOML) laid over the built-in one"
    )
    show.add_argument("--format", choices=("table", "json"), default="table")
    show.set_defaults(func=cmd_calendar_show)
    return commands
