# SPDX-License-Identifier: MIT
"""Semantic checks of a parsed ruleset.

A rules file can be well-formed and still say something impossible: two obligations with
one id, a ladder that names no known escalation, ``by February 30 each year``. This module
finds all such problems in one pass and reports them together, each as a
:class:`~xzjd.errors.Diagnostic` with a stable code and a position:

==============================  ==========================================================
code                            meaning
==============================  ==========================================================
``dup/obligation``              two obligations share an id
``dup/escalation``              two escalation ladders share a name
``dup/calendar``                two calendar declarations share a name (or reuse ``cn``)
``ref/unknown-escalation``      ``escalation NAME`` names no ladder
``ref/unknown-calendar``        ``calendar NAME`` or ``based on NAME`` names no calendar
``ref/unknown-obligation``      a chained schedule names no obligation
``ref/self-chain``              a chained obligation follows its own deadlines
``ref/chain-after-event``       a chained obligation follows an event-based one
``ref/chain-cycle``             chained obligations follow each other in a circle
``ref/chain-too-deep``          more than 64 chained obligations follow each other
``ref/calendar-cycle``          declared calendars are based on each other in a circle
``obligation/no-schedule``      an obligation has no schedule sentence
``obligation/no-action``        an obligation's sentence has no action
``date/no-such-month``          a month outside 1..12
``date/no-such-day``            a day the month does not have (``February 30``)
``date/bad-year``               a year that is not written with four digits
``schedule/bad-range``          ``from`` a later year ``until`` an earlier one
``schedule/zero-count``         ``within 0 days after ...``
``number/too-large``            a time limit or ladder day count above 10000
``escalation/out-of-order``     ladder days do not increase, or a step is milder than
                                the one above it
``escalation/multiple-warn``    more than one ``warn`` line (reported while building)
==============================  ==========================================================

February 29 is accepted in a yearly schedule (``by February 29 each year``): in a common
year the deadline is February 28. In a one-off schedule it is accepted only for a leap
year (the ``effective`` year when the schedule names no year).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
import difflib
import re
from collections.abc import Iterable

from xzjd.errors import CheckError, Diagnostic, Severity, Span
from xzjd.model import (
    AfterEvent,
    Chained,
    During,
    EachMonth,
    HalfYearly,
    MonthParity,
    Obligation,
    Once,
    Quarterly,
    Ruleset,
    Schedule,
    Yearly,
)
from xzjd.text.lines import LineIndex

__all__ = ["BUILTIN_CALENDARS", "MAX_COUNT", "check", "diagnostics"]

BUILTIN_CALENDARS = ("cn",)

# The largest count in a time limit or a ladder step (days, working days or months): about
# 27 years of days; anything larger is a typing mistake, and date arithmetic would overflow.
MAX_COUNT = 10_000

_MONTH_NAMES = _calendar.month_name


class _Collector:
    def __init__(self, ruleset: Ruleset) -> None:
        self.ruleset = ruleset
        self.lines = LineIndex(ruleset.text)  # built on the first position asked for
        self.found: list[Diagnostic] = []

    def add(
        self,
        code: str,
        span: Span | None,
        message: str,
        hint: str | None = None,
        message_zh: str | None = None,
        hint_zh: str | None = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        line_text = None
        if span is not None and self.ruleset.text:
            line_text = self.lines.line_text(span.line)
        self.found.append(
            Diagnostic(
                code=code,
                message=message,
                file=self.ruleset.file,
                span=span,
                line_text=line_text,
                hint=hint,
                message_zh=message_zh,
                hint_zh=hint_zh,
                severity=severity,
            )
        )

    def narrow(self, span: Span | None, needle: str) -> Span | None:
        """The span of the first whole-word *needle* inside *span*, else *span* itself."""
        if span is None or not self.ruleset.text or span.end <= span.start:
            return span
        text = self.ruleset.text
        pattern = re.compile(r"(?<![\w-])" + re.escape(needle) + r"(?![\w-])")
        found = pattern.search(text, span.start, span.end)
        if found is None:
            found = re.compile(re.escape(needle)).search(text, span.start, span.end)
        if found is None:
            return span
        line, column = self.lines.position(found.start())
        return Span(line, column, line, column + len(needle), found.start(), found.end())


def _did_you_mean(name: str, known: Iterable[str]) -> tuple[str | None, str | None]:
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?", f"是否应为“{close[0]}”？"
    return None, None


def diagnostics(ruleset: Ruleset) -> list[Diagnostic]:
    """Every semantic problem of *ruleset*, in source order."""
    c = _Collector(ruleset)
    _check_duplicates(c)
    _check_calendars(c)
    _check_escalations(c)
    _check_obligations(c)
    return sorted(c.found, key=_order)


def _order(diag: Diagnostic) -> tuple[int, int, str]:
    if diag.span is None:
        return (0, 0, diag.code)
    return (diag.span.line, diag.span.column, diag.code)


def check(ruleset: Ruleset) -> Ruleset:
    """Return *ruleset* unchanged if it passes every check.

    Raises:
        CheckError: holding every problem found.
    """
    found = diagnostics(ruleset)
    if any(d.severity is Severity.ERROR for d in found):
        raise CheckError(found)
    return ruleset


def warnings(ruleset: Ruleset) -> list[Diagnostic]:
    """The warnings of a ruleset that passes the checks: things that are allowed but that
    its author most likely did not mean (an obligation whose dated deadlines all fall before
    ``effective``)."""
    return [d for d in diagnostics(ruleset) if d.severity is Severity.WARNING]


# --------------------------------------------------------------------------- duplicates


def _check_duplicates(c: _Collector) -> None:
    r = c.ruleset
    groups: list[tuple[str, str, str, list[tuple[str, Span | None]]]] = [
        ("obligation", "义务", "dup/obligation", [(o.id, o.span) for o in r.obligations]),
        ("escalation", "升级阶梯", "dup/escalation", [(e.name, e.span) for e in r.escalations]),
        ("calendar", "日历", "dup/calendar", [(k.name, k.span) for k in r.calendars]),
    ]
    for what, what_zh, code, items in groups:
        seen: dict[str, Span | None] = {name: None for name in BUILTIN_CALENDARS}
        if what != "calendar":
            seen = {}
        for name, span in items:
            if name in seen:
                first = seen[name]
                where = f" (first at line {first.line})" if first is not None else " (built in)"
                c.add(
                    code,
                    c.narrow(span, name),
                    f"duplicate {what} '{name}'{where}",
                    f"give each {what} its own name",
                    f"重复的{what_zh}“{name}”",
                    f"每个{what_zh}须有不同的名称",
                )
            else:
                seen[name] = span


# --------------------------------------------------------------------------- calendars


def _check_calendars(c: _Collector) -> None:
    r = c.ruleset
    known = list(BUILTIN_CALENDARS) + [k.name for k in r.calendars]
    if r.calendar not in known:
        hint, hint_zh = _did_you_mean(r.calendar, known)
        c.add(
            "ref/unknown-calendar",
            c.narrow(r.calendar_span, r.calendar),
            f"unknown calendar '{r.calendar}'",
            hint or "use 'cn' or declare the calendar with 'calendar NAME based on cn:'",
            f"未知的日历“{r.calendar}”",
            hint_zh or "请使用 cn，或用“日历 NAME 基于 cn：”声明日历",
        )
    bases = {k.name: k.base for k in r.calendars}
    for decl in r.calendars:
        if decl.base is not None and decl.base not in known:
            hint, hint_zh = _did_you_mean(decl.base, known)
            c.add(
                "ref/unknown-calendar",
                c.narrow(decl.span, decl.base),
                f"calendar '{decl.name}' is based on unknown calendar '{decl.base}'",
                hint or "base a calendar on 'cn' or on another declared calendar",
                f"日历“{decl.name}”基于未知的日历“{decl.base}”",
                hint_zh or "请基于 cn 或其他已声明的日历",
            )
    reported: set[str] = set()
    for decl in r.calendars:
        path = [decl.name]
        base = decl.base
        while base is not None and base in bases and base not in path:
            path.append(base)
            base = bases[base]
        if base == decl.name and decl.name not in reported:
            reported.update(path)
            c.add(
                "ref/calendar-cycle",
                c.narrow(decl.span, decl.name),
                "calendars are based on each other in a circle: " + " -> ".join([*path, decl.name]),
                "base one of them on 'cn'",
                "日历相互基于，形成循环：" + " -> ".join([*path, decl.name]),
                "请让其中一个基于 cn",
            )


# --------------------------------------------------------------------------- escalations


def _too_large(c: _Collector, count: int, span: Span | None) -> None:
    c.add(
        "number/too-large",
        c.narrow(span, str(count)),
        f"{count} is too large for a time limit",
        f"time limits and ladder days are at most {MAX_COUNT}",
        f"{count} 作为期限过大",
        f"期限和升级天数最多为 {MAX_COUNT}",
    )


def _days(n: int, working: bool) -> str:
    unit = "working day" if working else "day"
    return f"{n} {unit}{'s' if n != 1 else ''}"


def _check_escalations(c: _Collector) -> None:
    for ladder in c.ruleset.escalations:
        if ladder.warn is not None and ladder.warn.days > MAX_COUNT:
            _too_large(c, ladder.warn.days, ladder.warn.span)
        for step in ladder.steps:
            if step.days > MAX_COUNT:
                _too_large(c, step.days, step.span)
        previous = None
        for step in ladder.steps:
            if previous is not None:
                # N working days are at least N calendar days, so only these orders are
                # certainly wrong; "urge 6 days" above "notify 5 working days" is fine.
                not_later = step.days <= previous.days and (
                    step.working == previous.working or previous.working
                )
                if not_later:
                    c.add(
                        "escalation/out-of-order",
                        step.span,
                        f"in escalation '{ladder.name}', '{step.step.value}' comes after "
                        f"{_days(step.days, step.working)} but the step above it comes after "
                        f"{_days(previous.days, previous.working)}",
                        "list the steps with increasing days",
                        f"升级阶梯“{ladder.name}”中，此步骤的天数（{step.days}）"
                        f"不大于上一步骤（{previous.days}）",
                        "请按天数递增的顺序排列各步骤",
                    )
                elif step.step.severity < previous.step.severity:
                    c.add(
                        "escalation/out-of-order",
                        step.span,
                        f"in escalation '{ladder.name}', '{step.step.value}' is milder than "
                        f"'{previous.step.value}' above it",
                        "a later step must be at least as severe as an earlier one "
                        "(remind, urge, correct, notify, hold accountable, discipline)",
                        f"升级阶梯“{ladder.name}”中，此步骤比上一步骤更轻",
                        "后面的步骤不得轻于前面的步骤（提醒、督促、纠正、通报、问责、追究纪律责任）",
                    )
            previous = step


# --------------------------------------------------------------------------- obligations


def _check_obligations(c: _Collector) -> None:
    r = c.ruleset
    ids = [o.id for o in r.obligations]
    by_id = {o.id: o for o in reversed(r.obligations)}
    ladders = [e.name for e in r.escalations]
    for ob in r.obligations:
        if ob.schedule is None:
            c.add(
                "obligation/no-schedule",
                c.narrow(ob.span, ob.id),
                f"obligation '{ob.id}' has no schedule",
                "add a sentence such as 'by April 1 each year, file report with supervisory organ'",
                f"义务“{ob.id}”没有期限",
                "请加一句，例如“每年4月1日前，向同级行政监察机关报送 报告”",
            )
        else:
            _check_schedule(c, ob.schedule, ob.id, r)
        _check_trailing_range(c, ob)
        if ob.action is None:
            c.add(
                "obligation/no-action",
                c.narrow(ob.span, ob.id),
                f"obligation '{ob.id}' says when but not what",
                "add the action after a comma: ', file <deliverable> with <recipient>'",
                f"义务“{ob.id}”没有行为",
                "请在逗号后写出行为，例如“，向同级行政监察机关报送 报告”",
            )
        if ob.escalation is not None and ob.escalation not in ladders:
            hint, hint_zh = _did_you_mean(ob.escalation, ladders)
            c.add(
                "ref/unknown-escalation",
                c.narrow(ob.escalation_span, ob.escalation),
                f"unknown escalation '{ob.escalation}'",
                hint or "declare it with 'escalation NAME:' or fix the name",
                f"未知的升级阶梯“{ob.escalation}”",
                hint_zh or "请用“升级 NAME：”声明该阶梯，或改正名称",
            )
        if isinstance(ob.schedule, Chained):
            for ref in ob.schedule.after:
                if ref == ob.id:
                    c.add(
                        "ref/self-chain",
                        c.narrow(ob.schedule.span, ref),
                        f"obligation '{ob.id}' follows its own deadlines",
                        "name the obligations whose deadlines this one follows",
                        f"义务“{ob.id}”引用了自己的期限",
                        "请写出本义务所跟随的其他义务",
                    )
                elif ref in by_id and isinstance(by_id[ref].schedule, AfterEvent):
                    c.add(
                        "ref/chain-after-event",
                        c.narrow(ob.schedule.span, ref),
                        f"obligation '{ob.id}' follows '{ref}', whose deadlines depend on "
                        "each agency's events",
                        "a chained obligation can only follow obligations with dated periods",
                        f"义务“{ob.id}”跟随的义务“{ref}”按事件计算期限",
                        "连锁义务只能跟随有固定期限的义务",
                    )
                elif ref not in by_id:  # a dict: a list here made the check quadratic
                    hint, hint_zh = _did_you_mean(ref, ids)
                    c.add(
                        "ref/unknown-obligation",
                        c.narrow(ob.schedule.span, ref),
                        f"unknown obligation '{ref}'",
                        hint or "name an obligation declared in this file",
                        f"未知的义务“{ref}”",
                        hint_zh or "请写出本文件中声明的义务",
                    )
    _check_chain_cycles(c)


def _check_chain_cycles(c: _Collector) -> None:
    r = c.ruleset
    follows: dict[str, list[str]] = {}
    spans: dict[str, Span | None] = {}
    for ob in r.obligations:
        if isinstance(ob.schedule, Chained) and ob.id not in follows:
            follows[ob.id] = [a for a in ob.schedule.after if a != ob.id]
            spans[ob.id] = ob.schedule.span
    reported: set[str] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    # An explicit stack, not recursion: a chain may be thousands of obligations long.
    for root in follows:
        if state.get(root) is not None:
            continue
        path = [root]
        state[root] = 1
        stack = [iter(follows[root])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                state[path.pop()] = 2
            elif state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    start = cycle[0]
                    target = cycle[1]
                    c.add(
                        "ref/chain-cycle",
                        c.narrow(spans.get(start), target),
                        "chained obligations follow each other in a circle: " + " -> ".join(cycle),
                        "a chained obligation must follow obligations with their own dates",
                        "连锁义务相互引用，形成循环：" + " -> ".join(cycle),
                        "连锁义务所跟随的义务须有自己的期限",
                    )
            elif nxt in follows and state.get(nxt) is None:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(follows[nxt]))
    if not reported:
        _check_chain_depth(c, follows, spans)


#: How many chained obligations may follow each other: regulations chain one or two; a deeper
#: chain is a mistake, and each link costs a level of nesting when its dates are computed.
MAX_CHAIN = 64


def _check_chain_depth(
    c: _Collector, follows: dict[str, list[str]], spans: dict[str, Span | None]
) -> None:
    depth: dict[str, int] = {}
    for root in follows:
        stack = [root]
        while stack:
            node = stack[-1]
            waiting = [n for n in follows[node] if n in follows and n not in depth]
            if waiting:
                stack.extend(waiting)
                continue
            stack.pop()
            depth[node] = 1 + max((depth[n] for n in follows[node] if n in follows), default=0)
    for ob_id, d in depth.items():
        if d > MAX_CHAIN and all(depth.get(o, 0) <= MAX_CHAIN for o in follows[ob_id]):
            c.add(
                "ref/chain-too-deep",
                spans.get(ob_id),
                f"obligation {ob_id} ends a chain of {d} chained obligations, each following "
                f"the next; at most {MAX_CHAIN} may follow each other",
                "chain the obligations on one that has its own dates",
                f"义务 {ob_id} 处于 {d} 项相互跟随的连锁义务之末，最多允许 {MAX_CHAIN} 项",
                "请让连锁义务跟随有自己期限的义务",
            )


# --------------------------------------------------------------------------- dates


def _days_in(year: int | None, month: int) -> int:
    """Days of *month*; with no year, February counts 29 (a yearly Feb 29 is allowed)."""
    if year is None:
        return 29 if month == 2 else _calendar.monthrange(2001, month)[1]
    return _calendar.monthrange(year, month)[1]


def _check_year(c: _Collector, year: int | None, span: Span | None) -> bool:
    if year is not None and not 1000 <= year <= 9999:
        c.add(
            "date/bad-year",
            c.narrow(span, str(year)),
            f"{year} is not a usable year",
            "write a four-digit year",
            f"{year} 不是有效的年份",
            "请写四位数的年份",
        )
        return False
    return True


def _check_month_day(
    c: _Collector, year: int | None, month: int, day: int | None, span: Span | None
) -> None:
    if not 1 <= month <= 12:
        c.add(
            "date/no-such-month",
            span,
            f"there is no month {month}",
            "months run from 1 to 12",
            f"没有{month}月",
            "月份应为1至12",
        )
        return
    if day is None:
        return
    last = _days_in(year, month)
    if not 1 <= day <= last:
        where = _MONTH_NAMES[month] + (f" {year}" if year is not None else "")
        c.add(
            "date/no-such-day",
            span,
            f"{where} has no day {day}",
            f"{where} has {last} days",
            f"{month}月没有{day}日" if year is None else f"{year}年{month}月没有{day}日",
            f"该月有{last}天",
        )


def _last_nominal(s: Schedule, r: Ruleset) -> dt.date | None:
    """The latest nominal deadline *s* can have, when it has one (else ``None``)."""
    try:
        if isinstance(s, Once | During):
            # Without a year, the year of `effective` (language.md section 2).
            year = s.year if s.year is not None else r.effective.year if r.effective else None
            if year is None:
                return None
            day = s.day if isinstance(s, Once) else None
            return dt.date(year, s.month, day or _calendar.monthrange(year, s.month)[1])
        if isinstance(s, Yearly) and s.until_year is not None:
            y = s.until_year
            return max(
                dt.date(y, md.month, min(md.day or 31, _calendar.monthrange(y, md.month)[1]))
                for md in s.dates
            )
        if (
            isinstance(s, EachMonth | MonthParity | Quarterly | HalfYearly | Chained)
            and s.until_year is not None
        ):
            return dt.date(s.until_year, 12, 31)
    except ValueError:  # an impossible date, reported by the other checks
        return None
    return None


def _check_before_effective(c: _Collector, s: Schedule, r: Ruleset) -> None:
    """A schedule whose every deadline falls before ``effective`` has no period at all.

    Without a year the deadline is in the year of ``effective``, so it can never apply: an
    error. With a year it may be a duty kept for the record in an amended ruleset: a warning.
    """
    if r.effective is None:
        return
    last = _last_nominal(s, r)
    if last is None or last >= r.effective:
        return
    yearless = isinstance(s, Once | During) and s.year is None
    c.add(
        "schedule/before-effective",
        s.span,
        f"every deadline of this schedule falls before the effective date {r.effective} "
        f"(the last is {last}), so the obligation has no period",
        "fix the year, or the ruleset's effective date",
        f"该期限的每个截止日都早于生效日期 {r.effective}（最晚为 {last}），义务没有任何期次",
        "请改正年份或规则集的生效日期",
        severity=Severity.ERROR if yearless else Severity.WARNING,
    )


# A run of white space is tried once, from its first character (the look-behind), so the search
# stays linear however long the run.
_TRAILING_RANGE = re.compile(
    r"(?:[,，、]\s*|(?<!\s)\s+)(?:自\d{4}年起|至\d{4}年止|from\s+\d{4}|until\s+\d{4})\s*$"
)


def _check_trailing_range(c: _Collector, ob: Obligation) -> None:
    """A bare deliverable that ends in a year range: the range was meant for the schedule."""
    action = ob.action
    if action is None or not _TRAILING_RANGE.search(action.deliverable):
        return
    span = action.span
    line = c.lines.line_text(span.line) if span is not None and c.ruleset.text else None
    if line is not None and any(q in line for q in ('"', "“", "「")):
        return  # a quoted deliverable says what it means
    c.add(
        "action/year-range-in-deliverable",
        c.narrow(span, action.deliverable) if span is not None else None,
        f"the deliverable '{action.deliverable}' ends in a year range, which would be ignored",
        "a year range belongs to the schedule, before the comma: 'by April 1 each year from "
        "2011, file ...'; quote the deliverable if the words are really part of it",
        f"报送内容“{action.deliverable}”以年份区间结尾，该区间不会生效",
        "年份区间应写在期限之后、逗号之前，如“每年4月1日前自2011年起，……”或写在句首"
        "“自2011年起，每年4月1日前，……”；如确属报送内容，请加引号",
    )


def _check_needs_effective(c: _Collector, s: Schedule, ob_id: str, r: Ruleset) -> None:
    """Periods start at ``effective`` (or a ``from`` year): without either, none can be found.

    A warning, not an error: a rules file may be written and checked before its date is
    known; evaluating it fails with this message.
    """
    if r.effective is not None or getattr(s, "from_year", None) is not None:
        return
    c.add(
        "schedule/no-effective",
        s.span,
        f"obligation '{ob_id}' cannot be evaluated: the ruleset has no effective date and "
        "this schedule no 'from' year, so its first period cannot be found",
        "add 'effective YYYY-MM-DD' to the header (or 'from YYYY' to the schedule)",
        f"义务“{ob_id}”无法评估：规则集没有生效日期，该期限也没有起始年份，无法确定第一期",
        "请在文件开头加上“生效 YYYY-MM-DD”（或在期限后加“自YYYY年起”）",
        severity=Severity.WARNING,
    )


def _check_schedule(c: _Collector, s: Schedule, ob_id: str, r: Ruleset) -> None:
    _check_needs_effective(c, s, ob_id, r)
    found = len(c.found)
    _check_schedule_values(c, s)  # reports errors only
    if len(c.found) == found:
        # Dates are worked out only from values that passed their checks: a day such as
        # 2147483648 is reported above and never reaches date arithmetic.
        _check_before_effective(c, s, r)


def _check_schedule_values(c: _Collector, s: Schedule) -> None:
    """Every year, month, day and count of a schedule lies in its range."""
    r = c.ruleset
    if isinstance(s, Once):
        if _check_year(c, s.year, s.span):
            year = s.year
            if year is None and r.effective is not None:
                year = r.effective.year
            _check_month_day(c, year, s.month, s.day, s.span)
    elif isinstance(s, During):
        if _check_year(c, s.year, s.span):
            _check_month_day(c, s.year, s.month, None, s.span)
    elif isinstance(s, Yearly):
        for md in s.dates:
            _check_month_day(c, None, md.month, md.day, s.span)
        months = [md.month for md in s.dates if 1 <= md.month <= 12]
        twice = sorted({m for m in months if months.count(m) > 1})
        if twice:
            # Periods of a yearly schedule with several deadlines are labelled YYYY-MM
            # (language.md section 4): two deadlines in one month would share a label.
            name = _MONTH_NAMES[twice[0]]
            c.add(
                "schedule/same-month-twice",
                s.span,
                f"two deadlines in {name} each year: their periods would share the label "
                f"YYYY-{twice[0]:02d}",
                "keep one deadline a month, or write two obligations",
                f"每年{twice[0]}月有两个截止日，两期的标签（YYYY-{twice[0]:02d}）会相同",
                "每月只保留一个截止日，或拆成两项义务",
            )
    elif isinstance(s, EachMonth | Chained):
        day = s.day
        if day is not None and not 1 <= day <= 31:
            c.add(
                "date/no-such-day",
                s.span,
                f"no month has a day {day}",
                "days of the month run from 1 to 31 (a day past a month's end means its last day)",
                f"没有任何月份有{day}日",
                "日期应为1至31",
            )
    elif isinstance(s, AfterEvent) and s.count < 1:
        c.add(
            "schedule/zero-count",
            s.span,
            f"a time limit of {s.count} {s.unit.value}",
            "give a time limit of at least 1",
            f"期限为{s.count}",
            "期限至少为1",
        )
    elif isinstance(s, AfterEvent) and s.count > MAX_COUNT:
        _too_large(c, s.count, s.span)
    if isinstance(s, Yearly | EachMonth | MonthParity | Quarterly | HalfYearly | Chained):
        ok = _check_year(c, s.from_year, s.span) and _check_year(c, s.until_year, s.span)
        if (
            ok
            and s.from_year is not None
            and s.until_year is not None
            and s.from_year > s.until_year
        ):
            c.add(
                "schedule/bad-range",
                s.span,
                f"from {s.from_year} until {s.until_year}: the range is empty",
                "the 'from' year must not be after the 'until' year",
                f"自{s.from_year}年起至{s.until_year}年止：区间为空",
                "起始年份不得晚于终止年份",
            )
