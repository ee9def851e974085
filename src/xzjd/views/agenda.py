# SPDX-License-Identifier: MIT
"""The agenda: the coming deadlines of one agency between two dates.

Event-based obligations are on it only when events are given: their periods, one per event
of the agency, are labelled with the event's id, as in the evaluation.

Built on :class:`xzjd.engine.Inspector`: the periods and their deadlines are those of the
evaluation; this module only picks the agency's obligations and makes the records that
``xzjd agenda`` prints as a table, JSON or iCalendar (:mod:`xzjd.views.ics`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import attrs

from xzjd.engine import Inspector, no_notice_error, provisional_warning
from xzjd.errors import Diagnostic
from xzjd.facts.agencies import Agency, Registry, bearer_matches
from xzjd.facts.tables import Event
from xzjd.language import CheckedRuleset, check
from xzjd.model import AfterEvent, Ruleset
from xzjd.periods import CalendarLike

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
    return no_notice_error(
        ruleset,
        item.agency,
        item.obligation,
        item.period,
        item.provisional_years,
        outcome=("not listed", "未列出"),
    )


def agenda(
    ruleset: Ruleset | CheckedRuleset,
    agencies: Registry | Iterable[Agency],
    *,
    agency: str,
    start: dt.date,
    end: dt.date,
    events: Iterable[Event] | None = None,
    calendar: CalendarLike | None = None,
    provisional: bool = True,
) -> tuple[list[AgendaItem], tuple[Diagnostic, ...]]:
    """The deadlines (``due``) of *agency* from *start* to *end*, both inclusive.

    An event-based obligation has no deadline until its event happens. Without *events* such
    obligations are left out; with them, each event of *agency* (dated up to *end*) that an
    obligation it owes counts from gives one period, labelled with the event's id, listed
    when its deadline falls in the range.

    Returns:
        The items sorted by deadline, obligation and period, and the warnings (missing
        recipients; with *provisional*, a warning naming the provisional calendar years the
        items were counted on, which they name in ``provisional_years``).

    Raises:
        CheckError: *ruleset* is a :class:`~xzjd.model.Ruleset` that fails the checks.
        EvaluationError: *agency* is not in the agencies.
        InputError: an event names an agency that does not exist.
    """
    with_events = events is not None
    rules = check(ruleset)  # once; a CheckedRuleset is taken as it is
    ruleset = rules.ruleset
    inspector = Inspector(rules, agencies, on=end, events=events or (), calendar=calendar)
    a = inspector.agency(agency)
    items: list[AgendaItem] = []
    for o in sorted(ruleset.obligations, key=lambda o: o.id):
        if not any(bearer_matches(a, b) for b in o.bearers):
            continue
        if isinstance(o.schedule, AfterEvent) and not with_events:
            continue
        recipients, _ = inspector.recipients(a, o, warn=True)
        for p, warn_from in inspector.deadlines(a, o, start, end):
            counted_on = inspector.provisional_years(o, p)
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
                    provisional_years=counted_on,
                )
            )
    items.sort(key=lambda i: (i.due, i.obligation, i.period))
    warnings = inspector.warnings
    years = sorted({y for i in items for y in i.provisional_years})
    if years and provisional:
        warnings = (*warnings, provisional_warning(ruleset, years))
    return items, warnings
