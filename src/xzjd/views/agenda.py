# SPDX-License-Identifier: MIT
"""The agenda: the coming deadlines of one agency, or of every agency of a region, between
two dates.

Event-based obligations are on it only when events are given: their periods, one per event
of the agency, are labelled with the event's id, as in the evaluation. With filings, the
periods they have already settled (done, late or waived) are left out.

Built on :class:`xzjd.engine.Inspector`: the periods and their deadlines are those of the
evaluation; this module only picks the agency's obligations and makes the records that
``xzjd agenda`` prints as a table, JSON or iCalendar (:mod:`xzjd.views.ics`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from xzjd.engine import Inspector, no_notice_error, provisional_warning
from xzjd.errors import Diagnostic, EvaluationError
from xzjd.facts.agencies import Agency, Registry, bearer_matches
from xzjd.facts.tables import Event, Filing
from xzjd.language import CheckedRuleset, check
from xzjd.messages import explained
from xzjd.model import AfterEvent, Ruleset, State
from xzjd.periods import CalendarLike

__all__ = ["AgendaItem", "agenda", "region_path"]

#: The states of a period that no filing is awaited for any more.
_SETTLED = (State.DONE, State.LATE, State.WAIVED)


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


def region_path(text: str) -> tuple[str, ...]:
    """A region path as the agencies file writes it (``云南省/昆明市``), as a tuple."""
    return tuple(p.strip() for p in text.replace("／", "/").split("/") if p.strip())


def _in_region(a: Agency, region: Sequence[str]) -> bool:
    return a.region[: len(region)] == tuple(region)


def agenda(
    ruleset: Ruleset | CheckedRuleset,
    agencies: Registry | Iterable[Agency],
    *,
    agency: str | None = None,
    start: dt.date,
    end: dt.date,
    events: Iterable[Event] | None = None,
    calendar: CalendarLike | None = None,
    provisional: bool = True,
    region: str | Sequence[str] | None = None,
    filings: Iterable[Filing] | None = None,
) -> tuple[list[AgendaItem], tuple[Diagnostic, ...]]:
    """The deadlines (``due``) of *agency*, or of every agency of *region*, from *start* to
    *end*, both inclusive.

    Exactly one of *agency* and *region* is given. *region* is a region path (a string as
    the agencies file writes it, ``云南省/昆明市``, or a tuple): the agencies of that region
    and of every region below it.

    An event-based obligation has no deadline until its event happens. Without *events* such
    obligations are left out; with them, each event of the agency (dated up to *end*) that an
    obligation it owes counts from gives one period, labelled with the event's id, listed
    when its deadline falls in the range.

    With *filings*, a period that the filings dated up to *end* have settled (done, late or
    waived, as :func:`~xzjd.engine.evaluate` on *end* would say) is left out: the agenda
    lists what is still to be filed.

    Returns:
        The items sorted by deadline, agency, obligation and period, and the warnings
        (missing recipients; with *provisional*, a warning naming the provisional calendar
        years the items were counted on, which they name in ``provisional_years``).

    Raises:
        CheckError: *ruleset* is a :class:`~xzjd.model.Ruleset` that fails the checks.
        EvaluationError: *agency* is not in the agencies, *region* holds none of them, or
            neither or both of *agency* and *region* are given.
        InputError: an event or a filing names an agency or obligation that does not exist.
    """
    if (agency is None) == (region is None):
        raise explained(EvaluationError, "argument/agency-or-region")
    with_events = events is not None
    rules = check(ruleset)  # once; a CheckedRuleset is taken as it is
    ruleset = rules.ruleset
    inspector = Inspector(
        rules, agencies, filings or (), on=end, events=events or (), calendar=calendar
    )
    if agency is not None:
        chosen = [inspector.agency(agency)]
    else:
        path = region_path(region) if isinstance(region, str) else tuple(region or ())
        chosen = sorted((a for a in inspector.registry if _in_region(a, path)), key=lambda a: a.id)
        if not chosen:
            raise explained(
                EvaluationError,
                "argument/unknown-region",
                argument="--region",
                region="/".join(path),
                file_name=inspector.registry.file,
            )
    with_filings = filings is not None
    items: list[AgendaItem] = []
    obligations = sorted(ruleset.obligations, key=lambda o: o.id)
    for a in chosen:
        for o in obligations:
            if not any(bearer_matches(a, b) for b in o.bearers):
                continue
            if isinstance(o.schedule, AfterEvent) and not with_events:
                continue
            recipients, _ = inspector.recipients(a, o, warn=True)
            for p, warn_from in inspector.deadlines(a, o, start, end):
                if with_filings:
                    state = inspector.trace(a, o, p.label).state
                    if state is not None and state[0] in _SETTLED:
                        continue
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
    items.sort(key=lambda i: (i.due, i.agency, i.obligation, i.period))
    warnings = inspector.warnings
    years = sorted({y for i in items for y in i.provisional_years})
    if years and provisional:
        warnings = (*warnings, provisional_warning(ruleset, years))
    return items, warnings
