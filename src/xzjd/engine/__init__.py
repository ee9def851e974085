"""Stage 4, periods to states: facts bound to a checked ruleset, filings assigned to periods,
the escalation ladder, evaluation and inspection of one period.

The modules, in the order they build on each other:

* :mod:`~xzjd.engine.records`: what an evaluation gives (:class:`Status`, :class:`Statuses`,
  :class:`ProvisionalYearError`);
* :mod:`~xzjd.engine.diagnostics`: the warnings and errors evaluation writes;
* :mod:`~xzjd.engine.calendars`: the working-day calendar a ruleset names;
* :mod:`~xzjd.engine.ladder`: escalation ladders turned into dates;
* :mod:`~xzjd.engine.plan`: one obligation on one date, and the jobs of a region;
* :mod:`~xzjd.engine.event_names`: the event names of the rules against those of the events;
* :mod:`~xzjd.engine.bind`: the facts checked and indexed, and one evaluation date over them;
* :mod:`~xzjd.engine.assign`: which filing counts for which period;
* :mod:`~xzjd.engine.rows`: the records, one agency at a time (the reference walk);
* :mod:`~xzjd.engine.order`, :mod:`~xzjd.engine.table`, :mod:`~xzjd.engine.layout`,
  :mod:`~xzjd.engine.vector`, :mod:`~xzjd.engine.core`: the columnar core (the filings
  sorted as columns, records as columns made when read, the agencies' blocks as arrays,
  the assignment as array operations, the tables of an evaluation date);
* :mod:`~xzjd.engine.evaluator`: :func:`evaluate`, :func:`iter_evaluate`, :class:`Evaluator`;
* :mod:`~xzjd.engine.inspector`: one period of one agency opened up (:class:`Inspector`);
* :mod:`~xzjd.engine.clock`: the clock of one case (pauses, extensions, restarts, stages, signals);
* :mod:`~xzjd.engine.case_records`, :mod:`~xzjd.engine.case_binding`, :mod:`~xzjd.engine.cases`:
  cases (办件) on one date (:func:`evaluate_cases`).
"""

from xzjd.engine.assign import Outcome
from xzjd.engine.calendars import calendar_for
from xzjd.engine.case_records import CaseStatus, CaseStatuses
from xzjd.engine.cases import evaluate_cases, iter_case_statuses
from xzjd.engine.diagnostics import no_notice_error, provisional_warning, unknown_agency
from xzjd.engine.evaluator import Evaluator, StatusStream, evaluate, iter_evaluate
from xzjd.engine.inspector import Inspector, PeriodTrace
from xzjd.engine.records import Progress, ProvisionalYearError, Status, Statuses
from xzjd.model import State

__all__ = [
    "CaseStatus",
    "CaseStatuses",
    "Evaluator",
    "Inspector",
    "Outcome",
    "PeriodTrace",
    "Progress",
    "ProvisionalYearError",
    "State",
    "Status",
    "StatusStream",
    "Statuses",
    "calendar_for",
    "evaluate",
    "evaluate_cases",
    "iter_case_statuses",
    "iter_evaluate",
    "no_notice_error",
    "provisional_warning",
    "unknown_agency",
]
