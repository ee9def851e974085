# SPDX-License-Identifier: MIT
"""Semantic checks of a parsed ruleset, run in one pass.

A rules file can be well-formed and still say something impossible: two obligations with
one id, a ladder that names no known escalation, ``by February 30 each year``. This module
runs the reference checks (:mod:`xzjd.language.check_references`) and the value checks
(:mod:`xzjd.language.check_values`) in one pass and reports every problem together, each as
a :class:`~xzjd.errors.Diagnostic` with a stable code and a position:

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
``rating/duplicate``            two ratings for the same interval
``rating/out-of-range``         a grade's rate below 0% or above 100%
``rating/out-of-order``         a grade's rate not lower than the one above it
``clock/not-event-based``       a pause, extension, restart or stages line in an obligation
                                whose schedule is not ``within N … after EVENT``
``clock/duplicate``             a kind of clock line given twice (reported while building)
``clock/zero-count``            an extension, a number of extensions or a stage of 0
``clock/too-large``             one of them above 10000
``clock/restart-is-start``      counted again from the event the clock starts from
``clock/duplicate-reason``      a pause reason named twice
``clock/duplicate-stage``       a stage named twice
``clock/case-word``             a reason, stage or restart event that is one of the case
                                file's own words (paused, 暂停, completed, 办结, …)
``clock/months``                a pause or stages in a clock counted in months
``clock/stages-exceed-limit``   (warning) stages adding up to more than the limit
==============================  ==========================================================

February 29 is accepted in a yearly schedule (``by February 29 each year``): in a common
year the deadline is February 28. In a one-off schedule it is accepted only for a leap
year (the ``effective`` year when the schedule names no year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import attrs

from xzjd.errors import CheckError, Diagnostic, Severity
from xzjd.language.check_clocks import check_clocks
from xzjd.language.check_collector import Collector
from xzjd.language.check_ratings import check_ratings
from xzjd.language.check_references import (
    check_calendars,
    check_duplicates,
    check_kinds,
    check_obligations,
)
from xzjd.language.check_values import check_escalations
from xzjd.model import CalendarDecl, Escalation, KindDecl, Obligation, RestDayPolicy, Ruleset

__all__ = ["CheckedRuleset", "accept", "check", "diagnostics", "warnings"]


@attrs.frozen
class CheckedRuleset:
    """A ruleset that passed every check, with the warnings the checks gave.

    Made by :func:`check` (and :func:`xzjd.language.load_checked` /
    :func:`~xzjd.language.loads_checked`), not by hand: holding one means the checks ran once
    and found no error, so the stages after the checks (evaluation, agendas, explanations)
    take it without checking again. The ruleset's names all refer to something (calendars,
    escalation ladders, chained obligations), chains have no cycle, and every year, month,
    day and count lies in its range.

    Attributes:
        ruleset: the model, as :func:`xzjd.load` returns it.
        warnings: what the checks allowed but its author most likely did not mean, in source
            order (what ``xzjd check`` prints on stderr).
    """

    ruleset: Ruleset
    warnings: tuple[Diagnostic, ...] = ()

    # Read-through to the ruleset, for code that reads a checked ruleset like a ruleset.

    @property
    def title(self) -> str | None:
        """The ruleset's title."""
        return self.ruleset.title

    @property
    def effective(self) -> dt.date | None:
        """The ruleset's effective date."""
        return self.ruleset.effective

    @property
    def calendar(self) -> str:
        """The name of the calendar the ruleset counts working days by."""
        return self.ruleset.calendar

    @property
    def rest_days(self) -> RestDayPolicy:
        """What a deadline on a rest day does."""
        return self.ruleset.rest_days

    @property
    def obligations(self) -> tuple[Obligation, ...]:
        """The obligations, in file order."""
        return self.ruleset.obligations

    @property
    def escalations(self) -> tuple[Escalation, ...]:
        """The escalation ladders, in file order."""
        return self.ruleset.escalations

    @property
    def calendars(self) -> tuple[CalendarDecl, ...]:
        """The declared calendars, in file order."""
        return self.ruleset.calendars

    @property
    def kinds(self) -> tuple[KindDecl, ...]:
        """The kinds of agency the ruleset declares, in file order."""
        return self.ruleset.kinds

    @property
    def file(self) -> str:
        """The name of the rules file, as diagnostics show it."""
        return self.ruleset.file

    @property
    def text(self) -> str:
        """The text of the rules file."""
        return self.ruleset.text

    def obligation(self, obligation_id: str) -> Obligation:
        """The obligation with this id; ``KeyError`` if there is none."""
        return self.ruleset.obligation(obligation_id)

    def escalation(self, name: str) -> Escalation:
        """The escalation ladder with this name; ``KeyError`` if there is none."""
        return self.ruleset.escalation(name)


def diagnostics(ruleset: Ruleset) -> list[Diagnostic]:
    """Every semantic problem of *ruleset*, in source order."""
    c = Collector(ruleset)
    check_duplicates(c)
    check_calendars(c)
    check_kinds(c)
    check_escalations(c)
    check_ratings(c)
    check_obligations(c)
    check_clocks(c)
    return sorted(c.found, key=_order)


def _order(diag: Diagnostic) -> tuple[int, int, str]:
    if diag.span is None:
        return (0, 0, diag.code)
    return (diag.span.line, diag.span.column, diag.code)


def check(ruleset: Ruleset | CheckedRuleset) -> CheckedRuleset:
    """Run every check on *ruleset* once: the checked ruleset, with its warnings.

    A :class:`CheckedRuleset` is returned as it is (it has been checked).

    Raises:
        CheckError: holding every problem found (errors and warnings), in source order.
    """
    if isinstance(ruleset, CheckedRuleset):
        return ruleset
    return accept(ruleset, diagnostics(ruleset))


def accept(ruleset: Ruleset, found: Iterable[Diagnostic]) -> CheckedRuleset:
    """The checked ruleset of *ruleset*, given every problem *found* in it, in order.

    Raises:
        CheckError: one of them is an error (the error holds them all).
    """
    found = list(found)
    if any(d.severity is Severity.ERROR for d in found):
        raise CheckError(found)
    return CheckedRuleset(ruleset, tuple(d for d in found if d.severity is Severity.WARNING))


def warnings(ruleset: Ruleset) -> list[Diagnostic]:
    """The warnings of a ruleset that passes the checks: things that are allowed but that
    its author most likely did not mean (an obligation whose dated deadlines all fall before
    ``effective``)."""
    return [d for d in diagnostics(ruleset) if d.severity is Severity.WARNING]
