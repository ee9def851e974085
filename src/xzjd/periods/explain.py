# SPDX-License-Identifier: MIT
"""Why a period's deadline is what it is: the steps, in English and Chinese.

Explanations are built only on request (:func:`explain_period`): plain unrolling never looks
at holiday names. Each step has an English and a Chinese text; a whole explanation renders as
one line joined by arrows::

    nominal 2010-09-22 (22nd of the month) -> rest day (Mid-Autumn Festival) -> 2010-09-23 rest
    -> 2010-09-24 rest -> 2010-09-25 working day (make-up for Mid-Autumn Festival) -> deadline
    2010-09-25: moved to the next working day (Civil Code art. 203; ruleset: ...)

The legal sources cited are those of ``docs/calendar.md``: Civil Code arts. 201 (the start day
does not count), 202 (a month without the corresponding day ends on its last day), 203 (a last
day that is a rest day moves to the day after the rest) and 204 (other rules may differ, which
is what ``deadlines on rest days stay`` uses).
"""

from __future__ import annotations

import calendar as _stdcal
import datetime as dt

import attrs

from xzjd.model import (
    AfterEnd,
    AfterEvent,
    Chained,
    Cycle,
    During,
    EachMonth,
    FirstWorkingDays,
    HalfYearly,
    MonthParity,
    Once,
    Parity,
    Quarterly,
    Unit,
    Window,
    Yearly,
)
from xzjd.periods.dates import DayInfoLike, day_in_month
from xzjd.periods.labels import cycle_end_of_label
from xzjd.periods.unroller import Period, Unroller

__all__ = ["Explanation", "ExplanationStep", "explain_period"]

_ARROW = {"en": " -> ", "zh": " → "}


@attrs.frozen
class ExplanationStep:
    """One step of an explanation, in both languages."""

    en: str
    zh: str

    def text(self, lang: str = "en") -> str:
        """The step in ``"en"`` or ``"zh"``."""
        return self.zh if lang == "zh" else self.en


@attrs.frozen
class Explanation:
    """The steps that produced a deadline, nominal deadline first, final deadline last."""

    steps: tuple[ExplanationStep, ...]

    def lines(self, lang: str = "en") -> list[str]:
        """The steps as a list of strings in ``"en"`` or ``"zh"``."""
        return [s.text(lang) for s in self.steps]

    def render(self, lang: str = "en") -> str:
        """The steps on one line, joined by arrows."""
        return _ARROW.get(lang, _ARROW["en"]).join(self.lines(lang))


# --------------------------------------------------------------------------- wording


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``22nd``…"""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _month_en(month: int) -> str:
    return _stdcal.month_name[month]


def _clamp_note(year: int, month: int, day: int | None) -> tuple[str, str]:
    if day is None or day <= _stdcal.monthrange(year, month)[1]:
        return "", ""
    return (
        f"; {_month_en(month)} {year} has no {ordinal(day)}: its last day",
        f"；{year}年{month}月无{day}日，取该月最后一日",
    )


def _nominal_reason(unroller: Unroller, period: Period) -> tuple[str, str]:
    """Why the nominal deadline is that day, as (English, Chinese)."""
    s = unroller.schedule
    n = period.nominal_due
    if isinstance(s, Once):
        if s.day is None:
            return (
                f"end of {_month_en(n.month)} {n.year}",
                f"{n.year}年{n.month}月底",
            )
        en_note, zh_note = _clamp_note(n.year, s.month, s.day)
        return (
            f"{_month_en(s.month)} {s.day}, {n.year}{en_note}",
            f"{n.year}年{s.month}月{s.day}日{zh_note}",
        )
    if isinstance(s, During):
        return (
            f"last day of {_month_en(n.month)} {n.year}; during that month only",
            f"{n.year}年{n.month}月份，该月最后一日",
        )
    if isinstance(s, Yearly):
        md = next((d for d in s.dates if d.month == n.month), None)
        day = None if md is None else md.day
        if day is None:
            return (f"end of {_month_en(n.month)} each year", f"每年{n.month}月底")
        en_note, zh_note = _clamp_note(n.year, n.month, day)
        return (
            f"{_month_en(n.month)} {day} each year{en_note}",
            f"每年{n.month}月{day}日{zh_note}",
        )
    if isinstance(s, EachMonth):
        if s.day is None:
            return ("last day of the month", "每月底")
        en_note, zh_note = _clamp_note(n.year, n.month, s.day)
        return (f"{ordinal(s.day)} of the month{en_note}", f"每月{s.day}日{zh_note}")
    if isinstance(s, MonthParity):
        if s.parity is Parity.EVEN:
            return ("end of every even month", "逢双月底")
        return ("end of every odd month", "逢单月底")
    if isinstance(s, Quarterly):
        return ("end of each quarter", "每季度末")
    if isinstance(s, HalfYearly):
        return ("end of each half year", "每半年末")
    if isinstance(s, Chained):
        basis = ", ".join(period.basis)
        py, pm = (n.year, n.month - 1) if n.month > 1 else (n.year - 1, 12)
        en_note, zh_note = _clamp_note(n.year, n.month, s.day)
        return (
            f"{ordinal(s.day)} of the month after the deadlines in {py}-{pm:02d} of "
            f"{basis}{en_note}",
            f"{basis}于{py}年{pm}月截止，次月{s.day}日{zh_note}",
        )
    if isinstance(s, AfterEvent):
        event_day = period.opens
        if s.unit is Unit.DAYS:
            return (
                f"event {s.event} on {event_day} + {s.count} day{'' if s.count == 1 else 's'}; "
                "the event day does not "
                "count (Civil Code art. 201)",
                f"{s.event}之日（{event_day}）起{s.count}日，开始的当日不计入"
                "（《民法典》第二百零一条）",
            )
        if s.unit is Unit.WORKING_DAYS:
            return (
                f"{ordinal(s.count)} working day after event {s.event} on {event_day}",
                f"{s.event}之日（{event_day}）后第{s.count}个工作日",
            )
        unit_en = "month" if s.count == 1 else "months"
        note_en, note_zh = "", ""
        if n.day != event_day.day:
            note_en = (
                f"; {_month_en(n.month)} {n.year} has no {ordinal(event_day.day)}: its last day"
            )
            note_zh = f"；{n.year}年{n.month}月无{event_day.day}日，取该月最后一日"
        return (
            f"the same day {s.count} {unit_en} after event {s.event} on {event_day} "
            f"(Civil Code art. 202){note_en}",
            f"{s.event}之日（{event_day}）起{s.count}个月的对应日（《民法典》第二百零二条）"
            f"{note_zh}",
        )
    return _statute_reason(s, period)


_CYCLE_EN = {Cycle.MONTH: "month", Cycle.QUARTER: "quarter", Cycle.YEAR: "year"}
_CYCLE_ZH = {Cycle.MONTH: "月", Cycle.QUARTER: "季度", Cycle.YEAR: "年度"}
_CYCLE_MONTHS = {Cycle.MONTH: 1, Cycle.QUARTER: 3, Cycle.YEAR: 12}


def _statute_reason(s: object, period: Period) -> tuple[str, str]:
    """Why the nominal deadline is that day, for the forms counted from a span's end and
    the windows."""
    n = period.nominal_due
    if isinstance(s, FirstWorkingDays):
        return (
            f"{ordinal(s.count)} working day of {_month_en(n.month)} {n.year}; a window from "
            f"{period.opens}",
            f"{n.year}年{n.month}月第{s.count}个工作日；时段自{period.opens}起",
        )
    if isinstance(s, Window):
        first = day_in_month(n.year, s.first.month, s.first.day)
        return (
            f"last day of the window {first} to {n} each year",
            f"每年{first.month}月{first.day}日至{n.month}月{n.day}日，时段最后一日",
        )
    if isinstance(s, AfterEnd):
        end = cycle_end_of_label(_CYCLE_MONTHS[s.cycle], period.label)
        span_en = f"the end of the {_CYCLE_EN[s.cycle]} {period.label} ({end})"
        span_zh = f"{period.label}{_CYCLE_ZH[s.cycle]}结束（{end}）"
        if s.unit is Unit.DAYS:
            return (
                f"{span_en} + {s.count} days; the day it ends does not count (Civil Code art. 201)",
                f"{span_zh}后{s.count}日，结束当日不计入（《民法典》第二百零一条）",
            )
        if s.unit is Unit.WORKING_DAYS:
            return (
                f"{ordinal(s.count)} working day after {span_en}",
                f"{span_zh}后第{s.count}个工作日",
            )
        unit_en = "month" if s.count == 1 else "months"
        return (
            f"the same day {s.count} {unit_en} after {span_en}, or that month's last day "
            "(Civil Code art. 202)",
            f"{span_zh}后{s.count}个月的对应日，无对应日的为该月最后一日（《民法典》第二百零二条）",
        )
    return ("", "")  # pragma: no cover


def _kind(info: DayInfoLike) -> str:
    return str(getattr(info.kind, "name", info.kind))


def _rest_reason(info: DayInfoLike) -> tuple[str, str]:
    if _kind(info) == "HOLIDAY":
        return (info.holiday_en or "statutory holiday", info.holiday_zh or "法定节假日")
    return ("weekend", "周末")


def _working_text(info: DayInfoLike, prefix: str = "") -> ExplanationStep:
    if _kind(info) == "MAKEUP":
        if info.holiday_en or info.holiday_zh:
            return ExplanationStep(
                f"{prefix}working day (make-up for {info.holiday_en or info.holiday_zh})",
                f"{prefix}工作日（{info.holiday_zh or info.holiday_en}调休上班）",
            )
        return ExplanationStep(f"{prefix}working day (make-up day)", f"{prefix}工作日（调休上班）")
    return ExplanationStep(f"{prefix}working day", f"{prefix}工作日")


# --------------------------------------------------------------------------- building


def explain_period(unroller: Unroller, period: Period) -> Explanation:
    """Explain how ``period``'s deadline was computed by ``unroller``."""
    n = period.nominal_due
    reason_en, reason_zh = _nominal_reason(unroller, period)
    steps = [ExplanationStep(f"nominal {n} ({reason_en})", f"名义截止日 {n}（{reason_zh}）")]
    if unroller.windowed and not isinstance(unroller.schedule, During):
        steps.append(
            ExplanationStep(
                f"deadline {period.due}: a window's last day never moves, only a filing from "
                f"{period.opens} to {period.closes} counts",
                f"截止日 {period.due}：时段的最后一日不顺延，只有{period.opens}至{period.closes}"
                "之间的报送有效",
            )
        )
        return Explanation(tuple(steps))
    if isinstance(unroller.schedule, During):
        steps.append(
            ExplanationStep(
                f"deadline {period.due}: a 'during' deadline never moves, the duty belongs to "
                "that month",
                f"截止日 {period.due}：限定月份的期限不顺延，义务属于该月",
            )
        )
        return Explanation(tuple(steps))
    cal = unroller.calendar
    info = cal.day_info(n)
    if info.working:
        steps.append(_working_text(info))
        steps.append(ExplanationStep(f"deadline {period.due}", f"截止日 {period.due}"))
        return Explanation(tuple(steps))
    why_en, why_zh = _rest_reason(info)
    steps.append(ExplanationStep(f"rest day ({why_en})", f"休息日（{why_zh}）"))
    if not unroller.moves:
        steps.append(
            ExplanationStep(
                f"deadline {period.due}: stays on the rest day (ruleset: deadlines on rest days "
                "stay, as Civil Code art. 204 allows)",
                f"截止日 {period.due}：不顺延（规则集：期限届满日为休息日的，不顺延；"
                "《民法典》第二百零四条）",
            )
        )
        return Explanation(tuple(steps))
    day = n + dt.timedelta(days=1)
    while day < period.due:
        steps.append(ExplanationStep(f"{day} rest", f"{day} 休息"))
        day += dt.timedelta(days=1)
    steps.append(_working_text(cal.day_info(period.due), prefix=f"{period.due} "))
    steps.append(
        ExplanationStep(
            f"deadline {period.due}: moved to the next working day (Civil Code art. 203; "
            "ruleset: deadlines on rest days move to the next working day)",
            f"截止日 {period.due}：顺延至其后第一个工作日（《民法典》第二百零三条；"
            "规则集：期限届满日为休息日的，顺延至其后第一个工作日）",
        )
    )
    return Explanation(tuple(steps))
