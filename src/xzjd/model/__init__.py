# SPDX-License-Identifier: MIT
"""The meaning of a rules file, as immutable typed values.

The parser turns English and Chinese text into these objects; a Chinese and an English
file that say the same thing give equal objects. Source positions
(:class:`~xzjd.errors.Span`) travel with the nodes but are left out of equality and
``repr``, so equality is structural.

Nothing here knows about Lark or about the calendar. Schedules hold what the text says
(``month=3, day=None`` for "the end of March"); turning them into dates is the job of
:mod:`xzjd.periods.schedule`.

The package is one layer (the layers contract of pyproject.toml names it ``model``); its
modules are :mod:`~xzjd.model.enums` (the closed sets), :mod:`~xzjd.model.schedules`,
:mod:`~xzjd.model.rules` (the ruleset, obligations, parties, ladders, calendars) and
:mod:`~xzjd.model.scenarios` (tests of a ruleset). Every name is re-exported here:
``from xzjd.model import Ruleset``.
"""

from __future__ import annotations

from xzjd.model.clocks import Extension, Pause, Restart, Stage, Stages
from xzjd.model.enums import (
    MONTHS_EN,
    CaseMark,
    FilingStatus,
    Kind,
    Level,
    Parity,
    Relation,
    RestDayPolicy,
    State,
    Step,
    Unit,
    Verb,
)
from xzjd.model.rules import (
    MAX_RANGE_DAYS,
    Action,
    AgencyBearer,
    AgencyRecipient,
    AnyKind,
    Bearer,
    CalendarDecl,
    CounterpartRecipient,
    DateRange,
    DeclaredKind,
    Escalation,
    EscalationStep,
    Grade,
    Include,
    KindBearer,
    KindDecl,
    Obligation,
    Rating,
    Recipient,
    RelativeRecipient,
    Ruleset,
    Warn,
)
from xzjd.model.scenarios import (
    CaseExpectation,
    DataDecl,
    DataKind,
    DataRow,
    Expectation,
    RulesRef,
    Scenario,
)
from xzjd.model.schedules import (
    AfterEnd,
    AfterEvent,
    Chained,
    Cycle,
    During,
    EachMonth,
    FirstWorkingDays,
    HalfYearly,
    MonthDay,
    MonthParity,
    Once,
    Quarterly,
    Schedule,
    Window,
    Yearly,
)

__all__ = [
    "MAX_RANGE_DAYS",
    "MONTHS_EN",
    "Action",
    "AfterEnd",
    "AfterEvent",
    "AgencyBearer",
    "AgencyRecipient",
    "AnyKind",
    "Bearer",
    "CalendarDecl",
    "CaseExpectation",
    "CaseMark",
    "Chained",
    "CounterpartRecipient",
    "Cycle",
    "DataDecl",
    "DataKind",
    "DataRow",
    "DateRange",
    "DeclaredKind",
    "During",
    "EachMonth",
    "Escalation",
    "EscalationStep",
    "Expectation",
    "Extension",
    "FilingStatus",
    "FirstWorkingDays",
    "Grade",
    "HalfYearly",
    "Include",
    "Kind",
    "KindBearer",
    "KindDecl",
    "Level",
    "MonthDay",
    "MonthParity",
    "Obligation",
    "Once",
    "Parity",
    "Pause",
    "Quarterly",
    "Rating",
    "Recipient",
    "Relation",
    "RelativeRecipient",
    "RestDayPolicy",
    "Restart",
    "RulesRef",
    "Ruleset",
    "Scenario",
    "Schedule",
    "Stage",
    "Stages",
    "State",
    "Step",
    "Unit",
    "Verb",
    "Warn",
    "Window",
    "Yearly",
]
