# SPDX-License-Identifier: MIT
"""A ruleset and its parts: obligations, bearers and recipients, actions, escalation
ladders, declared calendars."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TypeAlias

import attrs

from xzjd.errors import Span
from xzjd.model.clocks import Extension, Pause, Restart, Stages
from xzjd.model.enums import Kind, Level, Relation, RestDayPolicy, Step, Verb
from xzjd.model.scenarios import DataDecl, RulesRef, Scenario
from xzjd.model.schedules import Schedule

__all__ = [
    "MAX_RANGE_DAYS",
    "Action",
    "AgencyBearer",
    "AgencyRecipient",
    "AnyKind",
    "Bearer",
    "CalendarDecl",
    "CounterpartRecipient",
    "DateRange",
    "DeclaredKind",
    "Escalation",
    "EscalationStep",
    "Grade",
    "Include",
    "KindBearer",
    "KindDecl",
    "Obligation",
    "Rating",
    "Recipient",
    "RelativeRecipient",
    "Ruleset",
    "Warn",
]

# --------------------------------------------------------------------------- kinds


@attrs.frozen
class DeclaredKind:
    """A kind of agency a ruleset declares (``kind ogi-office``), by its name.

    Equal names are equal kinds, so an agencies file's kind column and the rules' bearers and
    recipients meet in the registry's indexes.
    """

    name: str

    @property
    def value(self) -> str:
        """The name, as :attr:`Kind.value <enum.Enum.value>` is a built-in kind's word."""
        return self.name


#: A built-in kind or a kind the ruleset declares.
AnyKind: TypeAlias = Kind | DeclaredKind


@attrs.frozen(kw_only=True)
class KindDecl:
    """``kind ogi-office "the open-government office"`` / ``类别 政务公开工作主管部门``.

    *title* is what people call the kind; an agencies file may give either the name or the
    title in its kind column.
    """

    name: str
    title: str | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)

    @property
    def kind(self) -> DeclaredKind:
        return DeclaredKind(self.name)


# --------------------------------------------------------------------------- parties


@attrs.frozen(kw_only=True)
class RelativeRecipient:
    """``the same-level supervisory organ`` / ``上级行政监察机关``; with a tag,
    ``the same-level department tagged ogi-office`` / ``同级标记为ogi-office的部门``."""

    relation: Relation
    kind: AnyKind
    tag: str | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class CounterpartRecipient:
    """``the upper-level counterpart`` / ``上级对口部门``: the agency of the same system
    (条线, the agencies file's ``system`` column) in the parent region."""

    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class AgencyRecipient:
    """A recipient named by agency id."""

    agency: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


Recipient: TypeAlias = RelativeRecipient | CounterpartRecipient | AgencyRecipient


@attrs.frozen(kw_only=True)
class KindBearer:
    """``every county supervisory organ``, ``every department tagged approval-heavy``."""

    kind: AnyKind
    level: Level | None = None
    tag: str | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class AgencyBearer:
    """A bearer named by agency id."""

    agency: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


Bearer: TypeAlias = KindBearer | AgencyBearer


@attrs.frozen(kw_only=True)
class Action:
    """``file <deliverable> with <recipients>``, ``publish``, ``hold``, ``complete``."""

    verb: Verb
    deliverable: str
    recipients: tuple[Recipient, ...] = attrs.field(default=(), converter=tuple)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


# --------------------------------------------------------------------------- escalation


@attrs.frozen(kw_only=True)
class EscalationStep:
    """``urge 1 day after the deadline`` / ``逾期1日督促``."""

    step: Step
    days: int
    working: bool = False
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Warn:
    """``warn 5 working days before the deadline`` / ``截止前5个工作日预警``."""

    days: int
    working: bool = False
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Escalation:
    """A named escalation ladder."""

    name: str
    warn: Warn | None = None
    steps: tuple[EscalationStep, ...] = attrs.field(default=(), converter=tuple)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


# --------------------------------------------------------------------------- calendars


#: The longest range of rest days a calendar declares: one holiday period, at most a year.
MAX_RANGE_DAYS = 366


@attrs.frozen
class DateRange:
    """Both ends inclusive; a single day has ``first == last``."""

    first: dt.date
    last: dt.date


@attrs.frozen(kw_only=True)
class CalendarDecl:
    """``calendar NAME based on cn:`` with ``rest`` ranges and ``work`` days.

    Or ``calendar NAME based on cn from "FILE"``: the days of a calendar data file (CSV as
    ``xzjd calendar import`` writes it, or TOML), *file* as written, relative to the rules
    file's folder.
    """

    name: str
    base: str | None = None
    rest: tuple[DateRange, ...] = attrs.field(default=(), converter=tuple)
    work: tuple[dt.date, ...] = attrs.field(default=(), converter=tuple)
    file: str | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


# --------------------------------------------------------------------------- obligations


@attrs.frozen(kw_only=True)
class Obligation:
    """One dated duty: who owes it, what, to whom, by when, and how it escalates.

    ``schedule`` and ``action`` are ``None`` only in a model that has not passed the checks
    (an obligation with no schedule is reported by :func:`xzjd.language.check`).
    ``pause``, ``extension``, ``restart`` and ``stages`` say how the clock of one case runs
    (:mod:`xzjd.model.clocks`); only an event-based obligation has them.
    """

    id: str
    title: str | None = None
    source: str | None = None
    bearers: tuple[Bearer, ...] = attrs.field(default=(), converter=tuple)
    schedule: Schedule | None = None
    action: Action | None = None
    escalation: str | None = None
    pause: Pause | None = None
    extension: Extension | None = None
    restart: Restart | None = None
    stages: Stages | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    escalation_span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Include:
    """``include "other.xzjd"`` / ``包含 "other.xzjd"``: another rules file evaluated in the
    same run as a ruleset of its own; *path* is relative to the including file."""

    path: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


# --------------------------------------------------------------------------- ratings


@attrs.frozen(kw_only=True)
class Grade:
    """``优秀 at least 98% on time`` / ``不低于98%为优秀``: a grade and the lowest on-time rate,
    in percent, that earns it."""

    name: str
    at_least: Decimal
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Rating:
    """``rating quarterly: ...; otherwise 不合格`` / ``评级 每季度：...；其余为不合格``.

    ``every`` is ``"month"``, ``"quarter"`` or ``"year"``: the interval of the statistics
    the rating grades (docs/statistics.md). ``grades`` come highest first; a rate below all
    of them earns ``otherwise``.
    """

    every: str
    grades: tuple[Grade, ...] = attrs.field(converter=tuple)
    otherwise: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)

    def grade(self, on_time: int, judged: int) -> str | None:
        """The grade of *on_time* periods done on time out of *judged* (``None`` when
        nothing was judged), compared exactly: ``on_time / judged >= at_least / 100``."""
        if judged <= 0:
            return None
        for g in self.grades:
            if Decimal(on_time) * 100 >= g.at_least * judged:
                return g.name
        return self.otherwise


@attrs.frozen(kw_only=True)
class Ruleset:
    """A whole rules file."""

    title: str | None = None
    effective: dt.date | None = None
    calendar: str = "cn"
    rest_days: RestDayPolicy = RestDayPolicy.MOVE
    escalations: tuple[Escalation, ...] = attrs.field(default=(), converter=tuple)
    ratings: tuple[Rating, ...] = attrs.field(default=(), converter=tuple)
    calendars: tuple[CalendarDecl, ...] = attrs.field(default=(), converter=tuple)
    kinds: tuple[KindDecl, ...] = attrs.field(default=(), converter=tuple)
    obligations: tuple[Obligation, ...] = attrs.field(default=(), converter=tuple)
    scenarios: tuple[Scenario, ...] = attrs.field(default=(), converter=tuple)
    data: tuple[DataDecl, ...] = attrs.field(default=(), converter=tuple)
    rules_ref: RulesRef | None = None
    includes: tuple[Include, ...] = attrs.field(default=(), converter=tuple)
    file: str = attrs.field(default="<string>", eq=False, repr=False)
    text: str = attrs.field(default="", eq=False, repr=False)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    calendar_span: Span | None = attrs.field(default=None, eq=False, repr=False)

    def obligation(self, obligation_id: str) -> Obligation:
        """The obligation with this id; ``KeyError`` if there is none."""
        for obligation in self.obligations:
            if obligation.id == obligation_id:
                return obligation
        raise KeyError(obligation_id)

    def escalation(self, name: str) -> Escalation:
        """The escalation ladder with this name; ``KeyError`` if there is none."""
        for ladder in self.escalations:
            if ladder.name == name:
                return ladder
        raise KeyError(name)
