# SPDX-License-Identifier: MIT
"""The meaning of a rules file, as immutable typed values.

The parser turns English and Chinese text into these objects; a Chinese and an English
file that say the same thing give equal objects. Source positions (:class:`Span`) travel
with the nodes but are left out of equality and ``repr``, so equality is structural.

Nothing here knows about Lark or about the calendar. Schedules hold what the text says
(``month=3, day=None`` for "the end of March"); turning them into dates is the job of
:mod:`xzjd.periods.schedule`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import TypeAlias

import attrs

from xzjd.errors import Span

__all__ = [
    "MONTHS_EN",
    "Action",
    "AfterEvent",
    "AgencyBearer",
    "AgencyRecipient",
    "Bearer",
    "CalendarDecl",
    "Chained",
    "DataDecl",
    "DataKind",
    "DataRow",
    "DateRange",
    "During",
    "EachMonth",
    "Escalation",
    "EscalationStep",
    "Expectation",
    "FilingStatus",
    "HalfYearly",
    "Kind",
    "KindBearer",
    "Level",
    "MonthDay",
    "MonthParity",
    "Obligation",
    "Once",
    "Parity",
    "Quarterly",
    "Recipient",
    "Relation",
    "RelativeRecipient",
    "RestDayPolicy",
    "RulesRef",
    "Ruleset",
    "Scenario",
    "Schedule",
    "State",
    "Step",
    "Unit",
    "Verb",
    "Warn",
    "Yearly",
]


# --------------------------------------------------------------------------- closed sets

#: English month names, January first: ``MONTHS_EN[month - 1]``. Fixed, never localised.
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class Kind(enum.Enum):
    """Kinds of agency the language knows. ``ADMINISTRATIVE_ORGAN`` matches every agency."""

    ADMINISTRATIVE_ORGAN = "administrative organ"
    SUPERVISORY_ORGAN = "supervisory organ"
    AUDIT_ORGAN = "audit organ"
    GOVERNMENT = "government"
    DEPARTMENT = "department"


class Level(enum.Enum):
    """Administrative levels, from the top."""

    PROVINCIAL = "provincial"
    PREFECTURE = "prefecture"
    COUNTY = "county"
    TOWNSHIP = "township"


class Relation(enum.Enum):
    """How a recipient relates to the agency that owes the duty."""

    SAME_LEVEL = "same-level"
    UPPER_LEVEL = "upper-level"


class Step(enum.Enum):
    """Escalation steps, mildest first. The value is the English DSL spelling."""

    REMIND = "remind"
    URGE = "urge"
    CORRECT = "correct"
    NOTIFY = "notify"
    HOLD_ACCOUNTABLE = "hold accountable"
    DISCIPLINE = "discipline"

    def __str__(self) -> str:
        return self.value

    @property
    def severity(self) -> int:
        """0 for ``remind`` up to 5 for ``discipline``."""
        return _STEP_ORDER.index(self)


_STEP_ORDER = list(Step)


class State(enum.StrEnum):
    """The state of a period on the evaluation date."""

    PENDING = "pending"
    WARNING = "warning"
    OVERDUE = "overdue"
    DONE = "done"
    LATE = "late"
    WAIVED = "waived"


class FilingStatus(enum.Enum):
    """What became of a filing: accepted, returned (误报, must be filed again) or waived."""

    ACCEPTED = "accepted"
    RETURNED = "returned"
    WAIVED = "waived"


class Unit(enum.Enum):
    """Units of a relative time limit."""

    DAYS = "days"
    WORKING_DAYS = "working days"
    MONTHS = "months"


class Parity(enum.Enum):
    EVEN = "even"
    ODD = "odd"


class Verb(enum.Enum):
    """What an action asks the bearer to do."""

    FILE = "file"
    PUBLISH = "publish"
    HOLD = "hold"
    COMPLETE = "complete"


class RestDayPolicy(enum.Enum):
    """What happens to a deadline that falls on a rest day (Civil Code arts. 203-204)."""

    MOVE = "move"
    STAY = "stay"


# --------------------------------------------------------------------------- schedules


@attrs.frozen
class MonthDay:
    """A day of a month; ``day=None`` means the month's last day ("the end of June")."""

    month: int
    day: int | None = None


@attrs.frozen(kw_only=True)
class Once:
    """``by 2010-03-31``, ``by the end of March``, ``by April 1, 2010``.

    ``year=None`` means the year of the ruleset's ``effective`` date.
    """

    year: int | None
    month: int
    day: int | None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Yearly:
    """``by April 1 each year``, ``by the end of June and November each year``."""

    dates: tuple[MonthDay, ...] = attrs.field(converter=tuple)
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class EachMonth:
    """``by the 10th of each month`` (``day=10``), ``by the end of each month`` (``day=None``)."""

    day: int | None
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class MonthParity:
    """``by the end of every even month`` (逢双月底前) and the odd-month form."""

    parity: Parity
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Quarterly:
    """``by the end of each quarter``: Mar 31, Jun 30, Sep 30, Dec 31."""

    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class HalfYearly:
    """``every half year`` / ``by the end of each half year``: Jun 30 and Dec 31."""

    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class During:
    """``during July 2010``: only a filing inside the month counts; the deadline never moves."""

    year: int | None
    month: int
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class AfterEvent:
    """``within 30 days after finding``: one period per event of the agency."""

    event: str
    count: int
    unit: Unit
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Chained:
    """``by the 5th of the following month after each deadline of A and B``.

    For each period of the named obligations, the nominal deadline is ``day`` of the month
    after that period's nominal deadline month; periods that lead to the same deadline merge.
    """

    after: tuple[str, ...] = attrs.field(converter=tuple)
    day: int
    from_year: int | None = None
    until_year: int | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


Schedule: TypeAlias = (
    Once | Yearly | EachMonth | MonthParity | Quarterly | HalfYearly | During | AfterEvent | Chained
)


# --------------------------------------------------------------------------- parties


@attrs.frozen(kw_only=True)
class RelativeRecipient:
    """``the same-level supervisory organ`` / ``上级行政监察机关``."""

    relation: Relation
    kind: Kind
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class AgencyRecipient:
    """A recipient named by agency id."""

    agency: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


Recipient: TypeAlias = RelativeRecipient | AgencyRecipient


@attrs.frozen(kw_only=True)
class KindBearer:
    """``every county supervisory organ``, ``every department tagged approval-heavy``."""

    kind: Kind
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
    (an obligation with no schedule is reported by :func:`xzjd.language.check.check`).
    """

    id: str
    title: str | None = None
    source: str | None = None
    bearers: tuple[Bearer, ...] = attrs.field(default=(), converter=tuple)
    schedule: Schedule | None = None
    action: Action | None = None
    escalation: str | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    escalation_span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Ruleset:
    """A whole rules file."""

    title: str | None = None
    effective: dt.date | None = None
    calendar: str = "cn"
    rest_days: RestDayPolicy = RestDayPolicy.MOVE
    escalations: tuple[Escalation, ...] = attrs.field(default=(), converter=tuple)
    calendars: tuple[CalendarDecl, ...] = attrs.field(default=(), converter=tuple)
    obligations: tuple[Obligation, ...] = attrs.field(default=(), converter=tuple)
    scenarios: tuple[Scenario, ...] = attrs.field(default=(), converter=tuple)
    data: tuple[DataDecl, ...] = attrs.field(default=(), converter=tuple)
    rules_ref: RulesRef | None = None
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


# --------------------------------------------------------------------------- scenarios
#
# Tests of a ruleset written in the rules language (grammar section 9). Running them is the
# job of :mod:`xzjd.scenarios`.


class DataKind(enum.Enum):
    """The three kinds of fact a scenario is evaluated against."""

    AGENCIES = "agencies"
    FILINGS = "filings"
    EVENTS = "events"


@attrs.frozen(kw_only=True)
class DataRow:
    """One inline CSV row of a data block, in the column order of its file format."""

    text: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class DataDecl:
    """``agencies "agencies.csv"`` (a file, relative to the test file) or an inline block."""

    kind: DataKind
    path: str | None = None
    rows: tuple[DataRow, ...] = attrs.field(default=(), converter=tuple)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class RulesRef:
    """``rules "rules.zh.xzjd"`` / ``规则 "rules.zh.xzjd"``: the rules a test file tests."""

    path: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Expectation:
    """``expect AGENCY OBLIGATION PERIOD ...`` / ``预期 ...``: what one period should be.

    ``state`` is a state value (``"overdue"``, ``"done"``, ...) or ``None`` when not checked;
    ``no_step`` asks that no ladder step was reached; ``absent`` that the evaluation reports
    no such period (``not reported`` / ``不列出``). ``spans`` maps the parts of the line
    (``agency``, ``obligation``, ``period``, ``state``, ``days``, ``step``, ``due``,
    ``recipients``) to their positions.
    """

    agency: str
    obligation: str
    period: str
    state: str | None = None
    days_overdue: int | None = None
    step: Step | None = None
    no_step: bool = False
    due: dt.date | None = None
    recipients: tuple[str, ...] | None = None
    absent: bool = False
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    spans: Mapping[str, Span] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Scenario:
    """``scenario "title":`` / ``场景 "标题"：``: facts, a date, and expectations."""

    title: str
    on: dt.date | None = None
    data: tuple[DataDecl, ...] = attrs.field(default=(), converter=tuple)
    expectations: tuple[Expectation, ...] = attrs.field(default=(), converter=tuple)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
