# SPDX-License-Identifier: MIT
"""Chinese numerals in the counts of time limits: 十五日, 二十个工作日, 一个月, 一百零五日.

Statutes write their time limits in Chinese numerals (《行政许可法》: 二十日内, 十日);
:func:`chinese_number` reads the numerals 零 to 九千九百九十九 in their standard form and
gives ``None`` for anything else, which the builder reports at its place. The printer
writes counts in Arabic digits, the canonical form.

The standard form: the digits 一 to 九 (两 for 2 before 百 and 千, and alone, as in
两个月), each followed by its unit 千, 百 or 十; 十 alone starts 10 to 19 (十五, also
一十五); one 零 (or 〇) stands for each run of skipped units between two digits
(一百零五, 一千零五十, 一千零五), never at the end (二十, not 二十零). 零 alone is 0.
"""

from __future__ import annotations

import re

__all__ = ["chinese_number"]

_DIGITS = {
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
_ZEROS = frozenset("零〇")

# Thousands, hundreds, tens, ones; each place may have a 零 before it (checked below).
_FORM = re.compile(
    r"(?:(?P<d3>[一二两三四五六七八九])千)?"
    r"(?:(?P<z2>[零〇])?(?P<d2>[一二两三四五六七八九])百)?"
    r"(?:(?P<z1>[零〇])?(?P<d1>[一二三四五六七八九])?(?P<t>十))?"
    r"(?:(?P<z0>[零〇])?(?P<d0>[一二两三四五六七八九]))?"
)


def chinese_number(text: str) -> int | None:
    """The value of the Chinese numeral *text*, or ``None`` if it is not one in standard form.

    >>> [chinese_number(t) for t in ("十五", "二十", "一百零五", "两", "二二")]
    [15, 20, 105, 2, None]
    """
    if text in _ZEROS:
        return 0
    m = _FORM.fullmatch(text)
    if m is None or not text:
        return None
    places: dict[int, int] = {}
    for place in (3, 2, 0):
        digit = m.group(f"d{place}")
        if digit is not None:
            places[place] = _DIGITS[digit]
    if m.group("t") is not None:
        tens = m.group("d1")
        if tens is None and (3 in places or 2 in places):
            return None  # 一百十五: the standard form is 一百一十五
        places[1] = 1 if tens is None else _DIGITS[tens]
    highest = max(places)
    if m.group("d0") == "两" and highest != 0:
        return None  # 两 counts hundreds, thousands or stands alone: 二十二, not 二十两
    for place in places:
        zero = place < 3 and m.group(f"z{place}") is not None
        gap = place < highest and place + 1 not in places
        if zero != gap:
            return None  # a 零 missing before a gap (一千五), or one with no gap (二十零五)
    total: int = sum(digit * 10**place for place, digit in places.items())
    return total
