# SPDX-License-Identifier: MIT
"""Reading the text of notices line by line: titles, document numbers, holiday items.

:func:`parse_notices` reads a text into :class:`Notice` s, :func:`notice_days` into the days
they declare, :func:`read_notice` a UTF-8 file (see :mod:`xzjd.calendar.notice`).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable
from pathlib import Path

import attrs

from xzjd.calendar.days import CalendarDay
from xzjd.calendar.notice.clauses import ClauseReader
from xzjd.calendar.notice.pieces import Abandon, Item, OpenNotice, Piece, Where
from xzjd.calendar.notice.wording import (
    ALIASES,
    AS_FOLLOWS,
    DATE_START,
    HEAD,
    ITEM_RE,
    NORMAL,
    NUMBER,
    SIGNATURE_DATE,
    TITLE,
    TITLE_END,
    TITLE_START,
    UNKNOWN_HEAD,
    period_name,
    period_name_en,
)
from xzjd.errors import Diagnostic, InputError, Span
from xzjd.messages import diagnostic
from xzjd.vocab import HOLIDAYS

__all__ = ["Notice", "notice_days", "parse_notices", "read_notice"]

# --------------------------------------------------------------------------- results


@attrs.frozen(kw_only=True)
class Notice:
    """One notice read from a text.

    Attributes:
        title: the title, joined onto one line.
        number: the document number (文号) such as ``国办发明电〔2025〕7号``, if the text gives it.
        year: the year the notice arranges (from the title, else from the number).
        days: the rest days and working days it declares, sorted by date; each names the
            notice in its ``notice`` attribute (:attr:`name`).
    """

    title: str
    number: str | None
    year: int
    days: tuple[CalendarDay, ...]

    @property
    def name(self) -> str:
        """How calendar data cites the notice: ``"NUMBER TITLE"``, or the title alone."""
        return f"{self.number} {self.title}" if self.number else self.title


class NoticeReader(ClauseReader):
    """Reads a text line by line into notices: titles, numbers, holiday items."""

    def __init__(self, text: str, file: str, base: Iterable[CalendarDay]) -> None:
        self.file = file
        self.lines = text.lstrip("\ufeff").splitlines()
        self.diagnostics: list[Diagnostic] = []
        self.known: dict[dt.date, CalendarDay] = {d.date: d for d in base}
        self.notices: list[Notice] = []

    # ----------------------------------------------------------------- lines

    def read(self) -> list[Notice]:
        current: OpenNotice | None = None
        item: Item | None = None
        i = 0
        while i < len(self.lines):
            raw = self.lines[i]
            line_no = i + 1
            i += 1
            norm = raw.translate(NORMAL)
            stripped = norm.strip()
            if not stripped:
                continue
            if stripped.startswith("#"):
                continue
            lead = len(norm) - len(norm.lstrip())
            whole = Piece(line_no, 0, norm, raw)
            # A title, perhaps printed over two or three lines.
            if TITLE_START.match(stripped):
                title, used = self.title(i)
                if title is not None:
                    self.close(current)
                    where = Where(whole, lead, len(norm.rstrip()))
                    current = self.open(title, where)
                    item = None
                    i += used
                    continue
            compact = re.sub(r"\s+", "", stripped)
            number = NUMBER.fullmatch(compact)
            if number is not None:
                if current is not None and current.number is None and not current.items:
                    current.number = f"{number['org']}〔{number['y']}〕{number['n']}号"
                    if current.year is None:
                        current.year = int(number["y"])
                item = None
                continue
            if SIGNATURE_DATE.fullmatch(stripped):
                item = None
                continue
            for start, end in self.segments(norm):
                item = self.segment(current, item, Piece(line_no, start, norm[start:end], raw))
        self.close(current)
        if not self.notices and not self.diagnostics:
            self.error(None, "notice/no-title")
        return self.notices

    def title(self, line_no: int) -> tuple[str | None, int]:
        """The title starting on line *line_no* and how many more lines it takes.

        The title is kept as written (only spaces and line breaks removed), since calendar
        data cites it; the checks run on the normalised text.
        """
        raw = [self.lines[line_no - 1]]
        while line_no + len(raw) - 1 < len(self.lines) and len(raw) <= 3:
            joined = re.sub(r"\s+", "", "".join(raw).translate(NORMAL))
            if TITLE_END.search(joined):
                break
            more = self.lines[line_no + len(raw) - 1]
            if not more.strip():
                break
            raw.append(more)
        text = re.sub(r"[\s\u3000]+", "", "".join(raw))
        norm = text.translate(NORMAL)
        m = TITLE.fullmatch(norm)
        if m is None:
            return None, 0
        return text[m.start("t") : m.end("t")], len(raw) - 1

    @staticmethod
    def segments(norm: str) -> list[tuple[int, int]]:
        """Split a line before each item number that follows a full stop or a colon."""
        cuts = [0]
        for m in re.finditer(r"(?<=[。:])\s*(?=[一二三四五六七八九十]+\s*、)", norm):
            cuts.append(m.end())
        cuts.append(len(norm))
        return [(a, b) for a, b in itertools.pairwise(cuts) if norm[a:b].strip()]

    def open(self, title: str, where: Where) -> OpenNotice:
        year_m = re.search(r"(\d{4})年", title)
        holiday = None
        for alias in sorted(ALIASES, key=len, reverse=True):
            if alias in title.replace("“", '"').replace("”", '"'):
                holiday = ALIASES[alias]
                break
        return OpenNotice(
            title=title,
            title_where=where,
            year=int(year_m.group(1)) if year_m else None,
            holiday=holiday,
            errors_before=len(self.diagnostics),
        )

    def segment(self, notice: OpenNotice | None, item: Item | None, piece: Piece) -> Item | None:
        """Read one segment of a line; return the item that later lines may continue."""
        text = piece.text
        # The body of the current item, continued on a new line.
        if item is not None and (DATE_START.match(text) or text.lstrip().startswith("其中")):
            item.pieces.append(piece)
            return item
        head = HEAD.match(text)
        if head is not None and (head["colon"] or DATE_START.match(text, head.end())):
            names = [n for n in re.split(r"\s*[、和]\s*", head["name"]) if n]
            new = Item(period_name(names), Where(piece, head.start("name"), head.end("name")))
            return self.start(notice, new, piece, head.end())
        follows = AS_FOLLOWS.search(text)
        if follows is not None and DATE_START.match(text, follows.end()):
            new = Item(notice.holiday if notice else None, None)
            return self.start(notice, new, piece, follows.end(), bare=True)
        unknown = UNKNOWN_HEAD.match(text)
        if unknown is not None and DATE_START.match(text, unknown.end()):
            name = unknown["name"]
            self.error(
                Where(piece, unknown.start("name"), unknown.end("name")),
                "notice/unknown-holiday",
                name=name,
                value="、".join(n for n in HOLIDAYS if "、" not in n),
            )
            return None
        body = ITEM_RE.match(text)
        at = body.end() if body else 0
        if text.startswith("延长", at):
            return self.start(notice, Item(None, None), piece, at)
        if DATE_START.match(text, at):
            new = Item(notice.holiday if notice else None, None)
            return self.start(notice, new, piece, at, bare=True)
        return None  # a paragraph that arranges nothing: addressees, preamble, duties

    def start(
        self, notice: OpenNotice | None, item: Item, piece: Piece, at: int, *, bare: bool = False
    ) -> Item | None:
        where = item.where or Where(piece, at, len(piece.text.rstrip()))
        if notice is None:
            self.error(where, "notice/no-title#item-first")
            return None
        if bare and item.name is None:
            self.error(where, "notice/no-holiday")
            return None
        item.where = where
        rest = Piece(piece.line, piece.col0 + at, piece.text[at:], piece.raw)
        if rest.text.strip():
            item.pieces.append(rest)
        notice.items.append(item)
        return item

    # ----------------------------------------------------------------- notices

    def close(self, notice: OpenNotice | None) -> None:
        if notice is None:
            return
        if notice.year is None:
            self.error(notice.title_where, "notice/no-year")
            return
        if not notice.items and len(self.diagnostics) == notice.errors_before:
            self.error(notice.title_where, "notice/no-holidays")
            return
        number = notice.number
        name = f"{number} {notice.title}" if number else notice.title
        rows: dict[dt.date, tuple[CalendarDay, Where, str]] = {}
        failed = False
        for item in notice.items:
            try:
                days = self.item(notice.year, item, name)
            except Abandon:
                failed = True
                continue
            assert item.name is not None
            for day, working, where in days:
                row = CalendarDay(
                    date=day,
                    working=working,
                    holiday_zh=item.name,
                    holiday_en=period_name_en(item.name),
                    notice=name,
                )
                if day in rows and rows[day][2] != item.name:
                    self.error(
                        where, "notice/conflict#two-holidays", day=day, rows_day=rows[day][2]
                    )
                    failed = True
                    continue
                rows[day] = (row, where, item.name)
        if failed:
            return
        days_sorted = tuple(rows[d][0] for d in sorted(rows))
        self.notices.append(
            Notice(title=notice.title, number=number, year=notice.year, days=days_sorted)
        )
        for row_day in days_sorted:
            self.known[row_day.date] = row_day


# --------------------------------------------------------------------------- API


def parse_notices(
    text: str, *, file: str = "<string>", base: Iterable[CalendarDay] = ()
) -> tuple[Notice, ...]:
    """Read the notices in *text*, in order.

    Args:
        text: the text of one or more notices as published (a later notice may change an
            earlier one's days, as the 2019 change of Labour Day did).
        file: the file name for diagnostics.
        base: calendar days known before the text (e.g. ``builtin().days``); only a
            ``延长……假期`` item looks at them, to find the period it extends.

    Raises:
        InputError: the text cannot be read; every problem found, each with its line and
            column.
    """
    reader = NoticeReader(text, file, base)
    notices = reader.read()
    if reader.diagnostics:
        raise InputError(reader.diagnostics)
    return tuple(notices)


def notice_days(
    text: str, *, file: str = "<string>", base: Iterable[CalendarDay] = ()
) -> list[CalendarDay]:
    """The days the notices in *text* declare, sorted by date; a later notice wins a day.

    Raises:
        InputError: as :func:`parse_notices`.
    """
    days: dict[dt.date, CalendarDay] = {}
    for notice in parse_notices(text, file=file, base=base):
        for day in notice.days:
            days[day.date] = day
    return [days[d] for d in sorted(days)]


def read_notice(path: str | Path, *, base: Iterable[CalendarDay] = ()) -> list[CalendarDay]:
    """:func:`notice_days` of a UTF-8 text file.

    Raises:
        InputError: the file cannot be read (``notice/unreadable-file``) or its text cannot.
    """
    try:
        data = Path(path).read_bytes()
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        head = data[: exc.start]
        line = head.count(b"\n") + 1
        column = len(head[head.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        line_end = data.find(b"\n", exc.start)
        line_text = data[head.rfind(b"\n") + 1 : None if line_end < 0 else line_end]
        raise InputError(
            [
                diagnostic(
                    "notice/encoding",
                    file=str(path),
                    span=Span.point(line, column),
                    line_text=line_text.decode("utf-8", errors="replace"),
                    data_exc_start=data[exc.start],
                )
            ]
        ) from None
    except (OSError, ValueError) as exc:  # a NUL in the name is a ValueError
        reason = getattr(exc, "strerror", None) or "the name holds a NUL character"
        raise InputError(
            [diagnostic("notice/unreadable-file", file=str(path), reason=reason)]
        ) from None
    return notice_days(text, file=str(path), base=base)
