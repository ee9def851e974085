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
==============================  ==========================================================

February 29 is accepted in a yearly schedule (``by February 29 each year``): in a common
year the deadline is February 28. In a one-off schedule it is accepted only for a leap
year (the ``effective`` year when the schedule names no year).
"""

from __future__ import annotations

from xzjd.errors import CheckError, Diagnostic, Severity
from xzjd.language.check_collector import Collector
from xzjd.language.check_references import check_calendars, check_duplicates, check_obligations
from xzjd.language.check_values import check_escalations
from xzjd.model import Ruleset

__all__ = ["check", "diagnostics", "warnings"]


def diagnostics(ruleset: Ruleset) -> list[Diagnostic]:
    """Every semantic problem of *ruleset*, in source order."""
    c = Collector(ruleset)
    check_duplicates(c)
    check_calendars(c)
    check_escalations(c)
    check_obligations(c)
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
