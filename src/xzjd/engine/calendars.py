# SPDX-License-Identifier: MIT
"""The working-day calendar of a ruleset: a built-in one, or one the ruleset declares
(``calendar NAME based on BASE``, with days written inline or read from a file)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from xzjd import calendar as cal
from xzjd.engine.diagnostics import line_of
from xzjd.errors import InputError
from xzjd.language import CheckedRuleset, check
from xzjd.messages import diagnostic
from xzjd.model import CalendarDecl, Ruleset
from xzjd.periods import CalendarLike


def calendar_for(rules: Ruleset | CheckedRuleset) -> CalendarLike:
    """The working-day calendar a ruleset names: built in, or declared in the ruleset.

    A :class:`~xzjd.model.Ruleset` is checked first (:func:`xzjd.language.check`): the checks
    guarantee that the calendar and every ``based on`` name a built-in or declared calendar,
    with no circle.

    Raises:
        CheckError: *rules* is a ruleset that fails the checks.
        InputError: a declared calendar's file is missing.
    """
    ruleset = check(rules).ruleset
    if any(c.file is not None for c in ruleset.calendars):
        # Calendar files are read on every call: their content may change between calls.
        folder = Path(ruleset.file).parent if ruleset.file not in ("", "<string>") else Path()
        return _build_calendar(ruleset.calendar, ruleset.calendars, folder, ruleset)
    return _calendar(ruleset.calendar, ruleset.calendars)


@functools.lru_cache(maxsize=32)
def _calendar(name: str, calendars: tuple[CalendarDecl, ...]) -> CalendarLike:
    """The calendar *name* given the declared *calendars*; built once per declaration set."""
    return _build_calendar(name, calendars, None, None)


def _build_calendar(
    name: str,
    calendars: tuple[CalendarDecl, ...],
    folder: Path | None,
    ruleset: Ruleset | None,
) -> CalendarLike:
    declared = {c.name: c for c in calendars}

    def build(calendar_name: str) -> Any:
        # A checked ruleset names only built-in and declared calendars, based on each other
        # in no circle (ref/unknown-calendar, ref/calendar-cycle).
        decl = declared.get(calendar_name)
        if decl is None:
            return cal.builtin(calendar_name)
        base = build(decl.base or "cn")
        if decl.file is not None and folder is not None and ruleset is not None:
            return _calendar_file(ruleset, decl, folder / decl.file, base)
        return base.extend(decl.name, rest=decl.rest, work=decl.work)

    result: CalendarLike = build(name)
    return result


def _calendar_file(ruleset: Ruleset, decl: CalendarDecl, path: Path, base: Any) -> Any:
    """``calendar NAME based on BASE from "FILE"``: the file's days laid over *base*."""
    if not path.is_file():
        raise InputError(
            [
                diagnostic(
                    "calendar/unreadable#declared",
                    file=ruleset.file,
                    span=decl.span,
                    line_text=line_of(ruleset, decl.span),
                    decl_name=decl.name,
                    path=str(path),
                )
            ]
        )
    return cal.Calendar.from_file(path, name=decl.name, base=base)
