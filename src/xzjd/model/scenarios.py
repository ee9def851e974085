# SPDX-License-Identifier: MIT
"""Scenarios: tests of a ruleset written in the rules language (grammar section 9).

A test file names the rules it tests, the facts (agencies, filings, events and cases, from
files or inline), and scenarios of a date and the expected state of periods and of cases.
Running them is the job of :mod:`xzjd.scenarios`.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping

import attrs

from xzjd.errors import Span
from xzjd.model.enums import Step

__all__ = [
    "CaseExpectation",
    "DataDecl",
    "DataKind",
    "DataRow",
    "Expectation",
    "RulesRef",
    "Scenario",
]


class DataKind(enum.Enum):
    """The kinds of fact a scenario is evaluated against; ``CASES`` are the rows of a case
    events file (``case,agency,obligation,event,date[,note]``)."""

    AGENCIES = "agencies"
    FILINGS = "filings"
    EVENTS = "events"
    CASES = "cases"


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
class CaseExpectation:
    """``expect case CASE ...`` / ``预期 办件 CASE ...``: what one case (办件) should be.

    ``state``, ``days_overdue``, ``step``, ``no_step`` and ``due`` mean what they mean for a
    period (:class:`Expectation`); ``yellow`` and ``red`` are the days the case's warning and
    overdue signals were first raised, ``no_yellow`` and ``no_red`` ask that they never were;
    ``absent`` that the evaluation reports no such case (it has not started by the date:
    ``not reported`` / ``不列出``). ``spans`` maps the parts of the line (``case``, ``state``,
    ``days``, ``step``, ``no_step``, ``due``, ``yellow``, ``red``, ``no_yellow``, ``no_red``)
    to their positions.
    """

    case: str
    state: str | None = None
    days_overdue: int | None = None
    step: Step | None = None
    no_step: bool = False
    due: dt.date | None = None
    yellow: dt.date | None = None
    red: dt.date | None = None
    no_yellow: bool = False
    no_red: bool = False
    absent: bool = False
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
    spans: Mapping[str, Span] = attrs.field(factory=dict, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Scenario:
    """``scenario "title":`` / ``场景 "标题"：``: facts, a date, and expectations about
    periods (``expectations``) and about cases (``case_expectations``)."""

    title: str
    on: dt.date | None = None
    data: tuple[DataDecl, ...] = attrs.field(default=(), converter=tuple)
    expectations: tuple[Expectation, ...] = attrs.field(default=(), converter=tuple)
    case_expectations: tuple[CaseExpectation, ...] = attrs.field(default=(), converter=tuple)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
