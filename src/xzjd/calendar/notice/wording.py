# SPDX-License-Identifier: MIT
"""The words of the State Council notices, as the reader matches them.

The spellings of each holiday, the weekdays and Chinese numerals, the table that normalises a
line (full-width to half-width, quotes and dashes to one form, one character for one
character so that offsets stay columns), the regular expressions of every wording the reader
knows (titles, document numbers, dates, ``放假`` / ``上班`` / ``调至`` clauses...), and the
small date helpers they need.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from xzjd.vocab import HOLIDAYS

# The spellings of a holiday in notices (after normalisation: ASCII quotes) -> its name.
ALIASES: dict[str, str] = {
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

WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
_WEEKDAY_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_ZH = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")
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
NORMAL = _normal_table()

_NAMES = "|".join(re.escape(a) for a in sorted(ALIASES, key=len, reverse=True))
_NAME_LIST = rf"(?:{_NAMES})(?:\s*[、和]\s*(?:{_NAMES}))*"
_NUM = r"(?:\d+|[一二两三四五六七八九十]+)"

DATE = re.compile(r"(?:(?P<y>\d{4})\s*年\s*)?(?:(?P<m>\d{1,2})\s*月\s*)?(?P<d>\d{1,2})\s*日")
DATE_START = re.compile(r"\s*(?:\d{4}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日")
PAREN = re.compile(r"\s*\((?P<p>[^()]*)\)")
LIST_SEP = re.compile(r"\s*[、和]\s*")
RANGE_SEP = re.compile(r"\s*(?:至|到|-+|~+)\s*")
_ITEM = r"(?:[一二三四五六七八九十]+\s*、|\(\s*[一二三四五六七八九十]+\s*\)|\d+\s*[、.]|-{2,})?\s*"
ITEM_RE = re.compile(rf"\s*{_ITEM}")
HEAD = re.compile(rf"\s*{_ITEM}(?P<name>{_NAME_LIST})\s*(?P<colon>:)?\s*")
UNKNOWN_HEAD = re.compile(rf"\s*{_ITEM}(?P<name>[^:,;。、\d\s\"]{{1,24}}?)\s*:")
AS_FOLLOWS = re.compile(r"如下[^:。]{0,8}:\s*")
TITLE = re.compile(r"(?:新华社\S*?电)?《?(?P<t>国务院(?:办公厅)?关于.+?的通知)》?(?:,?全文如下:?)?")
TITLE_END = re.compile(r"的通知》?(?:,?全文如下:?)?$")
# A title line, perhaps after a news agency's dateline ("新华社北京11月4日电 ").
TITLE_START = re.compile(r"(?:新华社\S*电\s*)?《?国务院(?:办公厅)?关于")
NUMBER = re.compile(
    r"(?P<org>国办发明电|国发明电|国办发|国发)[〔\[［【(](?P<y>\d{4})[〕\]］】)](?P<n>\d+)号"
)
SIGNATURE_DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")

REST = re.compile(
    rf"(?:放假调休|调休放假|放假公休|放假|补休|调休|休息)(?:\s*共?\s*(?P<n>{_NUM})\s*天)?"
)
WORK = re.compile(r"(?:照常|正常)?上班")
RESUME = re.compile(r"起\s*(?:照常|正常)?上班")
LEGAL = re.compile(rf"(?:为|是)(?:国家)?(?:{_NAMES})?法定(?:节)?(?:休)?假日")
WEEKEND = re.compile(r"(?:为|是)?(?:照常)?公休日?")
TRANSFER = re.compile(
    rf"(?:的)?\s*(?:(?P<k>{_NUM})个)?\s*公休日?\s*(?:及\s*(?P<h>{_NAMES}))?\s*(?:分别)?\s*调至\s*"
)
COUNT = re.compile(rf"共\s*(?P<n>{_NUM})\s*天")
JOIN = re.compile(rf"与\s*(?:(?P<weekend>周末|双休日)|(?P<h>{_NAMES}))\s*连休")
NO_SHIFT = re.compile(r"不(?:调休|补休)")
EXTEND = re.compile(rf"延长\s*(?:\d{{4}}\s*年\s*)?(?P<h>{_NAMES})\s*假期\s*至\s*")
WHEREOF = re.compile(r"其中\s*[:,]?\s*")
LUNAR = re.compile(r"(?:大年|正月|腊月)?初?[一二三四五六七八九十廿]+日?")
WEEKDAY = re.compile(r"(?:星期|周|礼拜)(?P<w>[一二三四五六日天])")


def cn_int(text: str) -> int:
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


def weekend(d: dt.date) -> bool:
    return d.weekday() >= 5


def weekday_en(d: dt.date) -> str:
    return _WEEKDAY_EN[d.weekday()]


def day_range(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]


def next_day(d: dt.date) -> dt.date | None:
    """The day after *d*; ``None`` after 9999-12-31, the last date there is."""
    return None if d == dt.date.max else d + dt.timedelta(days=1)


def day_before(d: dt.date) -> dt.date | None:
    """The day before *d*; ``None`` before 0001-01-01, the first date there is."""
    return None if d == dt.date.min else d - dt.timedelta(days=1)


def period_name(names: Sequence[str]) -> str:
    """The name of the period of one or more holidays named together."""
    canon: list[str] = []
    for name in names:
        c = ALIASES[name]
        if c not in canon:
            canon.append(c)
    if len(canon) == 1:
        return canon[0]
    return _JOINT.get(frozenset(canon), "、".join(canon))


def period_name_en(name: str) -> str:
    if name in HOLIDAYS:
        return HOLIDAYS[name]
    return " and ".join(HOLIDAYS.get(part, part) for part in name.split("、"))
