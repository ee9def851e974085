# SPDX-License-Identifier: MIT
"""xzjd (行政监督): dated duties of Chinese administrative regulations as code.

Write duties in a bilingual rules language, unroll them on the mainland China working-day
calendar, and tell for any agency on any date what it owes, to whom, by when, and how far
past the deadline it is.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from xzjd import model
from xzjd.calendar import Calendar
from xzjd.engine import (
    CaseStatus,
    CaseStatuses,
    Evaluator,
    ProvisionalYearError,
    State,
    Status,
    StatusStream,
    evaluate,
    evaluate_cases,
    iter_evaluate,
)
from xzjd.engine.judgement import stats
from xzjd.engine.stats import StatsRow, StatsTable
from xzjd.errors import (
    CalendarError,
    CheckError,
    Diagnostic,
    EvaluationError,
    InputError,
    ParseError,
    SourceError,
    XzjdError,
)
from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.agency_reading import read_agencies
from xzjd.facts.cases import Case, CaseRow, iter_cases, read_cases
from xzjd.facts.tables import Event, Filing, read_events, read_filings
from xzjd.language import CheckedRuleset, check
from xzjd.language.loader import load, loads
from xzjd.language.printer import to_text
from xzjd.model import Obligation, Ruleset

try:
    __version__ = version("xzjd")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Agency",
    "Calendar",
    "CalendarError",
    "Case",
    "CaseRow",
    "CaseStatus",
    "CaseStatuses",
    "CheckError",
    "CheckedRuleset",
    "Diagnostic",
    "EvaluationError",
    "Evaluator",
    "Event",
    "Filing",
    "InputError",
    "Obligation",
    "ParseError",
    "ProvisionalYearError",
    "Registry",
    "Ruleset",
    "SourceError",
    "State",
    "StatsRow",
    "StatsTable",
    "Status",
    "StatusStream",
    "XzjdError",
    "__version__",
    "check",
    "evaluate",
    "evaluate_cases",
    "iter_cases",
    "iter_evaluate",
    "load",
    "loads",
    "model",
    "read_agencies",
    "read_cases",
    "read_events",
    "read_filings",
    "stats",
    "to_text",
]
