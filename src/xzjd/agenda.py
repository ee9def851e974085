# SPDX-License-Identifier: MIT
"""The agenda: the coming deadlines of one agency between two dates.

Event-based obligations are on it only when events are given: their periods, one per event
of the agency, are labelled with the event's id, as in the evaluation.

Built on :class:`xzjd.evaluate.Inspector`: the periods and their deadlines are those of the
evaluation; this module only picks the agency's obligations and makes the records that
``xzjd agenda`` prints as a table, JSON or iCalendar (:mod:`xzjd.ics`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from xzjd.agencies import Agency, Registry, bearer_matches
from xzjd.errors import Diagnostic
from xzjd.evaluate import Inspector
from xzjd.facts import Event
from xzjd.model import AfterEvent, Ruleset
from xzjd.schedule import CalendarLike

__all__ = ["AgendaItem", "agenda"]


@attrs.frozen(kw_only=True)
class AgendaItem:
    """A coming deadline of one agency."""

    agency: str
    obligation: str
    title: str | None
    period: str
    opens: dt.date
    nominal_due: dt.date
    due: dt.date
    warn_from: dt.date | None
    recipients: tuple[str, ...]
    deliverable: str | None
    source: str | None
    provisional_years: tuple[int, ...] = ()
    """The provisional calendar years the deadline or the warning day was counted on."""

    @property
    def provisional(self) -> bool:
        """Whether the deadline or the warning day rests on a provisional calendar year."""
        return bool(self.provisional_years)

    def to_json(self) -> dict[str, Any]:
        """A JSON object for the agenda (``"provisional": true`` added when it is)."""
        record: dict[str, Any] = {
            "agency": self.agency,
            "obligation": self.obligation,
            "title": self.title,
            "period": self.period,
            "opens": self.opens.isoformat(),
            "nominal_due": self.nominal_due.isoformat(),
            "due": self.due.isoformat(),
            "warn_from": None if self.warn_from is None else self.warn_from.isoformat(),
            "recipients": list(self.recipients),
            "deliverable": self.deliverable,
            "source": self.source,
        }
        if self.provisional_years:
            record["provisional"] = True
        return record


def agenda_refusal(ruleset: Ruleset, item: AgendaItem) -> Diagnostic:
    """The error for an agenda item left out because it needs a provisional year."""
    listed = ", ".join(map(str, item.provisional_years))
    o = next((o for o in ruleset.obligations if o.id == item.obligation), None)
    return Diagnostic(
        code="calendar/no-notice",
        message=f"{item.agency}, {item.obligation}, period {item.period} needs {listed}, for "
        f"which calendar '{ruleset.calendar}' has no State Council notice; not listed",
        message_zh=f"{item.agency}，{item.obligation}，期次 {item.period} 需要 {listed} 年的"
        f"日历，日历 {ruleset.calendar} 没有该年的国务院节假日安排通知；未列出",
        file=ruleset.file,
        span=None if o is None else o.span,
        hint="add the year's notice (xzjd calendar import NOTICE.txt), or leave out "
        "--no-provisional to count it with the statutory holidays alone",
        hint_zh="请导入该年通知（xzjd calendar import 通知.txt），或去掉 --no-provisional "
        "按法定节假日暂定计算",
    )


def agenda(
    ruleset: Ruleset,
    agencies: Registry | Iterable[Agency],
    *,
    agency: str,
    start: dt.date,
    end: dt.date,
    events: Iterable[Event] | None = None,
    calendar: CalendarLike | None = None,
) -> tuple[list[AgendaItem], tuple[Diagnostic, ...]]:
    """The deadlines (``due``) of *agency* from *start* to *end*, both inclusive.

    An event-based obligation has no deadline until its event happens. Without *events* such
    obligations are left out; with them, each event of *agency* (dated up to *end*) that an
    obligation it owes counts from gives one period, labelled with the event's id, listed
    when its deadline falls in the range.

    Returns:
        The items sorted by deadline, obligation and period, and the warnings (missing
        recipients).

    Raises:
        EvaluationError: *agency* is not in the agencies.
        InputError: an event names an agency that does not exist.
    """
    with_events = events is not None
    inspector = Inspector(ruleset, agencies, on=end, events=events or (), calendar=calendar)
    a = inspector.agency(agency)
    items: list[AgendaItem] = []
    for o in sorted(ruleset.obligations, key=lambda o: o.id):
        if not any(bearer_matches(a, b) for b in o.bearers):
            continue
        if isinstance(o.schedule, AfterEvent) and not with_events:
            continue
        recipients, _ = inspector.recipients(a, o, warn=True)
        for p, warn_from in inspector.deadlines(a, o, start, end):
            provisional = inspector.provisional_years(o, p)
            items.append(
                AgendaItem(
                    agency=a.id,
                    obligation=o.id,
                    title=o.title,
                    period=p.label,
                    opens=p.opens,
                    nominal_due=p.nominal_due,
                    due=p.due,
                    warn_from=warn_from,
                    recipients=recipients,
                    deliverable=None if o.action is None else o.action.deliverable,
                    source=o.source,
                    provisional_years=provisional,
                )
            )
    items.sort(key=lambda i: (i.due, i.obligation, i.period))
    return items, inspector.warnings
