# SPDX-License-Identifier: MIT
"""Helpers for tests of rules written in Python (pytest or any other runner).

::

    import datetime as dt
    import xzjd
    from xzjd.testing import assert_status, run_scenarios

    def test_kunming_b2():
        statuses = xzjd.evaluate(rules, agencies, filings, on=dt.date(2010, 5, 20))
        assert_status(statuses, "km-gov", "bimonthly-report", "2010-B2",
                      state="overdue", days_overdue=20, step="notify")

    def test_the_scenarios():
        for result in run_scenarios("examples/yunnan-2010"):
            assert result.passed, result.render()

:func:`assert_status` raises :class:`AssertionError` with a message that says what was
expected, what the evaluation reported, and the other periods of that agency and obligation
when the period is missing.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from typing import Any

from xzjd.engine import Status
from xzjd.model import Step
from xzjd.scenarios import ScenarioResult, iter_results

__all__ = ["assert_not_reported", "assert_status", "find_status", "run_scenarios"]


class _Unset:
    def __repr__(self) -> str:
        return "<unset>"


_UNSET: Any = _Unset()


def run_scenarios(*paths: str | os.PathLike[str]) -> list[ScenarioResult]:
    """Run every scenario in the files or directories *paths* (default: the current one).

    Raises:
        xzjd.XzjdError: a file is bad input (its diagnostics say where).
    """
    return list(iter_results(paths or (".",)))


def find_status(
    statuses: Iterable[Status], agency: str, obligation: str, period: str
) -> Status | None:
    """The status of one period, or ``None`` if the evaluation did not report it."""
    for s in statuses:
        if s.agency == agency and s.obligation == obligation and s.period == period:
            return s
    return None


def _value(x: Any) -> Any:
    return getattr(x, "value", x)


def _date(x: Any) -> Any:
    if isinstance(x, str):
        return dt.date.fromisoformat(x)
    return x


def assert_status(
    statuses: Sequence[Status],
    agency: str,
    obligation: str,
    period: str,
    *,
    state: Any = _UNSET,
    days_overdue: Any = _UNSET,
    step: Any = _UNSET,
    due: Any = _UNSET,
    nominal_due: Any = _UNSET,
    recipients: Any = _UNSET,
) -> Status:
    """Assert what the evaluation says about one period; return its status.

    Every keyword left out is not checked. ``state`` and ``step`` take the enum or its value
    (``"overdue"``, ``"hold accountable"``); ``step=None`` asks for no step reached; dates
    take :class:`datetime.date` or ``"YYYY-MM-DD"``; ``recipients`` is compared as a set.

    Raises:
        AssertionError: the period is not reported, or a value differs; the message lists
            each difference.
    """
    found = find_status(statuses, agency, obligation, period)
    where = f"{agency} {obligation} {period}"
    if found is None:
        others = [s.period for s in statuses if s.agency == agency and s.obligation == obligation]
        listing = ", ".join(others) if others else "none"
        raise AssertionError(
            f"{where}: not reported (periods reported for {agency} {obligation}: {listing})"
        )
    checks: list[tuple[str, Any, Any]] = []
    if state is not _UNSET:
        checks.append(("state", _value(state), _value(found.state)))
    if days_overdue is not _UNSET:
        checks.append(("days_overdue", days_overdue, found.days_overdue))
    if step is not _UNSET:
        wanted = None if step is None else _value(Step(step) if isinstance(step, str) else step)
        checks.append(("step", wanted, _value(found.step)))
    if due is not _UNSET:
        checks.append(("due", _date(due), found.due))
    if nominal_due is not _UNSET:
        checks.append(("nominal_due", _date(nominal_due), found.nominal_due))
    if recipients is not _UNSET:
        checks.append(("recipients", sorted(recipients), sorted(found.recipients)))
    wrong = [(name, want, got) for name, want, got in checks if want != got]
    if wrong:
        lines = [f"{where}:"]
        for name, want, got in wrong:
            lines.append(f"  {name}: expected {want!s}, got {got!s}")
        actual = (
            f"  reported: {_value(found.state)}, due {found.due} (nominal {found.nominal_due}), "
            f"days_overdue {found.days_overdue}, step {_value(found.step)}, "
            f"recipients {list(found.recipients)}, filings {list(found.filings)}"
        )
        lines.append(actual)
        raise AssertionError("\n".join(lines))
    return found


def assert_not_reported(
    statuses: Iterable[Status], agency: str, obligation: str, period: str
) -> None:
    """Assert that the evaluation reports no such period.

    Raises:
        AssertionError: it does; the message shows the status.
    """
    found = find_status(statuses, agency, obligation, period)
    if found is not None:
        raise AssertionError(
            f"{agency} {obligation} {period}: expected not reported, but it is "
            f"{_value(found.state)} (due {found.due})"
        )
