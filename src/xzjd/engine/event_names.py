# SPDX-License-Identifier: MIT
"""The event names of the rules against those of the events file, each side named.

An event-based obligation (``收到申请之日起20个工作日内``) has a period for each event of that
name; a name spelt differently on the two sides gives no period and no error. So, when the
events are not empty, two warnings name both sides:

* ``event/unused``: an event name of the events that no obligation counts from, at its first
  row, naming the events the rules do count from, with a "did you mean" when one is close
  (``自收到申请`` in the events, ``收到申请`` in the rules);
* ``event/never-happens``: an event-based obligation whose event has no row, at the
  obligation's schedule in the rules, with the closest unused name of the events.

One warning per distinct name (not per row) and per obligation; both depend on the names
only, not on the evaluation date, and are worked out once per set of facts
(:class:`~xzjd.engine.bind.Facts`).
"""

from __future__ import annotations

import collections
import difflib
import operator
from collections.abc import Sequence

from xzjd.engine.diagnostics import cell_diag, line_of
from xzjd.errors import Diagnostic
from xzjd.facts.tables import Event
from xzjd.messages import diagnostic
from xzjd.model import AfterEvent, Obligation, Ruleset

__all__ = ["event_name_warnings"]

# How many names a warning lists before "and N more".
_LISTED = 5
# How alike two names must be for a "did you mean" (difflib's ratio): 收到申清 and 收到申请
# are 0.75 alike; 收到公开申请 and 自收到申请, two different events, 0.73.
_CLOSE = 0.75
# The preposition "from" before an event in Chinese rules (自收到申请之日起).
_ZI = "自"

_event_name = operator.attrgetter("event")


def event_name_warnings(ruleset: Ruleset, events: Sequence[Event]) -> list[Diagnostic]:
    """The ``event/unused`` and ``event/never-happens`` warnings of *events* against *ruleset*.

    Nothing when *events* is empty (no events file, or one with no rows): then no event has
    happened yet, which is no mistake. The unused names come first, in the order of their
    first rows, then the obligations whose event never happens, in the order of the rules.
    """
    if not events:
        return []
    counted: dict[str, list[Obligation]] = {}
    for o in ruleset.obligations:
        if isinstance(o.schedule, AfterEvent):
            counted.setdefault(o.schedule.event, []).append(o)
    rows = collections.Counter(map(_event_name, events))  # one pass, in file order
    unused = [name for name in rows if name not in counted]
    warnings: list[Diagnostic] = []
    if unused:
        first: dict[str, Event] = {}
        wanted = set(unused)
        for e in events:
            name = e.event
            if name in wanted and name not in first:
                first[name] = e
                if len(first) == len(wanted):
                    break
        for name in unused:
            warnings.append(_unused(first[name], rows[name], list(counted)))
    for name, obligations in counted.items():
        if name not in rows:
            warnings.extend(_never_happens(ruleset, o, name, unused, events) for o in obligations)
    return warnings


def _listed(names: Sequence[str], sep: str, more: str) -> str:
    shown = [repr(n) for n in names[:_LISTED]]
    if len(names) > _LISTED:
        shown.append(more.format(len(names) - _LISTED))
    return sep.join(shown)


def _preposition_pair(a: str, b: str) -> bool:
    """Whether *a* and *b* differ by a leading 自 only (自查 and 查)."""
    return a == _ZI + b or b == _ZI + a


def _guess(name: str, choices: Sequence[str]) -> str | None:
    for choice in choices:
        if _preposition_pair(name, choice):
            return choice
    close = difflib.get_close_matches(name, choices, n=1, cutoff=_CLOSE)
    return close[0] if close else None


def _unused(row: Event, count: int, counted: Sequence[str]) -> Diagnostic:
    name = row.event
    times = f" ({count} rows)" if count > 1 else ""
    times_zh = f"（{count} 行）" if count > 1 else ""
    if counted:
        rules = "the rules count from " + _listed(counted, ", ", "and {} more")
        rules_zh = "规则的起算事件为 " + _listed(counted, "、", "另有 {} 个")
    else:
        rules = "the rules have no event-based obligation"
        rules_zh = "规则中没有以事件起算的义务"
    guess = _guess(name, counted)
    hint = None
    if guess is not None and _preposition_pair(name, guess):
        hint = "zi-is-from"
    elif guess is not None:
        hint = "unused-event-guess"
    return cell_diag(
        row,
        "event",
        "event/unused",
        hint=hint,
        # A leading 自: the events file has the name with it (events_name), the rules not.
        events_name=name,
        rules_name=guess,
        name=name,
        guess=guess,
        times=times,
        times_zh=times_zh or " ",
        rules=rules,
        rules_zh=rules_zh,
    )


def _never_happens(
    ruleset: Ruleset, o: Obligation, name: str, unused: Sequence[str], events: Sequence[Event]
) -> Diagnostic:
    where = events[0].file or "the events"
    guess = _guess(name, unused)
    hint = None
    if guess is not None and _preposition_pair(guess, name):
        hint = "zi-is-from"
    elif guess is not None:
        hint = "missing-event-guess"
    schedule = o.schedule
    span = (schedule.span if schedule is not None else None) or o.span
    return diagnostic(
        "event/never-happens",
        file=ruleset.file,
        span=span,
        line_text=line_of(ruleset, span),
        hint=hint,
        # A leading 自: the events file has the name with it (events_name), the rules not.
        events_name=guess,
        rules_name=name,
        obligation=o.id,
        name=name,
        guess=guess,
        where=where,
    )
