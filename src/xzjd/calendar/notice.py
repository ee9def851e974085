# SPDX-License-Identifier: MIT
"""Read a State Council holiday notice as published and turn it into calendar days.

Every year the General Office of the State Council publishes the next year's arrangement
(国务院办公厅关于YYYY年部分节假日安排的通知): for each holiday, the days off and the weekend
days that are worked. :func:`parse_notices` reads the text of such a notice, pasted as it is
published, and returns the days in the form of the built-in calendar's data
(:class:`xzjd.calendar.days.CalendarDay`, one a day); :func:`render_csv` writes them in the format
of ``src/xzjd/data/cn.csv``, so the result loads with
``Calendar.from_file(path, base=builtin())``.

What is read:

* the title (``国务院办公厅关于2026年部分节假日安排的通知``, also split over two or three lines
  as printed), which gives the year, and the document number (``国办发明电〔2025〕7号``);
* the holiday items, ``一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。``
  with full-width or half-width punctuation, ``星期X`` / ``周X`` weekdays, lunar dates in the
  brackets, ranges across months and years, ``放假`` / ``放假调休`` / ``放假公休`` / ``补休``,
  ``与周末连休``, ``共N天`` (checked), and the older wordings of 2004-2010 (``其中……为法定假日``,
  ``将……两个公休日调至……``, ``照常公休``): a weekend day whose rest is moved into the holiday
  is a working day;
* special notices: a paragraph of dates under a title that names the holiday
  (``国务院办公厅关于调整2019年劳动节假期安排的通知``) and ``延长……假期至……``, which extends the
  holiday's last period (found earlier in the same text, or in *base*).

Several notices may follow one another in one text; a later notice replaces what an earlier
one said of a day. Other paragraphs (the addressees, the preamble, the closing duties, the
signature) are skipped; lines starting with ``#`` are comments. A holiday item that cannot be
read, a weekday that does not match its date, a count ``共N天`` that does not match the
period, or a working day that is not a weekend day is an :class:`~xzjd.errors.InputError`
pointing at the line and column.

The module reads no clock and no file except in :func:`read_notice`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import attrs

from xzjd.calendar.days import CalendarDay
from xzjd.errors import Diagnostic, InputError, Span
from xzjd.vocab import HOLIDAYS

__all__ = [
    "CSV_HEADER",
    "HOLIDAYS",
    "Notice",
    "notice_days",
    "parse_notices",
    "read_notice",
    "render_csv",
]

#: The header of the calendar CSV format (``src/xzjd/data/cn.csv``).
CSV_HEADER = ("date", "type", "holiday_zh", "holiday_en", "notice")

# The spellings of a holiday in notices (after normalisation: ASCII quotes) -> its name.
_ALIASES: dict[str, str] = {
    "元旦": "元旦",
    "新年": "元旦",
    "春节": "春节",
    "清明节": "清明节",
    "清明": "清明节",
    "劳动节": "劳动节",
    "国际劳动节": "劳动节",
    '"五一"国际劳动节': "劳动节",
    '"五一"劳动节': "劳动节",
    '"五一"': "劳动节",
    "端午节": "端午节",
    "中秋节": "中秋节",
    "国庆节": "国庆节",
    '"十一"': "国庆节",
    "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日": "抗战胜利70周年纪念日",
    "抗日战争暨世界反法西斯战争胜利70周年纪念日": "抗战胜利70周年纪念日",
    "抗战胜利70周年纪念日": "抗战胜利70周年纪念日",
}

# Two holidays named together ("中秋节、国庆节", "国庆节、中秋节") -> the name of the joint period.
_JOINT: dict[frozenset[str], str] = {frozenset({"中秋节", "国庆节"}): "中秋节、国庆节"}

_WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
_CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}

# --------------------------------------------------------------------------- normalisation


def _normal_table() -> dict[int, str]:
    table = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}  # full-width ASCII
    table[0x3000] = " "
    table[ord("\t")] = " "
    for quote in "“”„‟「」『』":
        table[ord(quote)] = '"'
    for dash in "‐‑‒–—―﹣−":
        table[ord(dash)] = "-"
    table[ord("〜")] = "~"
    return table


# One character for one character, so offsets in the normalised text are columns of the line.
_NORMAL = _normal_table()

_NAMES = "|".join(re.escape(a) for a in sorted(_ALIASES, key=len, reverse=True))
_NAME_LIST = rf"(?:{_NAMES})(?:\s*[、和]\s*(?:{_NAMES}))*"
_NUM = r"(?:\d+|[一二两三四五六七八九十]+)"

_DATE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日")
_DATE_START = re.compile(r"\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日")
_PAREN = re.compile(r"\s*\((?P<p>[^()]*)\)")
_LIST_SEP = re.compile(r"\s*[、和]\s*")
_RANGE_SEP = re.compile(r"\s*(?:至|到|-+|~+)\s*")
_ITEM = r"(?:[一二三四五六七八九十]+\s*、|\(\s*[一二三四五六七八九十]+\s*\)|\d+\s*[、.]|-{2,})?\s*"
_ITEM_RE = re.compile(rf"\s*{_ITEM}")
_HEAD = re.compile(rf"\s*{_ITEM}(?P<name>{_NAME_LIST})\s*(?P<colon>:)?\s*")
_UNKNOWN_HEAD = re.compile(rf"\s*{_ITEM}(?P<name>[^:,;。、\d\s\"]{{1,24}}?)\s*:")
_AS_FOLLOWS = re.compile(r"如下[^:。]{0,8}:\s*")
_TITLE = re.compile(
    r"(?:新华社\S*?电)?《?(?P<t>国务院(?:办公厅)?关于.+?的通知)》?(?:,?全文如下:?)?"
)
_TITLE_END = re.compile(r"的通知》?(?:,?全文如下:?)?$")
# A title line, perhaps after a news agency's dateline ("新华社北京11月4日电 ").
_TITLE_START = re.compile(r"(?:新华社\S*电\s*)?《?国务院(?:办公厅)?关于")
_NUMBER = re.compile(
    r"(?P<org>国办发明电|国发明电|国办发|国发)[〔\[［【(](?P<y>\d{4})[〕\]］】)](?P<n>\d+)号"
)
_SIGNATURE_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")

_REST = re.compile(
    rf"(?:放假调休|调休放假|放假公休|放假|补休|调休|休息)(?:\s*共?\s*(?P<n>{_NUM})\s*天)?"
)
_WORK = re.compile(r"(?:照常|正常)?上班")
_RESUME = re.compile(r"起\s*(?:照常|正常)?上班")
_LEGAL = re.compile(rf"(?:为|是)(?:国家)?(?:{_NAMES})?法定(?:节)?(?:休)?假日")
_WEEKEND = re.compile(r"(?:为|是)?(?:照常)?公休日?")
_TRANSFER = re.compile(
    rf"(?:的)?\s*(?:(?P<k>{_NUM})个)?\s*公休日?\s*(?:及\s*(?P<h>{_NAMES}))?\s*(?:分别)?\s*调至\s*"
)
_COUNT = re.compile(rf"共\s*(?P<n>{_NUM})\s*天")
_JOIN = re.compile(rf"与\s*(?:(?P<weekend>周末|双休日)|(?P<h>{_NAMES}))\s*连休")
_NO_SHIFT = re.compile(r"不(?:调休|补休)")
_EXTEND = re.compile(rf"延长\s*(?:\d{{4}}\s*年\s*)?(?P<h>{_NAMES})\s*假期\s*至\s*")
_WHEREOF = re.compile(r"其中\s*[:,]?\s*")
_LUNAR = re.compile(r"(?:大年|正月|腊月)?初?[一二三四五六七八九十廿]+日?")
_WEEKDAY = re.compile(r"(?:星期|周|礼拜)(?P<w>[一二三四五六日天])")


_CHECK_AGAINST_PUBLISHED = (
    "compare this part with the notice as published by the General Office of the State Council"
)
_CHECK_AGAINST_PUBLISHED_ZH = "请对照国务院办公厅发布的通知原文检查此处"


def _cn_int(text: str) -> int:
    """``"7"``, ``"七"``, ``"十二"`` -> 7, 7, 12.

    A number of more than nine digits counts as 10**9: no count of days comes near it, and
    Python's ``int()`` refuses more than 4300 digits.
    """
    if text.isdigit():
        return int(text) if len(text) <= 9 else 10**9
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0))
    return _CN_DIGITS.get(text, 0)


def _weekend(d: dt.date) -> bool:
    return d.weekday() >= 5


def _weekday_en(d: dt.date) -> str:
    return _WEEKDAY_EN[d.weekday()]


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def _next_day(d: dt.date) -> dt.date | None:
    """The day after *d*; ``None`` after 9999-12-31, the last date there is."""
    return None if d == dt.date.max else d + dt.timedelta(days=1)


def _day_before(d: dt.date) -> dt.date | None:
    """The day before *d*; ``None`` before 0001-01-01, the first date there is."""
    return None if d == dt.date.min else d - dt.timedelta(days=1)


def _holiday(names: Sequence[str]) -> str:
    """The name of the period of one or more holidays named together."""
    canon: list[str] = []
    for name in names:
        c = _ALIASES[name]
        if c not in canon:
            canon.append(c)
    if len(canon) == 1:
        return canon[0]
    return _JOINT.get(frozenset(canon), "、".join(canon))


def _holiday_en(name: str) -> str:
    if name in HOLIDAYS:
        return HOLIDAYS[name]
    return " and ".join(HOLIDAYS.get(part, part) for part in name.split("、"))


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


# --------------------------------------------------------------------------- parsing


@attrs.define
class _Piece:
    """A stretch of one line that belongs to a holiday item."""

    line: int  # 1-based
    col0: int  # 0-based offset of the piece in the line
    text: str  # normalised
    raw: str  # the whole original line


@attrs.define
class _Where:
    piece: _Piece
    start: int
    end: int


@attrs.define
class _Date:
    date: dt.date
    where: _Where


class _Abandon(Exception):
    """An item has an error (already recorded); drop the item."""


@attrs.define
class _Item:
    """The facts of one holiday item, gathered clause by clause."""

    name: str | None
    where: _Where | None
    pieces: list[_Piece] = attrs.Factory(list)
    rest: dict[dt.date, _Where] = attrs.Factory(dict)
    work: dict[dt.date, _Where] = attrs.Factory(dict)
    moved: dict[dt.date, _Where] = attrs.Factory(dict)  # weekend days whose rest was moved
    inside: list[_Date] = attrs.Factory(list)  # days the text says lie in the period
    resume: _Date | None = None
    count: tuple[int, _Where] | None = None
    join_weekend: _Where | None = None
    extend_to: _Date | None = None
    context: tuple[int, int] | None = None  # year and month of the last date read
    span: tuple[dt.date, dt.date] | None = None  # the last range read


@attrs.define
class _Open:
    """A notice being read."""

    title: str
    title_where: _Where
    year: int | None
    number: str | None = None
    holiday: str | None = None  # the holiday the title names, for paragraphs of bare dates
    errors_before: int = 0  # diagnostics recorded before the title
    items: list[_Item] = attrs.Factory(list)


class _Reader:
    def __init__(self, text: str, file: str, base: Iterable[CalendarDay]) -> None:
        self.file = file
        self.lines = text.lstrip("\ufeff").splitlines()
        self.diagnostics: list[Diagnostic] = []
        self.known: dict[dt.date, CalendarDay] = {d.date: d for d in base}
        self.notices: list[Notice] = []

    # ----------------------------------------------------------------- diagnostics

    def error(
        self,
        where: _Where | None,
        code: str,
        message: str,
        message_zh: str,
        hint: str | None = None,
        hint_zh: str | None = None,
    ) -> None:
        span = line_text = None
        if hint is None:
            # Every problem of a notice is a difference from the text as published.
            hint = _CHECK_AGAINST_PUBLISHED
            hint_zh = _CHECK_AGAINST_PUBLISHED_ZH
        if where is not None:
            col = where.piece.col0 + where.start + 1
            width = max(where.end - where.start, 1)
            span = Span(where.piece.line, col, where.piece.line, col + width)
            line_text = where.piece.raw
        self.diagnostics.append(
            Diagnostic(
                code=code,
                message=message,
                file=self.file,
                span=span,
                line_text=line_text,
                hint=hint,
                message_zh=message_zh,
                hint_zh=hint_zh,
            )
        )

    def fail(
        self, where: _Where | None, code: str, message: str, message_zh: str, **hints: str
    ) -> _Abandon:
        self.error(where, code, message, message_zh, hints.get("hint"), hints.get("hint_zh"))
        return _Abandon()

    # ----------------------------------------------------------------- lines

    def read(self) -> list[Notice]:
        current: _Open | None = None
        item: _Item | None = None
        i = 0
        while i < len(self.lines):
            raw = self.lines[i]
            line_no = i + 1
            i += 1
            norm = raw.translate(_NORMAL)
            stripped = norm.strip()
            if not stripped:
                continue
            if stripped.startswith("#"):
                continue
            lead = len(norm) - len(norm.lstrip())
            whole = _Piece(line_no, 0, norm, raw)
            # A title, perhaps printed over two or three lines.
            if _TITLE_START.match(stripped):
                title, used = self.title(i)
                if title is not None:
                    self.close(current)
                    where = _Where(whole, lead, len(norm.rstrip()))
                    current = self.open(title, where)
                    item = None
                    i += used
                    continue
            compact = re.sub(r"\s+", "", stripped)
            number = _NUMBER.fullmatch(compact)
            if number is not None:
                if current is not None and current.number is None and not current.items:
                    current.number = f"{number['org']}〔{number['y']}〕{number['n']}号"
                    if current.year is None:
                        current.year = int(number["y"])
                item = None
                continue
            if _SIGNATURE_DATE.fullmatch(stripped):
                item = None
                continue
            for start, end in self.segments(norm):
                item = self.segment(current, item, _Piece(line_no, start, norm[start:end], raw))
        self.close(current)
        if not self.notices and not self.diagnostics:
            self.error(
                None,
                "notice/no-title",
                "no notice found: the text has no title such as "
                "国务院办公厅关于2027年部分节假日安排的通知",
                "未找到通知：文本中没有“国务院办公厅关于2027年部分节假日安排的通知”这样的标题",
                "paste the notice from its title line to its last holiday item",
                "请从标题行起粘贴通知全文",
            )
        return self.notices

    def title(self, line_no: int) -> tuple[str | None, int]:
        """The title starting on line *line_no* and how many more lines it takes.

        The title is kept as written (only spaces and line breaks removed), since calendar
        data cites it; the checks run on the normalised text.
        """
        raw = [self.lines[line_no - 1]]
        while line_no + len(raw) - 1 < len(self.lines) and len(raw) <= 3:
            joined = re.sub(r"\s+", "", "".join(raw).translate(_NORMAL))
            if _TITLE_END.search(joined):
                break
            more = self.lines[line_no + len(raw) - 1]
            if not more.strip():
                break
            raw.append(more)
        text = re.sub(r"[\s\u3000]+", "", "".join(raw))
        norm = text.translate(_NORMAL)
        m = _TITLE.fullmatch(norm)
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

    def open(self, title: str, where: _Where) -> _Open:
        year_m = re.search(r"(\d{4})年", title)
        holiday = None
        for alias in sorted(_ALIASES, key=len, reverse=True):
            if alias in title.replace("“", '"').replace("”", '"'):
                holiday = _ALIASES[alias]
                break
        return _Open(
            title=title,
            title_where=where,
            year=int(year_m.group(1)) if year_m else None,
            holiday=holiday,
            errors_before=len(self.diagnostics),
        )

    def segment(self, notice: _Open | None, item: _Item | None, piece: _Piece) -> _Item | None:
        """Read one segment of a line; return the item that later lines may continue."""
        text = piece.text
        # The body of the current item, continued on a new line.
        if item is not None and (_DATE_START.match(text) or text.lstrip().startswith("其中")):
            item.pieces.append(piece)
            return item
        head = _HEAD.match(text)
        if head is not None and (head["colon"] or _DATE_START.match(text, head.end())):
            names = [n for n in re.split(r"\s*[、和]\s*", head["name"]) if n]
            new = _Item(_holiday(names), _Where(piece, head.start("name"), head.end("name")))
            return self.start(notice, new, piece, head.end())
        follows = _AS_FOLLOWS.search(text)
        if follows is not None and _DATE_START.match(text, follows.end()):
            new = _Item(notice.holiday if notice else None, None)
            return self.start(notice, new, piece, follows.end(), bare=True)
        unknown = _UNKNOWN_HEAD.match(text)
        if unknown is not None and _DATE_START.match(text, unknown.end()):
            name = unknown["name"]
            self.error(
                _Where(piece, unknown.start("name"), unknown.end("name")),
                "notice/unknown-holiday",
                f"unknown holiday '{name}'",
                f"未知的节日“{name}”",
                "holidays: " + "、".join(n for n in HOLIDAYS if "、" not in n),
                "可识别的节日：" + "、".join(n for n in HOLIDAYS if "、" not in n),
            )
            return None
        body = _ITEM_RE.match(text)
        at = body.end() if body else 0
        if text.startswith("延长", at):
            return self.start(notice, _Item(None, None), piece, at)
        if _DATE_START.match(text, at):
            new = _Item(notice.holiday if notice else None, None)
            return self.start(notice, new, piece, at, bare=True)
        return None  # a paragraph that arranges nothing: addressees, preamble, duties

    def start(
        self, notice: _Open | None, item: _Item, piece: _Piece, at: int, *, bare: bool = False
    ) -> _Item | None:
        where = item.where or _Where(piece, at, len(piece.text.rstrip()))
        if notice is None:
            self.error(
                where,
                "notice/no-title",
                "a holiday item before the notice's title",
                "节日安排出现在通知标题之前",
                "paste the notice from its title line "
                "(国务院办公厅关于YYYY年部分节假日安排的通知), which gives the year",
                "请从标题行（国务院办公厅关于YYYY年部分节假日安排的通知）起粘贴，标题给出年份",
            )
            return None
        if bare and item.name is None:
            self.error(
                where,
                "notice/no-holiday",
                "these dates belong to no holiday: the line has no heading such as '元旦：'",
                "这些日期不属于任何节日：该行没有“元旦：”这样的标题",
                "start the line with the holiday's name and a colon",
                "请在行首写明节日名称和冒号",
            )
            return None
        item.where = where
        rest = _Piece(piece.line, piece.col0 + at, piece.text[at:], piece.raw)
        if rest.text.strip():
            item.pieces.append(rest)
        notice.items.append(item)
        return item

    # ----------------------------------------------------------------- notices

    def close(self, notice: _Open | None) -> None:
        if notice is None:
            return
        if notice.year is None:
            self.error(
                notice.title_where,
                "notice/no-year",
                "the title gives no year and the text no document number",
                "标题中没有年份，文中也没有文号",
                "keep the year in the title (关于2027年……) "
                "or the number line (国办发明电〔2026〕N号)",
                "请保留标题中的年份或文号行",
            )
            return
        if not notice.items and len(self.diagnostics) == notice.errors_before:
            self.error(
                notice.title_where,
                "notice/no-holidays",
                "the notice arranges no holiday: no line such as '一、元旦：1月1日放假。' follows "
                "the title",
                "通知中没有节日安排：标题之后没有“一、元旦：1月1日放假。”这样的行",
                "paste the notice's holiday items too",
                "请一并粘贴通知中的各项节日安排",
            )
            return
        number = notice.number
        name = f"{number} {notice.title}" if number else notice.title
        rows: dict[dt.date, tuple[CalendarDay, _Where, str]] = {}
        failed = False
        for item in notice.items:
            try:
                days = self.item(notice.year, item, name)
            except _Abandon:
                failed = True
                continue
            assert item.name is not None
            for day, working, where in days:
                row = CalendarDay(
                    date=day,
                    working=working,
                    holiday_zh=item.name,
                    holiday_en=_holiday_en(item.name),
                    notice=name,
                )
                if day in rows and rows[day][2] != item.name:
                    self.error(
                        where,
                        "notice/conflict",
                        f"{day} is already part of {rows[day][2]} in this notice",
                        f"{day} 在本通知中已属于{rows[day][2]}",
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

    # ----------------------------------------------------------------- items

    def item(self, year: int, item: _Item, notice: str) -> list[tuple[dt.date, bool, _Where]]:
        if not item.pieces:
            raise self.fail(
                item.where,
                "notice/empty-item",
                f"no dates for {item.name}",
                f"{item.name}没有日期",
                hint="the heading should be followed by the dates, e.g. 元旦：1月1日放假。",
                hint_zh="标题后应写明日期，例如：元旦：1月1日放假。",
            )
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

    def clause(
        self, year: int, item: _Item, piece: _Piece, clauses: list[tuple[int, int]], k: int
    ) -> int:
        """Read clause *k*; return the index of the next clause to read."""
        text = piece.text
        a, b = clauses[k]
        while a < b and text[a] == " ":
            a += 1
        lead = _WHEREOF.match(text, a, b)
        if lead is not None:
            a = lead.end()
            if a >= b:
                return k + 1
        whole = _Where(piece, a, b)
        if text.startswith("将", a):
            return self.transfer_clause(year, item, piece, k, a + 1, b)
        extend = _EXTEND.match(text, a, b)
        if extend is not None:
            names = [extend["h"]]
            item.name = item.name or _holiday(names)
            dates, end = self.dates(year, item, piece, extend.end(), b, ranges=False)
            if len(dates) != 1 or text[end:b].strip():
                raise self.unreadable(whole)
            item.extend_to = dates[0]
            return k + 1
        if _DATE_START.match(text, a) or _DATE.match(text, a):
            return self.date_clause(year, item, piece, clauses, k, a, b)
        rest = text[a:b].strip()
        count = _COUNT.fullmatch(rest)
        if count is not None:
            self.set_count(item, _cn_int(count["n"]), whole)
            return k + 1
        join = _JOIN.fullmatch(rest)
        if join is not None:
            if join["weekend"]:
                item.join_weekend = whole
            else:
                assert item.name is not None
                item.name = _holiday([*item.name.split("、"), join["h"]])
            return k + 1
        if _NO_SHIFT.fullmatch(rest):
            return k + 1
        raise self.unreadable(whole)

    def unreadable(self, where: _Where) -> _Abandon:
        text = where.piece.text[where.start : where.end].strip()
        return self.fail(
            where,
            "notice/unreadable",
            f"cannot read '{text}' in a holiday item",
            f"无法识别节日安排中的“{text}”",
            hint="a holiday item reads like "
            "元旦：1月1日至3日放假调休，共3天。1月4日（星期日）上班。",
            hint_zh="节日安排的写法如：元旦：1月1日至3日放假调休，共3天。1月4日（星期日）上班。",
        )

    def date_clause(
        self,
        year: int,
        item: _Item,
        piece: _Piece,
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
        whole = _Where(piece, first, b)
        m = _REST.fullmatch(rest)
        if m is not None:
            for d in dates:
                item.rest.setdefault(d.date, d.where)
            if m["n"]:
                self.set_count(item, _cn_int(m["n"]), _Where(piece, at, b))
            return k + 1
        if _WORK.fullmatch(rest):
            for d in dates:
                if not _weekend(d.date):
                    raise self.fail(
                        d.where,
                        "notice/not-weekend",
                        f"{d.date} is a {_weekday_en(d.date)}: only a weekend day can be made "
                        "a working day",
                        f"{d.date} 是{_WEEKDAY_ZH[d.date.weekday()]}：只有周末才需调为上班",
                        hint="check the date against the published notice",
                        hint_zh="请对照通知原文核对日期",
                    )
                item.work[d.date] = d.where
            return k + 1
        if _RESUME.fullmatch(rest):
            if len(dates) != 1:
                raise self.unreadable(whole)
            item.resume = dates[0]
            return k + 1
        if _LEGAL.fullmatch(rest):
            item.inside.extend(dates)
            return k + 1
        if _WEEKEND.fullmatch(rest):
            for d in dates:
                self.require_weekend(d)
            return k + 1
        if _TRANSFER.match(rest):
            return self.transfer(year, item, piece, dates, at, b, k)
        raise self.unreadable(whole)

    def transfer_clause(self, year: int, item: _Item, piece: _Piece, k: int, a: int, b: int) -> int:
        """``将A、B两个公休日调至C、D``."""
        text = piece.text
        while a < b and text[a] == " ":
            a += 1
        dates, end = self.dates(year, item, piece, a, b, ranges=False)
        at = end + (len(text[end:b]) - len(text[end:b].lstrip()))
        if not dates or not _TRANSFER.match(text, at, b):
            raise self.unreadable(_Where(piece, a, b))
        return self.transfer(year, item, piece, dates, at, b, k)

    def transfer(
        self,
        year: int,
        item: _Item,
        piece: _Piece,
        sources: list[_Date],
        at: int,
        b: int,
        k: int,
    ) -> int:
        text = piece.text
        m = _TRANSFER.match(text, at, b)
        assert m is not None
        targets, end = self.dates(year, item, piece, m.end(), b, ranges=False)
        tail = text[end:b].strip()
        if not targets or tail not in ("", "休息"):
            raise self.unreadable(_Where(piece, at, b))
        for d in sources:
            self.require_weekend(d)
        if m["k"] and _cn_int(m["k"]) != len(sources):
            raise self.fail(
                _Where(piece, m.start("k"), m.end("k") + 1),
                "notice/count",
                f"the text says {_cn_int(m['k'])} weekend days ({m['k']}个) but names "
                f"{len(sources)}",
                f"文中说{m['k']}个公休日，却列出了{len(sources)}个",
            )
        moved = len(sources) + (1 if m["h"] else 0)
        if moved != len(targets):
            raise self.fail(
                _Where(piece, m.end(), end),
                "notice/count",
                f"{moved} days are moved to {len(targets)} days",
                f"{moved}天被调至{len(targets)}天",
                hint="each moved rest day goes to one day of the holiday",
                hint_zh="每个调出的休息日应对应一个调入日",
            )
        for d in sources:
            item.moved[d.date] = d.where
        item.inside.extend(targets)
        return k + 1

    def require_weekend(self, d: _Date) -> None:
        if not _weekend(d.date):
            raise self.fail(
                d.where,
                "notice/not-weekend",
                f"{d.date} is a {_weekday_en(d.date)}, not a weekend day (公休日)",
                f"{d.date} 是{_WEEKDAY_ZH[d.date.weekday()]}，不是公休日",
                hint="check the date against the published notice",
                hint_zh="请对照通知原文核对日期",
            )

    def set_count(self, item: _Item, n: int, where: _Where) -> None:
        if item.count is not None and item.count[0] != n:
            raise self.fail(
                where,
                "notice/count",
                f"the item gives two counts of days, {item.count[0]} and {n}",
                f"该项给出了两个天数：{item.count[0]}天和{n}天",
            )
        item.count = (n, where)

    # ----------------------------------------------------------------- dates

    def dates(
        self, year: int, item: _Item, piece: _Piece, a: int, b: int, *, ranges: bool
    ) -> tuple[list[_Date], int]:
        """The dates at ``a`` (a list ``A、B``, or with *ranges* a range ``A至B``), and the end."""
        text = piece.text
        out: list[_Date] = []
        first = self.one_date(year, item, piece, a, b)
        if first is None:
            return out, a
        d, pos = first
        rng = _RANGE_SEP.match(text, pos, b)
        if ranges and rng is not None and _DATE.match(text, rng.end(), b):
            nxt = self.one_date(year, item, piece, rng.end(), b, start=d)
            assert nxt is not None
            last, pos = nxt
            if last.date < d.date:
                raise self.fail(
                    _Where(piece, a, last.where.end),
                    "notice/bad-range",
                    f"the range ends ({last.date}) before it starts ({d.date})",
                    f"日期范围的结束日（{last.date}）早于开始日（{d.date}）",
                )
            paren = _PAREN.match(text, pos, b)
            if paren is not None:  # a note on the whole range: "（即农历大年初一至初七）"
                self.notes(d, piece, paren)
                pos = paren.end()
            item.span = (d.date, last.date)
            out.extend(_Date(x, _Where(piece, a, pos)) for x in _days(d.date, last.date))
            return out, pos
        out.append(d)
        while True:
            sep = _LIST_SEP.match(text, pos, b)
            if sep is None or not _DATE.match(text, sep.end(), b):
                break
            nxt = self.one_date(year, item, piece, sep.end(), b, prev=d)
            assert nxt is not None
            d, pos = nxt
            out.append(d)
        return out, pos

    def one_date(
        self,
        year: int,
        item: _Item,
        piece: _Piece,
        a: int,
        b: int,
        *,
        start: _Date | None = None,
        prev: _Date | None = None,
    ) -> tuple[_Date, int] | None:
        """One date with its bracketed notes.

        A day written without its month (``18日``) takes it from *prev*, the date before it
        in a list (``4月28日、29日``); else from the last range read, if the day falls in it
        (``1月29日至2月4日……其中，29日、30日、31日``); else from the last date read. *start* is
        the first day of the range this date ends.
        """
        text = piece.text
        m = _DATE.match(text, a, b)
        if m is None:
            return None
        where = _Where(piece, m.start(), m.end())
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
                raise self.fail(
                    where,
                    "notice/no-month",
                    f"'{m.group(0)}' has no month",
                    f"“{m.group(0)}”没有月份",
                    hint="write the month, e.g. 1月17日",
                    hint_zh="请写明月份，例如 1月17日",
                )
            y, mo = item.context
        elif y is None:
            # A December date in the New Year's Day item is in the year before the notice's.
            y = year - 1 if (item.name == "元旦" and mo == 12) else year
        assert y is not None and mo is not None
        try:
            date = dt.date(y, mo, day)
        except ValueError:
            raise self.fail(
                where,
                "notice/bad-date",
                f"there is no day {y}-{mo:02d}-{day:02d}",
                f"没有 {y}年{mo}月{day}日 这一天",
            ) from None
        item.context = (date.year, date.month)
        d = _Date(date, where)
        pos = m.end()
        paren = _PAREN.match(text, pos, b)
        if paren is not None:
            self.notes(d, piece, paren)
            pos = paren.end()
        return d, pos

    @staticmethod
    def in_span(item: _Item, day: int) -> tuple[int, int] | None:
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

    def notes(self, d: _Date, piece: _Piece, paren: re.Match[str]) -> None:
        """Check the notes in the brackets after a date: weekdays, lunar dates, holidays."""
        inner_start = paren.start("p")
        for a, b in self.split(piece.text, ",、", inner_start, paren.end("p")):
            while a < b and piece.text[a] == " ":
                a += 1
            while b > a and piece.text[b - 1] == " ":
                b -= 1
            note = piece.text[a:b]
            wd = _WEEKDAY.fullmatch(note)
            if wd is not None:
                said = _WEEKDAYS[wd["w"]]
                if said != d.date.weekday():
                    raise self.fail(
                        _Where(piece, a, b),
                        "notice/weekday",
                        f"{d.date} is a {_weekday_en(d.date)}, but the notice says {note}",
                        f"{d.date} 是{_WEEKDAY_ZH[d.date.weekday()]}，通知却写作“{note}”",
                        hint="the date or the weekday is mistyped; check the published notice",
                        hint_zh="日期或星期有误，请对照通知原文核对",
                    )
                continue
            if (
                note.startswith(("即", "农历"))
                or note in _ALIASES
                or note == "除夕"
                or _LUNAR.fullmatch(note)
            ):
                continue
            raise self.fail(
                _Where(piece, a, b),
                "notice/unreadable",
                f"cannot read '{note}' in the brackets after a date",
                f"无法识别日期后括号中的“{note}”",
                hint="the brackets may hold the weekday (星期一 or 周一) and the lunar date",
                hint_zh="括号中可写星期（星期一或周一）和农历日期",
            )

    # ----------------------------------------------------------------- the period

    def finish(self, item: _Item, notice: str) -> list[tuple[dt.date, bool, _Where]]:
        """The item's rows, once every clause is read; checks that the parts agree."""
        assert item.where is not None
        if item.extend_to is not None:
            return self.extension(item, notice)
        out: list[tuple[dt.date, bool, _Where]] = []
        period: list[dt.date] = []
        if item.rest:
            lo, hi = min(item.rest), max(item.rest)
            if item.join_weekend is not None:
                lo0, hi0 = lo, hi
                while (before := _day_before(lo)) is not None and _weekend(before):
                    lo = before
                while (after := _next_day(hi)) is not None and _weekend(after):
                    hi = after
                if (lo, hi) == (lo0, hi0):
                    raise self.fail(
                        item.join_weekend,
                        "notice/no-weekend",
                        f"no weekend next to {lo0} to join it with",
                        f"{lo0} 前后没有可连休的周末",
                    )
            period = _days(lo, hi)
            declared = sorted(item.rest)
            for day in period:
                if day not in item.rest and not _weekend(day):
                    raise self.fail(
                        item.rest[max(d for d in declared if d < day)],
                        "notice/gap",
                        f"the holiday leaves out {day}, a {_weekday_en(day)}",
                        f"放假期间缺少 {day}（{_WEEKDAY_ZH[day.weekday()]}）",
                        hint="a holiday is one run of days; check the dates",
                        hint_zh="放假期间应为连续的日子，请核对日期",
                    )
        elif item.count is not None or item.join_weekend is not None:
            raise self.fail(
                item.where,
                "notice/no-rest",
                f"{item.name}: no day off is given",
                f"{item.name}：没有写明放假日期",
            )
        inside = set(period)
        if item.count is not None and item.count[0] != len(period):
            n, where = item.count
            raise self.fail(
                where,
                "notice/count",
                f"共{n}天, but {period[0]} to {period[-1]} is {len(period)} days",
                f"共{n}天，但 {period[0]} 至 {period[-1]} 为{len(period)}天",
                hint="the count and the dates disagree; check the published notice",
                hint_zh="天数与日期不符，请对照通知原文核对",
            )
        for d in item.inside:
            if d.date not in inside:
                raise self.fail(
                    d.where,
                    "notice/outside",
                    f"{d.date} is said to be part of the holiday, which runs "
                    f"{period[0] if period else '-'} to {period[-1] if period else '-'}",
                    f"{d.date} 被写作放假日，但放假期间为 "
                    f"{period[0] if period else '-'} 至 {period[-1] if period else '-'}",
                )
        work = dict(item.work)
        for day, where in item.moved.items():
            if day not in inside:
                work.setdefault(day, where)
        for day, where in work.items():
            if day in inside:
                raise self.fail(
                    where,
                    "notice/conflict",
                    f"{day} is both a day off and a working day",
                    f"{day} 既是放假日又是上班日",
                )
        if item.resume is not None and period and item.resume.date != _next_day(period[-1]):
            raise self.fail(
                item.resume.where,
                "notice/resume",
                f"work resumes on {item.resume.date}, but the holiday ends on {period[-1]}",
                f"{item.resume.date} 起上班，但放假至 {period[-1]} 结束",
            )
        for day in period:
            out.append((day, False, item.rest.get(day, item.where)))
        for day, where in work.items():
            out.append((day, True, where))
        return out

    def extension(self, item: _Item, notice: str) -> list[tuple[dt.date, bool, _Where]]:
        """``延长春节假期至2月2日``: the days after the holiday's last period, to the new end."""
        assert item.extend_to is not None and item.name is not None
        new_end = item.extend_to.date
        earlier = [
            d
            for d, row in self.known.items()
            if not row.working
            and row.holiday_zh == item.name
            and row.notice != notice  # the extension itself, when *base* has it already
            and (new_end - d).days <= 60
            and d < new_end
        ]
        if not earlier:
            raise self.fail(
                item.extend_to.where,
                "notice/extension",
                f"no {item.name} period before {new_end} to extend",
                f"{new_end} 之前没有可延长的{item.name}假期",
                hint="put the year's notice before the extension in the same text",
                hint_zh="请把该年的放假通知放在延长通知之前",
            )
        first = max(earlier) + dt.timedelta(days=1)  # before new_end, so a date
        period = _days(first, new_end)
        if item.resume is not None and item.resume.date != _next_day(new_end):
            raise self.fail(
                item.resume.where,
                "notice/resume",
                f"work resumes on {item.resume.date}, but the holiday ends on {new_end}",
                f"{item.resume.date} 起上班，但放假至 {new_end} 结束",
            )
        return [(day, False, item.extend_to.where) for day in period]


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
    reader = _Reader(text, file, base)
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
                Diagnostic(
                    code="notice/encoding",
                    message=f"the notice is not UTF-8 (byte 0x{data[exc.start]:02x})",
                    file=str(path),
                    span=Span.point(line, column),
                    line_text=line_text.decode("utf-8", errors="replace"),
                    hint="save the notice as UTF-8 (GBK and GB18030 text must be converted)",
                    message_zh=f"通知文件不是 UTF-8 编码（字节 0x{data[exc.start]:02x}）",
                    hint_zh="请以 UTF-8 保存通知（GBK/GB18030 文本须先转换）",
                )
            ]
        ) from None
    except (OSError, ValueError) as exc:  # a NUL in the name is a ValueError
        reason = getattr(exc, "strerror", None) or "the name holds a NUL character"
        raise InputError(
            [
                Diagnostic(
                    code="notice/unreadable-file",
                    message=f"cannot read the notice: {reason}",
                    file=str(path),
                    hint="give a UTF-8 text file with the notice as published",
                    message_zh=f"无法读取通知文件：{reason}",
                    hint_zh="请提供 UTF-8 编码的通知文本文件",
                )
            ]
        ) from None
    return notice_days(text, file=str(path), base=base)


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
