# SPDX-License-Identifier: MIT
"""Reading the dates of a holiday item: lists, ranges, days without a month, and the notes
in the brackets after a date (the weekday, checked against the date; the lunar date).
"""

from __future__ import annotations

import datetime as dt
import re

from xzjd.calendar.notice.pieces import DateAt, Item, Piece, Reporter, Where
from xzjd.calendar.notice.wording import (
    ALIASES,
    DATE,
    LIST_SEP,
    LUNAR,
    PAREN,
    RANGE_SEP,
    WEEKDAY,
    WEEKDAY_ZH,
    WEEKDAYS,
    day_range,
    weekday_en,
)


class DateReader(Reporter):
    """Reads the dates of a clause, with their places."""

    @staticmethod
    def split(text: str, seps: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
        """Spans of *text* between separators outside brackets, without empty ones."""
        hi = len(text) if hi is None else hi
        out: list[tuple[int, int]] = []
        depth = 0
        start = lo
        for pos in range(lo, hi):
            ch = text[pos]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth = max(depth - 1, 0)
            elif ch in seps and depth == 0:
                out.append((start, pos))
                start = pos + 1
        out.append((start, hi))
        return [(a, b) for a, b in out if text[a:b].strip()]

    # ----------------------------------------------------------------- dates

    def dates(
        self, year: int, item: Item, piece: Piece, a: int, b: int, *, ranges: bool
    ) -> tuple[list[DateAt], int]:
        """The dates at ``a`` (a list ``A、B``, or with *ranges* a range ``A至B``), and the end."""
        text = piece.text
        out: list[DateAt] = []
        first = self.one_date(year, item, piece, a, b)
        if first is None:
            return out, a
        d, pos = first
        rng = RANGE_SEP.match(text, pos, b)
        if ranges and rng is not None and DATE.match(text, rng.end(), b):
            nxt = self.one_date(year, item, piece, rng.end(), b, start=d)
            assert nxt is not None
            last, pos = nxt
            if last.date < d.date:
                raise self.fail(
                    Where(piece, a, last.where.end),
                    "notice/bad-range",
                    last_date=last.date,
                    d_date=d.date,
                )
            paren = PAREN.match(text, pos, b)
            if paren is not None:  # a note on the whole range: "（即农历大年初一至初七）"
                self.notes(d, piece, paren)
                pos = paren.end()
            item.span = (d.date, last.date)
            out.extend(DateAt(x, Where(piece, a, pos)) for x in day_range(d.date, last.date))
            return out, pos
        out.append(d)
        while True:
            sep = LIST_SEP.match(text, pos, b)
            if sep is None or not DATE.match(text, sep.end(), b):
                break
            nxt = self.one_date(year, item, piece, sep.end(), b, prev=d)
            assert nxt is not None
            d, pos = nxt
            out.append(d)
        return out, pos

    def one_date(
        self,
        year: int,
        item: Item,
        piece: Piece,
        a: int,
        b: int,
        *,
        start: DateAt | None = None,
        prev: DateAt | None = None,
    ) -> tuple[DateAt, int] | None:
        """One date with its bracketed notes.

        A day written without its month (``18日``) takes it from *prev*, the date before it
        in a list (``4月28日、29日``); else from the last range read, if the day falls in it
        (``1月29日至2月4日……其中，29日、30日、31日``); else from the last date read. *start* is
        the first day of the range this date ends.
        """
        text = piece.text
        m = DATE.match(text, a, b)
        if m is None:
            return None
        where = Where(piece, m.start(), m.end())
        y = int(m["y"]) if m["y"] else None
        mo = int(m["m"]) if m["m"] else None
        day = int(m["d"])
        if start is not None:  # the end of a range
            s = start.date
            if mo is None:
                y, mo = s.year, s.month
                if day < s.day:
                    y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
            elif y is None:
                y = s.year + 1 if (mo, day) < (s.month, s.day) else s.year
        elif mo is None and prev is not None:
            y, mo = prev.date.year, prev.date.month
        elif mo is None and (found := self.in_span(item, day)) is not None:
            y, mo = found
        elif mo is None:
            if item.context is None:
                raise self.fail(where, "notice/no-month", value=m.group(0))
            y, mo = item.context
        elif y is None:
            # A December date in the New Year's Day item is in the year before the notice's.
            y = year - 1 if (item.name == "元旦" and mo == 12) else year
        assert y is not None and mo is not None
        try:
            date = dt.date(y, mo, day)
        except ValueError:
            raise self.fail(where, "notice/bad-date", y=y, mo=mo, day=day) from None
        item.context = (date.year, date.month)
        d = DateAt(date, where)
        pos = m.end()
        paren = PAREN.match(text, pos, b)
        if paren is not None:
            self.notes(d, piece, paren)
            pos = paren.end()
        return d, pos

    @staticmethod
    def in_span(item: Item, day: int) -> tuple[int, int] | None:
        """The year and month in which *day* falls inside the last range read, if one does."""
        if item.span is None:
            return None
        lo, hi = item.span
        for y, mo in ((lo.year, lo.month), (hi.year, hi.month)):
            try:
                if lo <= dt.date(y, mo, day) <= hi:
                    return y, mo
            except ValueError:
                continue
        return None

    def notes(self, d: DateAt, piece: Piece, paren: re.Match[str]) -> None:
        """Check the notes in the brackets after a date: weekdays, lunar dates, holidays."""
        inner_start = paren.start("p")
        for a, b in self.split(piece.text, ",、", inner_start, paren.end("p")):
            while a < b and piece.text[a] == " ":
                a += 1
            while b > a and piece.text[b - 1] == " ":
                b -= 1
            note = piece.text[a:b]
            wd = WEEKDAY.fullmatch(note)
            if wd is not None:
                said = WEEKDAYS[wd["w"]]
                if said != d.date.weekday():
                    raise self.fail(
                        Where(piece, a, b),
                        "notice/weekday",
                        d_date=d.date,
                        weekday=weekday_en(d.date),
                        note=note,
                        weekday_zh=WEEKDAY_ZH[d.date.weekday()],
                    )
                continue
            if (
                note.startswith(("即", "农历"))
                or note in ALIASES
                or note == "除夕"
                or LUNAR.fullmatch(note)
            ):
                continue
            raise self.fail(Where(piece, a, b), "notice/unreadable#brackets", note=note)
