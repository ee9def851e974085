# SPDX-License-Identifier: MIT
"""Turn a parsed rules file into the model of :mod:`xzjd.model`.

The builder is deliberately dumb: it has one method for each grammar rule, which the parser
calls as it reduces the rule (:func:`xzjd.language.parser.parse`); the method maps the rule onto a
model value and attaches a :class:`~xzjd.errors.Span` taken from the rule's
:class:`~xzjd.language.parser.Meta`. It never raises a domain error. The few problems that can only
be seen while building, because the model has no room to keep them (a second ``effective``
line, a second ``warn`` line in a ladder, a date such as ``2010-02-30`` that cannot become a
:class:`datetime.date`), are collected as diagnostics in :attr:`Builder.problems`;
:func:`xzjd.language.loader.loads` reports them together with the findings of
:mod:`xzjd.language.check`.

:func:`build_text` is the way in: it parses a text with a new :class:`Builder`.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections.abc import Iterable
from typing import Any

import attrs
from lark import Token

from xzjd.errors import Diagnostic, Span
from xzjd.language import parser as _parser
from xzjd.language.reductions import Meta
from xzjd.model import (
    MAX_RANGE_DAYS,
    MONTHS_EN,
    Action,
    AfterEvent,
    AgencyBearer,
    AgencyRecipient,
    CalendarDecl,
    Chained,
    DataDecl,
    DataKind,
    DataRow,
    DateRange,
    During,
    EachMonth,
    Escalation,
    EscalationStep,
    Expectation,
    HalfYearly,
    Kind,
    KindBearer,
    Level,
    MonthDay,
    MonthParity,
    Obligation,
    Once,
    Parity,
    Quarterly,
    Relation,
    RelativeRecipient,
    RestDayPolicy,
    Ruleset,
    RulesRef,
    Scenario,
    Step,
    Unit,
    Verb,
    Warn,
    Yearly,
)
from xzjd.text.lines import LineIndex

__all__ = ["Builder", "build_text", "line_text", "token_span"]


_QUOTES = {'"': '"', "“": "”", "「": "」"}


def token_span(token: Token) -> Span:
    """The span of one token."""
    return Span(
        token.line or 1,
        token.column or 1,
        token.end_line or token.line or 1,
        token.end_column or (token.column or 1) + len(token),
        token.start_pos or 0,
        token.end_pos or 0,
    )


def _meta_span(meta: Meta) -> Span | None:
    first = meta.first
    if first is None:
        return None
    last = meta.last
    assert last is not None
    return Span(
        first.line,  # type: ignore[arg-type]
        first.column,  # type: ignore[arg-type]
        last.end_line,  # type: ignore[arg-type]
        last.end_column,  # type: ignore[arg-type]
        first.start_pos,  # type: ignore[arg-type]
        last.end_pos,  # type: ignore[arg-type]
    )


def line_text(text: str, line: int) -> str | None:
    """The text of 1-based line *line*, or ``None`` if there is no such line.

    One look-up; for many, keep a :class:`~xzjd.text.lines.LineIndex` of the text.
    """
    return LineIndex(text).line_text(line)


# The characters an obligation id may be glued to (see Builder._check_id_ends).
_GLUED_TO_ID = re.compile(r"[^\s:：\"“「#]+")


def unquote(token: Token) -> str:
    """The content of a quoted string token, or the bare text as written."""
    value = str(token)
    if token.type == "STRING" and len(value) >= 2 and value[0] in _QUOTES:
        return value[1:-1]
    return value


@attrs.frozen
class _Range:
    from_year: int | None
    until_year: int | None


@attrs.frozen
class _Line:
    """One line of an obligation block, tagged with what it says."""

    what: str
    value: Any
    span: Span | None
    extra: Any = None


@attrs.frozen
class _Header:
    what: str
    value: Any
    span: Span | None


def _seq(items: Iterable[Any]) -> Any:
    """A tuple for a model field with ``converter=tuple`` (typed loosely for mypy's attrs
    plugin, which cannot infer the converter's item type)."""
    return tuple(items)


# Numbers are kept exactly up to this many significant digits (Python converts at most 4300
# by default, see sys.get_int_max_str_digits); a year, a day or a count of a rules file needs
# at most five, and the checks reject anything above their limits.
_MAX_DIGITS = 4000
_ABOVE_ALL = 10**_MAX_DIGITS


class LongNumber(int):
    """A number written with more digits than Python converts to an ``int`` (a stuck key).

    It compares as 10**4000, above every limit the checks apply, so the checks report it at
    its place ("July has no day 999999…999 (5000 digits)"); it prints as the digits written,
    shortened.
    """

    text: str

    def __new__(cls, digits: str) -> LongNumber:
        number = super().__new__(cls, _ABOVE_ALL)
        number.text = f"{digits[:6]}…{digits[-3:]} ({len(digits)} digits)"
        return number

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def _int(text: str) -> int:
    """The number written as the decimal digits *text* (of any script, as ``\\d`` matches)."""
    digits = text.lstrip("0") or "0"
    limit = sys.get_int_max_str_digits()
    if len(digits) > _MAX_DIGITS or (limit and len(digits) > limit):
        return LongNumber(digits)
    return int(digits)


def _ints(children: list[Any]) -> list[int]:
    return [_int(c) for c in children if isinstance(c, Token) and c.type == "INT"]


def _range(children: list[Any]) -> _Range:
    for c in children:
        if isinstance(c, _Range):
            return c
    return _Range(None, None)


class Builder:
    """The reductions of one rules file, building an unchecked :class:`~xzjd.model.Ruleset`.

    Each method is named after a rule of the grammar (or its alias) and is called with the
    rule's :class:`~xzjd.language.parser.Meta` and children (see
    :func:`xzjd.language.parser.parse`).

    Args:
        text: the source text (for diagnostics and ``Ruleset.text``).
        file: the file name shown in diagnostics.
    """

    def __init__(self, text: str, file: str) -> None:
        self._source = text
        self._file = file
        self._lines: LineIndex | None = None
        self.problems: list[Diagnostic] = []

    def _line_text(self, line: int) -> str | None:
        """A line of the source, from an index built once per text."""
        lines = self._lines
        if lines is None or lines.text is not self._source:
            lines = self._lines = LineIndex(self._source)
        return lines.line_text(line)

    # ------------------------------------------------------------------ helpers

    def _problem(
        self,
        code: str,
        span: Span | None,
        message: str,
        hint: str | None = None,
        message_zh: str | None = None,
        hint_zh: str | None = None,
    ) -> None:
        self.problems.append(
            Diagnostic(
                code=code,
                message=message,
                file=self._file,
                span=span,
                line_text=self._line_text(span.line) if span else None,
                hint=hint,
                message_zh=message_zh,
                hint_zh=hint_zh,
            )
        )

    def _date(self, token: Token) -> dt.date | None:
        year, month, day = (_int(p) for p in str(token).split("-"))
        try:
            return dt.date(year, month, day)
        except ValueError:
            self._problem(
                "date/invalid",
                token_span(token),
                f"{token} is not a date",
                "write a real calendar date as YYYY-MM-DD",
                f"{token} 不是有效日期",
                "请按 YYYY-MM-DD 写出真实存在的日期",
            )
            return None

    def _check_id_ends(self, token: Token) -> None:
        """Report an obligation id glued to more word characters (``a_b``, ``report报告``).

        The lexer takes the longest ``[a-z][a-z0-9-]*`` and a bare title may follow, so
        without this check ``obligation a_b "t":`` would silently become the id ``a``.
        """
        end = token.end_pos
        if end is None or end >= len(self._source):
            return
        rest = _GLUED_TO_ID.match(self._source, end)  # no copy of the rest of the text
        if rest is None:
            return
        whole = str(token) + rest.group(0)
        span = token_span(token)
        if span is not None:
            span = Span(
                start=span.start,
                end=span.start + len(whole),
                line=span.line,
                column=span.column,
                end_line=span.line,
                end_column=span.column + len(whole),
            )
        self._problem(
            "syntax/bad-obligation-id",
            span,
            f"'{whole}' is not an obligation id",
            "an obligation id is lower-case ASCII letters, digits and '-', starting with a "
            "letter (such as 'bimonthly-report'); put the title in quotes after it",
            f"“{whole}”不是有效的义务标识",
            "义务标识只能由小写英文字母、数字和“-”组成，以字母开头（如 bimonthly-report）；"
            "标题请加引号写在其后",
        )

    # ------------------------------------------------------------------ file

    def start(self, meta: Meta, children: list[Any]) -> Ruleset:
        title: str | None = None
        effective: dt.date | None = None
        calendar = "cn"
        calendar_span: Span | None = None
        policy = RestDayPolicy.MOVE
        seen: dict[str, Span | None] = {}
        escalations: list[Escalation] = []
        calendars: list[CalendarDecl] = []
        obligations: list[Obligation] = []
        scenarios: list[Scenario] = []
        data: list[DataDecl] = []
        rules_ref: RulesRef | None = None
        for child in children:
            if isinstance(child, Scenario):
                scenarios.append(child)
            elif isinstance(child, DataDecl):
                data.append(child)
            elif isinstance(child, RulesRef):
                if rules_ref is not None:
                    self._duplicate_line("rules", child.span)
                    continue
                rules_ref = child
            elif isinstance(child, Escalation):
                escalations.append(child)
            elif isinstance(child, CalendarDecl):
                calendars.append(child)
            elif isinstance(child, Obligation):
                obligations.append(child)
            elif isinstance(child, _Header):
                if child.what in seen:
                    self._duplicate_line(child.what, child.span)
                    continue
                seen[child.what] = child.span
                if child.what == "ruleset":
                    title = child.value
                elif child.what == "effective":
                    effective = child.value
                elif child.what == "calendar":
                    calendar = child.value
                    calendar_span = child.span
                else:
                    policy = child.value
        return Ruleset(
            title=title,
            effective=effective,
            calendar=calendar,
            rest_days=policy,
            escalations=_seq(escalations),
            calendars=_seq(calendars),
            obligations=_seq(obligations),
            scenarios=_seq(scenarios),
            data=_seq(data),
            rules_ref=rules_ref,
            file=self._file,
            text=self._source,
            span=_meta_span(meta),
            calendar_span=calendar_span,
        )

    def _duplicate_line(self, what: str, span: Span | None) -> None:
        self._problem(
            "dup/line",
            span,
            f"a second '{what}' line",
            f"keep one '{what}' line and delete the other",
            f"重复的“{what}”行",
            "只保留一行",
        )

    # ------------------------------------------------------------------ header

    def ruleset_title(self, meta: Meta, children: list[Any]) -> _Header:
        return _Header("ruleset", children[0], _meta_span(meta))

    def effective(self, meta: Meta, children: list[Any]) -> _Header:
        return _Header("effective", self._date(children[0]), _meta_span(meta))

    def calendar_use(self, meta: Meta, children: list[Any]) -> _Header:
        return _Header("calendar", str(children[0]), _meta_span(meta))

    def policy_move(self, meta: Meta, children: list[Any]) -> _Header:
        return _Header("deadlines on rest days", RestDayPolicy.MOVE, _meta_span(meta))

    def policy_stay(self, meta: Meta, children: list[Any]) -> _Header:
        return _Header("deadlines on rest days", RestDayPolicy.STAY, _meta_span(meta))

    def text(self, meta: Meta, children: list[Any]) -> str:
        return unquote(children[0])

    def title(self, meta: Meta, children: list[Any]) -> str:
        return unquote(children[0])

    deliverable_en = text

    # ------------------------------------------------------------------ calendars

    def _calendar(
        self, meta: Meta, name: Token, base: str | None, lines: list[Any]
    ) -> CalendarDecl:
        rest: list[DateRange] = []
        work: list[dt.date] = []
        for line in lines:
            if isinstance(line, DateRange):
                rest.append(line)
            elif isinstance(line, dt.date):
                work.append(line)
        return CalendarDecl(
            name=str(name), base=base, rest=_seq(rest), work=_seq(work), span=_meta_span(meta)
        )

    def calendar_decl(self, meta: Meta, children: list[Any]) -> CalendarDecl:
        return self._calendar(meta, children[0], str(children[1]), children[2:])

    def calendar_decl_nobase(self, meta: Meta, children: list[Any]) -> CalendarDecl:
        return self._calendar(meta, children[0], None, children[1:])

    def calendar_decl_empty(self, meta: Meta, children: list[Any]) -> CalendarDecl:
        return self._calendar(meta, children[0], str(children[1]), [])

    def calendar_decl_file(self, meta: Meta, children: list[Any]) -> CalendarDecl:
        decl = self._calendar(meta, children[0], str(children[1]), [])
        return attrs.evolve(decl, file=unquote(children[2]))

    def rest_days(self, meta: Meta, children: list[Any]) -> DateRange | None:
        first = self._date(children[0])
        last = self._date(children[1]) if len(children) > 1 else first
        if first is None or last is None:
            return None
        if last < first:
            self._problem(
                "calendar/backwards-range",
                _meta_span(meta),
                f"the rest range ends ({last}) before it starts ({first})",
                "write the earlier date first",
                f"休息区间的结束日（{last}）早于开始日（{first}）",
                "请先写较早的日期",
            )
            return None
        if (last - first).days >= MAX_RANGE_DAYS:
            self._problem(
                "calendar/long-range",
                _meta_span(meta),
                f"the rest range {first} to {last} is longer than {MAX_RANGE_DAYS} days",
                "declare one holiday period a line",
                f"休息区间 {first} 至 {last} 超过 {MAX_RANGE_DAYS} 天",
                "每行写一个放假期间",
            )
            return None
        return DateRange(first, last)

    def work_day(self, meta: Meta, children: list[Any]) -> dt.date | None:
        return self._date(children[0])

    # ------------------------------------------------------------------ escalation

    def escalation_decl(self, meta: Meta, children: list[Any]) -> Escalation:
        warn: Warn | None = None
        steps: list[EscalationStep] = []
        for child in children[1:]:
            if isinstance(child, Warn):
                if warn is not None:
                    self._problem(
                        "escalation/multiple-warn",
                        child.span,
                        f"escalation '{children[0]}' has more than one warn line",
                        "keep a single warn line per ladder",
                        f"升级阶梯“{children[0]}”有多于一行预警",
                        "每个阶梯只能有一行预警",
                    )
                    continue
                warn = child
            elif isinstance(child, EscalationStep):
                steps.append(child)
        return Escalation(
            name=str(children[0]), warn=warn, steps=_seq(steps), span=_meta_span(meta)
        )

    def warn(self, meta: Meta, children: list[Any]) -> Warn:
        unit = next(c for c in children if isinstance(c, Unit))
        return Warn(
            days=_ints(children)[0], working=unit is Unit.WORKING_DAYS, span=_meta_span(meta)
        )

    def step(self, meta: Meta, children: list[Any]) -> EscalationStep:
        unit = next(c for c in children if isinstance(c, Unit))
        step = next(c for c in children if isinstance(c, Step))
        return EscalationStep(
            step=step,
            days=_ints(children)[0],
            working=unit is Unit.WORKING_DAYS,
            span=_meta_span(meta),
        )

    def calendar_days(self, meta: Meta, children: list[Any]) -> Unit:
        return Unit.DAYS

    def working_days(self, meta: Meta, children: list[Any]) -> Unit:
        return Unit.WORKING_DAYS

    def months(self, meta: Meta, children: list[Any]) -> Unit:
        return Unit.MONTHS

    def remind(self, meta: Meta, children: list[Any]) -> Step:
        return Step.REMIND

    def urge(self, meta: Meta, children: list[Any]) -> Step:
        return Step.URGE

    def correct(self, meta: Meta, children: list[Any]) -> Step:
        return Step.CORRECT

    def notify(self, meta: Meta, children: list[Any]) -> Step:
        return Step.NOTIFY

    def hold_accountable(self, meta: Meta, children: list[Any]) -> Step:
        return Step.HOLD_ACCOUNTABLE

    def discipline(self, meta: Meta, children: list[Any]) -> Step:
        return Step.DISCIPLINE

    # ------------------------------------------------------------------ obligations

    def obligation_decl(self, meta: Meta, children: list[Any]) -> Obligation:
        ob_id = str(children[0])
        self._check_id_ends(children[0])
        title: str | None = None
        lines: list[_Line] = []
        for child in children[1:]:
            if isinstance(child, str):
                title = child
            elif isinstance(child, _Line):
                lines.append(child)
        fields: dict[str, Any] = {}
        for line in lines:
            if line.what in fields:
                what = {"sentence": "schedule sentence"}.get(line.what, line.what)
                self._problem(
                    "dup/line",
                    line.span,
                    f"obligation '{ob_id}' has a second {what} line",
                    "one obligation holds one line of each kind; split it into two obligations"
                    if line.what == "sentence"
                    else f"keep one {what} line",
                    f"义务“{ob_id}”有重复的行",
                    "每项义务每种行只能有一行；如有两个期限，请拆成两项义务",
                )
                continue
            fields[line.what] = line
        schedule = action = None
        if "sentence" in fields:
            schedule, action = fields["sentence"].value
        escalation = fields.get("escalation")
        return Obligation(
            id=ob_id,
            title=title,
            source=fields["source"].value if "source" in fields else None,
            bearers=fields["applies"].value if "applies" in fields else (),
            schedule=schedule,
            action=action,
            escalation=escalation.value if escalation else None,
            span=_meta_span(meta),
            escalation_span=escalation.span if escalation else None,
        )

    def source(self, meta: Meta, children: list[Any]) -> _Line:
        return _Line("source", children[0], _meta_span(meta))

    def applies(self, meta: Meta, children: list[Any]) -> _Line:
        return _Line("applies", children[0], _meta_span(meta))

    def uses_escalation(self, meta: Meta, children: list[Any]) -> _Line:
        return _Line("escalation", str(children[0]), token_span(children[0]))

    def obligation_line(self, meta: Meta, children: list[Any]) -> _Line:
        return children[0]  # type: ignore[no-any-return]

    def sentence(self, meta: Meta, children: list[Any]) -> _Line:
        schedule = next((c for c in children if not isinstance(c, Action)), None)
        action = next((c for c in children if isinstance(c, Action)), None)
        return _Line("sentence", (schedule, action), _meta_span(meta))

    def sentence_from(self, meta: Meta, children: list[Any]) -> _Line:
        """``自2011年起，每年4月1日前，…``: a Chinese year range written before the schedule."""
        prefix = children[0]
        schedule = children[1]
        action = next((c for c in children if isinstance(c, Action)), None)
        span = _meta_span(meta)
        if not hasattr(schedule, "from_year"):
            self._problem(
                "schedule/range-not-allowed",
                span,
                "only a recurring schedule can have a 'from' or 'until' year",
                "drop the year range, or write the year into the date",
                "只有周期性期限才能有起止年份",
                "请删去起止年份，或把年份写进日期",
            )
        elif schedule.from_year is not None or schedule.until_year is not None:
            self._problem(
                "dup/range",
                span,
                "the year range is given both before and after the schedule",
                "keep one of them",
                "起止年份在期限前后都写了",
                "只保留一处",
            )
        else:
            schedule = attrs.evolve(
                schedule, from_year=prefix.from_year, until_year=prefix.until_year
            )
        return _Line("sentence", (schedule, action), span)

    # ------------------------------------------------------------------ schedules

    def once_date(self, meta: Meta, children: list[Any]) -> Once:
        year, month, day = (_int(p) for p in str(children[0]).split("-"))
        return Once(year=year, month=month, day=day, span=_meta_span(meta))

    def once_end(self, meta: Meta, children: list[Any]) -> Once:
        month = MONTHS_EN.index(str(children[0])) + 1
        ints = _ints(children)
        return Once(year=ints[0] if ints else None, month=month, day=None, span=_meta_span(meta))

    def once_day(self, meta: Meta, children: list[Any]) -> Once:
        month = MONTHS_EN.index(str(children[0])) + 1
        day = _int(children[1])
        year = None
        if len(children) > 2:
            year = _int(re.sub(r"\D", "", str(children[2])))
        return Once(year=year, month=month, day=day, span=_meta_span(meta))

    def once_ymd_zh(self, meta: Meta, children: list[Any]) -> Once:
        year, month, day = _ints(children)
        return Once(year=year, month=month, day=day, span=_meta_span(meta))

    def once_end_zh(self, meta: Meta, children: list[Any]) -> Once:
        ints = _ints(children)
        year = ints[0] if len(ints) == 2 else None
        return Once(year=year, month=ints[-1], day=None, span=_meta_span(meta))

    def once_year_end_zh(self, meta: Meta, children: list[Any]) -> Once:
        ints = _ints(children)
        return Once(year=ints[0] if ints else None, month=12, day=None, span=_meta_span(meta))

    def yearly_end(self, meta: Meta, children: list[Any]) -> Yearly:
        r = _range(children)
        return Yearly(
            dates=_seq([MonthDay(12, None)]),
            from_year=r.from_year,
            until_year=r.until_year,
            span=_meta_span(meta),
        )

    def once_day_zh(self, meta: Meta, children: list[Any]) -> Once:
        month, day = _ints(children)
        return Once(year=None, month=month, day=day, span=_meta_span(meta))

    def month_day(self, meta: Meta, children: list[Any]) -> MonthDay:
        if children[0].type == "MONTH_EN":
            return MonthDay(MONTHS_EN.index(str(children[0])) + 1, _int(children[1]))
        month, day = _ints(children)
        return MonthDay(month, day)

    def month_end(self, meta: Meta, children: list[Any]) -> MonthDay:
        if children[0].type == "MONTH_EN":
            return MonthDay(MONTHS_EN.index(str(children[0])) + 1, None)
        return MonthDay(_int(children[0]), None)

    def yearly(self, meta: Meta, children: list[Any]) -> Yearly:
        r = _range(children)
        return Yearly(
            dates=_seq(c for c in children if isinstance(c, MonthDay)),
            from_year=r.from_year,
            until_year=r.until_year,
            span=_meta_span(meta),
        )

    def each_month_day(self, meta: Meta, children: list[Any]) -> EachMonth:
        r = _range(children)
        first = children[0]
        day = _int(re.sub(r"\D", "", str(first)))
        return EachMonth(
            day=day, from_year=r.from_year, until_year=r.until_year, span=_meta_span(meta)
        )

    def each_month_end(self, meta: Meta, children: list[Any]) -> EachMonth:
        r = _range(children)
        return EachMonth(
            day=None, from_year=r.from_year, until_year=r.until_year, span=_meta_span(meta)
        )

    def month_parity(self, meta: Meta, children: list[Any]) -> MonthParity:
        r = _range(children)
        parity = next(c for c in children if isinstance(c, Parity))
        return MonthParity(
            parity=parity, from_year=r.from_year, until_year=r.until_year, span=_meta_span(meta)
        )

    def even(self, meta: Meta, children: list[Any]) -> Parity:
        return Parity.EVEN

    def odd(self, meta: Meta, children: list[Any]) -> Parity:
        return Parity.ODD

    def quarterly(self, meta: Meta, children: list[Any]) -> Quarterly:
        r = _range(children)
        return Quarterly(from_year=r.from_year, until_year=r.until_year, span=_meta_span(meta))

    def half_yearly(self, meta: Meta, children: list[Any]) -> HalfYearly:
        r = _range(children)
        return HalfYearly(from_year=r.from_year, until_year=r.until_year, span=_meta_span(meta))

    def during(self, meta: Meta, children: list[Any]) -> During:
        month = MONTHS_EN.index(str(children[0])) + 1
        ints = _ints(children)
        return During(year=ints[0] if ints else None, month=month, span=_meta_span(meta))

    def during_zh(self, meta: Meta, children: list[Any]) -> During:
        ints = _ints(children)
        year = ints[0] if len(ints) == 2 else None
        return During(year=year, month=ints[-1], span=_meta_span(meta))

    def event(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    event_zh = event

    def after_event(self, meta: Meta, children: list[Any]) -> AfterEvent:
        event = next(c for c in children if isinstance(c, str) and not isinstance(c, Token))
        unit = next(c for c in children if isinstance(c, Unit))
        return AfterEvent(event=event, count=_ints(children)[0], unit=unit, span=_meta_span(meta))

    def chained(self, meta: Meta, children: list[Any]) -> Chained:
        r = _range(children)
        day = _int(re.sub(r"\D", "", str(children[0])))
        after = [str(c) for c in children if isinstance(c, Token) and c.type == "OBL_ID"]
        return Chained(
            after=_seq(after),
            day=day,
            from_year=r.from_year,
            until_year=r.until_year,
            span=_meta_span(meta),
        )

    def chained_zh(self, meta: Meta, children: list[Any]) -> Chained:
        r = _range(children)
        after = [str(c) for c in children if isinstance(c, Token) and c.type == "OBL_ID"]
        return Chained(
            after=_seq(after),
            day=_ints(children)[0],
            from_year=r.from_year,
            until_year=r.until_year,
            span=_meta_span(meta),
        )

    def range_from(self, meta: Meta, children: list[Any]) -> _Range:
        ints = _ints(children)
        return _Range(ints[0], ints[1] if len(ints) > 1 else None)

    def range_until(self, meta: Meta, children: list[Any]) -> _Range:
        return _Range(None, _ints(children)[0])

    # ------------------------------------------------------------------ actions, parties

    def file_en(self, meta: Meta, children: list[Any]) -> Action:
        return Action(
            verb=Verb.FILE,
            deliverable=children[0],
            recipients=children[1],
            span=_meta_span(meta),
        )

    def file_zh(self, meta: Meta, children: list[Any]) -> Action:
        return Action(
            verb=Verb.FILE,
            deliverable=children[1],
            recipients=children[0],
            span=_meta_span(meta),
        )

    def publish(self, meta: Meta, children: list[Any]) -> Action:
        return Action(verb=Verb.PUBLISH, deliverable=children[0], span=_meta_span(meta))

    def hold(self, meta: Meta, children: list[Any]) -> Action:
        return Action(verb=Verb.HOLD, deliverable=children[0], span=_meta_span(meta))

    def complete(self, meta: Meta, children: list[Any]) -> Action:
        return Action(verb=Verb.COMPLETE, deliverable=children[0], span=_meta_span(meta))

    def recipients(self, meta: Meta, children: list[Any]) -> tuple[Any, ...]:
        return tuple(children)

    bearers = recipients

    def relative_recipient(self, meta: Meta, children: list[Any]) -> RelativeRecipient:
        relation = next((c for c in children if isinstance(c, Relation)), Relation.SAME_LEVEL)
        kind = next(c for c in children if isinstance(c, Kind))
        return RelativeRecipient(relation=relation, kind=kind, span=_meta_span(meta))

    def agency_recipient(self, meta: Meta, children: list[Any]) -> AgencyRecipient:
        return AgencyRecipient(agency=children[0], span=_meta_span(meta))

    def same_level(self, meta: Meta, children: list[Any]) -> Relation:
        return Relation.SAME_LEVEL

    def upper_level(self, meta: Meta, children: list[Any]) -> Relation:
        return Relation.UPPER_LEVEL

    def kind_bearer(self, meta: Meta, children: list[Any]) -> KindBearer:
        kind = next(c for c in children if isinstance(c, Kind))
        level = next((c for c in children if isinstance(c, Level)), None)
        tag = next(
            (str(c) for c in children if isinstance(c, Token) and c.type in ("TAG", "TAG_ZH")),
            None,
        )
        return KindBearer(kind=kind, level=level, tag=tag, span=_meta_span(meta))

    def agency_bearer(self, meta: Meta, children: list[Any]) -> AgencyBearer:
        return AgencyBearer(agency=children[0], span=_meta_span(meta))

    def agency(self, meta: Meta, children: list[Any]) -> str:
        return unquote(children[0])

    def administrative_organ(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.ADMINISTRATIVE_ORGAN

    def supervisory_organ(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.SUPERVISORY_ORGAN

    def audit_organ(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.AUDIT_ORGAN

    def government(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.GOVERNMENT

    def department(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.DEPARTMENT

    def provincial(self, meta: Meta, children: list[Any]) -> Level:
        return Level.PROVINCIAL

    def prefecture(self, meta: Meta, children: list[Any]) -> Level:
        return Level.PREFECTURE

    def county(self, meta: Meta, children: list[Any]) -> Level:
        return Level.COUNTY

    def township(self, meta: Meta, children: list[Any]) -> Level:
        return Level.TOWNSHIP

    # ------------------------------------------------------------------ 9. scenarios

    def rules_ref(self, meta: Meta, children: list[Any]) -> RulesRef:
        return RulesRef(path=unquote(children[0]), span=_meta_span(meta))

    def scenario_decl(self, meta: Meta, children: list[Any]) -> Scenario:
        on: dt.date | None = None
        data: list[DataDecl] = []
        expectations: list[Expectation] = []
        for child in children[1:]:
            if isinstance(child, DataDecl):
                data.append(child)
            elif isinstance(child, Expectation):
                expectations.append(child)
            elif isinstance(child, _Header):
                if on is not None:
                    self._duplicate_line("on", child.span)
                    continue
                on = child.value
        return Scenario(
            title=children[0],
            on=on,
            data=_seq(data),
            expectations=_seq(expectations),
            span=_meta_span(meta),
        )

    def scenario_on(self, meta: Meta, children: list[Any]) -> _Header:
        return _Header("on", self._date(children[0]) or dt.date.min, _meta_span(meta))

    def data_file(self, meta: Meta, children: list[Any]) -> DataDecl:
        return DataDecl(kind=children[0], path=unquote(children[1]), span=_meta_span(meta))

    def data_rows(self, meta: Meta, children: list[Any]) -> DataDecl:
        return DataDecl(kind=children[0], rows=_seq(children[1:]), span=_meta_span(meta))

    def data_none(self, meta: Meta, children: list[Any]) -> DataDecl:
        return DataDecl(kind=children[0], span=_meta_span(meta))

    def agencies_kind(self, meta: Meta, children: list[Any]) -> DataKind:
        return DataKind.AGENCIES

    def filings_kind(self, meta: Meta, children: list[Any]) -> DataKind:
        return DataKind.FILINGS

    def events_kind(self, meta: Meta, children: list[Any]) -> DataKind:
        return DataKind.EVENTS

    def data_row(self, meta: Meta, children: list[Any]) -> DataRow:
        return DataRow(text=str(children[0]), span=token_span(children[0]))

    def expect_line(self, meta: Meta, children: list[Any]) -> Expectation:
        agency, obligation, period, clauses = children
        spans = {
            "agency": token_span(agency),
            "obligation": token_span(obligation),
            "period": token_span(period),
        }
        fields: dict[str, Any] = {}
        if clauses == "absent":
            fields["absent"] = True
        else:
            for what, value, span in clauses:
                if what in fields:
                    self._problem(
                        "dup/expectation",
                        span,
                        f"the expectation says its {what} twice",
                        "keep one",
                        "预期中重复的内容",
                        "只保留一处",
                    )
                    continue
                fields[what] = value
                spans[what] = span
        if "days" in fields:
            fields["days_overdue"] = fields.pop("days")
        return Expectation(
            agency=str(agency),
            obligation=str(obligation),
            period=str(period),
            span=_meta_span(meta),
            spans=spans,
            **fields,
        )

    def expect_absent(self, meta: Meta, children: list[Any]) -> str:
        return "absent"

    def expect_clauses(self, meta: Meta, children: list[Any]) -> list[Any]:
        out: list[Any] = []
        for clause in children:
            if clause[0] == "overdue_days":
                out.append(("state", "overdue", clause[2]))
                out.append(("days", clause[1], clause[2]))
            else:
                out.append(clause)
        return out

    def state_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("state", children[0], _meta_span(meta))

    def overdue_days(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("overdue_days", _int(children[0]), _meta_span(meta))

    def step_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("step", children[-1], _meta_span(meta))

    def no_step_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("no_step", True, _meta_span(meta))

    def due_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("due", self._date(children[0]), _meta_span(meta))

    def recipients_clause(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span | None]:
        return ("recipients", tuple(str(c) for c in children), _meta_span(meta))

    def pending(self, meta: Meta, children: list[Any]) -> str:
        return "pending"

    def warning(self, meta: Meta, children: list[Any]) -> str:
        return "warning"

    def overdue(self, meta: Meta, children: list[Any]) -> str:
        return "overdue"

    def done(self, meta: Meta, children: list[Any]) -> str:
        return "done"

    def late(self, meta: Meta, children: list[Any]) -> str:
        return "late"

    def waived(self, meta: Meta, children: list[Any]) -> str:
        return "waived"


def build_text(text: str, *, file: str) -> tuple[Ruleset, list[Diagnostic]]:
    """Parse *text* (already passed through :func:`xzjd.language.parser.prepare`) and build it.

    Returns:
        The ruleset and the problems seen while building (duplicate lines, impossible dates).

    Raises:
        ParseError: the text is not well-formed.
    """
    builder = Builder(text, file)
    ruleset: Ruleset = _parser.parse(text, builder, file=file)
    return ruleset, builder.problems
