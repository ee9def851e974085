# SPDX-License-Identifier: MIT
"""Reading the clauses of a holiday item: ``……放假``, ``……上班``, ``……起上班``, ``……为法定
假日``, ``将……调至……``, ``共N天``, ``与周末连休``, ``延长……假期至……``.
"""

from __future__ import annotations

import datetime as dt

from xzjd.calendar.notice.dates import DateReader
from xzjd.calendar.notice.holiday_period import PeriodChecker
from xzjd.calendar.notice.pieces import Abandon, DateAt, Item, Piece, Where
from xzjd.calendar.notice.wording import (
    COUNT,
    DATE,
    DATE_START,
    EXTEND,
    JOIN,
    LEGAL,
    NO_SHIFT,
    REST,
    RESUME,
    TRANSFER,
    WEEKDAY_ZH,
    WEEKEND,
    WHEREOF,
    WORK,
    cn_int,
    period_name,
    weekday_en,
    weekend,
)


class ClauseReader(DateReader, PeriodChecker):
    """Reads a holiday item clause by clause, then turns it into rows."""

    # ----------------------------------------------------------------- items

    def item(self, year: int, item: Item, notice: str) -> list[tuple[dt.date, bool, Where]]:
        if not item.pieces:
            raise self.fail(item.where, "notice/empty-item", item_name=item.name)
        for piece in item.pieces:
            for sentence in self.split(piece.text, "。;"):
                s0, s1 = sentence
                if piece.text[s0:s1].lstrip().startswith("鼓励"):
                    continue  # an encouragement ("鼓励各单位……休息"), which arranges nothing
                clauses = self.split(piece.text, ",", s0, s1)
                k = 0
                while k < len(clauses):
                    k = self.clause(year, item, piece, clauses, k)
        return self.finish(item, notice)

    def clause(
        self, year: int, item: Item, piece: Piece, clauses: list[tuple[int, int]], k: int
    ) -> int:
        """Read clause *k*; return the index of the next clause to read."""
        text = piece.text
        a, b = clauses[k]
        while a < b and text[a] == " ":
            a += 1
        lead = WHEREOF.match(text, a, b)
        if lead is not None:
            a = lead.end()
            if a >= b:
                return k + 1
        whole = Where(piece, a, b)
        if text.startswith("将", a):
            return self.transfer_clause(year, item, piece, k, a + 1, b)
        extend = EXTEND.match(text, a, b)
        if extend is not None:
            names = [extend["h"]]
            item.name = item.name or period_name(names)
            dates, end = self.dates(year, item, piece, extend.end(), b, ranges=False)
            if len(dates) != 1 or text[end:b].strip():
                raise self.unreadable(whole)
            item.extend_to = dates[0]
            return k + 1
        if DATE_START.match(text, a) or DATE.match(text, a):
            return self.date_clause(year, item, piece, clauses, k, a, b)
        rest = text[a:b].strip()
        count = COUNT.fullmatch(rest)
        if count is not None:
            self.set_count(item, cn_int(count["n"]), whole)
            return k + 1
        join = JOIN.fullmatch(rest)
        if join is not None:
            if join["weekend"]:
                item.join_weekend = whole
            else:
                assert item.name is not None
                item.name = period_name([*item.name.split("、"), join["h"]])
            return k + 1
        if NO_SHIFT.fullmatch(rest):
            return k + 1
        raise self.unreadable(whole)

    def unreadable(self, where: Where) -> Abandon:
        text = where.piece.text[where.start : where.end].strip()
        return self.fail(where, "notice/unreadable", text_value=text)

    def date_clause(
        self,
        year: int,
        item: Item,
        piece: Piece,
        clauses: list[tuple[int, int]],
        k: int,
        a: int,
        b: int,
    ) -> int:
        text = piece.text
        first = a
        dates, end = self.dates(year, item, piece, a, b, ranges=True)
        rest = text[end:b].strip()
        if not rest and k + 1 < len(clauses):
            # "4月4日（清明节），为法定节假日": the dates and what is said of them are
            # separated by a comma.
            k += 1
            a, b = clauses[k]
            end, rest = a, text[a:b].strip()
        at = end + (len(text[end:b]) - len(text[end:b].lstrip()))
        whole = Where(piece, first, b)
        m = REST.fullmatch(rest)
        if m is not None:
            for d in dates:
                item.rest.setdefault(d.date, d.where)
            if m["n"]:
                self.set_count(item, cn_int(m["n"]), Where(piece, at, b))
            return k + 1
        if WORK.fullmatch(rest):
            for d in dates:
                if not weekend(d.date):
                    raise self.fail(
                        d.where,
                        "notice/not-weekend#working-day",
                        d_date=d.date,
                        weekday=weekday_en(d.date),
                        weekday_zh=WEEKDAY_ZH[d.date.weekday()],
                    )
                item.work[d.date] = d.where
            return k + 1
        if RESUME.fullmatch(rest):
            if len(dates) != 1:
                raise self.unreadable(whole)
            item.resume = dates[0]
            return k + 1
        if LEGAL.fullmatch(rest):
            item.inside.extend(dates)
            return k + 1
        if WEEKEND.fullmatch(rest):
            for d in dates:
                self.require_weekend(d)
            return k + 1
        if TRANSFER.match(rest):
            return self.transfer(year, item, piece, dates, at, b, k)
        raise self.unreadable(whole)

    def transfer_clause(self, year: int, item: Item, piece: Piece, k: int, a: int, b: int) -> int:
        """``将A、B两个公休日调至C、D``."""
        text = piece.text
        while a < b and text[a] == " ":
            a += 1
        dates, end = self.dates(year, item, piece, a, b, ranges=False)
        at = end + (len(text[end:b]) - len(text[end:b].lstrip()))
        if not dates or not TRANSFER.match(text, at, b):
            raise self.unreadable(Where(piece, a, b))
        return self.transfer(year, item, piece, dates, at, b, k)

    def transfer(
        self,
        year: int,
        item: Item,
        piece: Piece,
        sources: list[DateAt],
        at: int,
        b: int,
        k: int,
    ) -> int:
        text = piece.text
        m = TRANSFER.match(text, at, b)
        assert m is not None
        targets, end = self.dates(year, item, piece, m.end(), b, ranges=False)
        tail = text[end:b].strip()
        if not targets or tail not in ("", "休息"):
            raise self.unreadable(Where(piece, at, b))
        for d in sources:
            self.require_weekend(d)
        if m["k"] and cn_int(m["k"]) != len(sources):
            raise self.fail(
                Where(piece, m.start("k"), m.end("k") + 1),
                "notice/count",
                value=cn_int(m["k"]),
                m=m["k"],
                n_sources=len(sources),
            )
        moved = len(sources) + (1 if m["h"] else 0)
        if moved != len(targets):
            raise self.fail(
                Where(piece, m.end(), end),
                "notice/count#moved",
                moved=moved,
                n_targets=len(targets),
            )
        for d in sources:
            item.moved[d.date] = d.where
        item.inside.extend(targets)
        return k + 1

    def require_weekend(self, d: DateAt) -> None:
        if not weekend(d.date):
            raise self.fail(
                d.where,
                "notice/not-weekend",
                d_date=d.date,
                weekday=weekday_en(d.date),
                weekday_zh=WEEKDAY_ZH[d.date.weekday()],
            )

    def set_count(self, item: Item, n: int, where: Where) -> None:
        if item.count is not None and item.count[0] != n:
            raise self.fail(where, "notice/count#two-counts", item_count=item.count[0], n=n)
        item.count = (n, where)
