# SPDX-License-Identifier: MIT
"""Several rulesets over one set of facts (:class:`~xzjd.language.Rulesets`).

Each ruleset is evaluated as it would be alone, over the filings and events that belong to
it, and the records are merged into one list sorted as :func:`~xzjd.engine.evaluate` sorts
(agency, obligation, deadline):

* a filing belongs to the ruleset that declares its obligation; an id that several rulesets
  declare is written with the ruleset's name (``licensing:decision``), in the filings and in
  the records, and written bare it is an error (``input/ambiguous-obligation``); an id that
  no ruleset declares is ``input/unknown-obligation`` with a "did you mean" over them all;
* an event belongs to every ruleset with an obligation counted from its name; the warnings
  about event names (``event/unused``, ``event/never-happens``) and about records dated
  after the evaluation date (``input/after-on``) are worked out once over all the facts;
* the agencies are shared; a ruleset with no obligation (a file of ``include`` lines) owes
  nothing and is not evaluated.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple

import attrs

from xzjd.engine.after_on import after_on_warnings
from xzjd.engine.bind import Context, Facts
from xzjd.engine.core import status_tables
from xzjd.engine.diagnostics import cell_diag, no_notice_error, suggest
from xzjd.engine.event_names import event_name_warnings
from xzjd.engine.records import OBLIGATION, Progress, ProvisionalYearError, Status, Statuses
from xzjd.engine.rows import status_rows
from xzjd.errors import Diagnostic, InputError
from xzjd.facts.agencies import Agency, Registry
from xzjd.facts.tables import Event, Filing
from xzjd.language.rulesets import Rulesets
from xzjd.model import AfterEvent, Ruleset
from xzjd.periods import CalendarLike

__all__ = ["WALKS", "Many", "Run", "records_of"]

#: How an evaluation's records are made: by the columnar core (``"columnar"``), by the core
#: with every block walked (``"walk"``), or by the assignment walk one agency at a time
#: (``"reference"``, :func:`~xzjd.engine.rows.status_rows`, as before the core).
WALKS = ("columnar", "walk", "reference")


def records_of(
    ctx: Context, agency: str | None, progress: Progress | None, walk: str = "columnar"
) -> Iterator[Sequence[Status]]:
    """The records of one evaluation date, in runs (tables or one agency's list), by *walk*."""
    if walk == "reference":
        return status_rows(ctx, agency, progress)
    return status_tables(ctx, agency, progress, exact=walk == "walk")


def _by_agency(runs: Iterator[Sequence[Status]]) -> Iterator[list[Status]]:
    """The records of *runs*, one agency's list at a time."""
    for run in runs:
        if isinstance(run, list):
            yield run
            continue
        rows: list[Status] = []
        agency = None
        for r in run:
            if r.agency != agency and rows:
                yield rows
                rows = []
            agency = r.agency
            rows.append(r)
        if rows:
            yield rows


_obligation_of = operator.itemgetter(OBLIGATION)
_first = operator.itemgetter(0)


def _place(d: Diagnostic) -> tuple[str, int, int]:
    span = d.span
    return (d.file or "", span.line if span else 0, span.column if span else 0)


def _event_names(ruleset: Ruleset) -> set[str]:
    return {o.schedule.event for o in ruleset.obligations if isinstance(o.schedule, AfterEvent)}


class Run(NamedTuple):
    """One evaluation date of several rulesets (:meth:`Many.run`)."""

    #: The records, one agency at a time, sorted as one ruleset's are.
    items: Iterator[Status]
    #: The warnings found so far (all of them once the records are read).
    warnings: Callable[[], tuple[Diagnostic, ...]]
    #: To call once the records are read: raises :class:`ProvisionalYearError` in strict
    #: mode when some were withheld, with the given statuses.
    finish: Callable[[Statuses], None]


class Many:
    """Several rulesets, the agencies, filings and events, routed, checked and indexed once.

    Raises:
        InputError: a filing names an obligation of no ruleset, or one that several declare
            without saying which; or a filing or event names something that does not exist
            in its ruleset. Every problem is reported at once, in file order.
    """

    def __init__(
        self,
        rulesets: Rulesets,
        agencies: Registry | Iterable[Agency],
        filings: Iterable[Filing],
        events: Iterable[Event],
        calendar: CalendarLike | None,
        provisional: bool,
    ) -> None:
        self.rulesets = rulesets
        self.registry = agencies if isinstance(agencies, Registry) else Registry(agencies)
        self.filings = filings if isinstance(filings, tuple) else tuple(filings)
        self.events = tuple(events)
        self.provisional = provisional
        routed, problems = self._route_filings()
        counted = [_event_names(c.ruleset) for c in rulesets]
        events_of: list[list[Event]] = [[] for _ in rulesets]
        for e in self.events:
            owners = [i for i, names in enumerate(counted) if e.event in names]
            for i in owners:
                events_of[i].append(e)
            if not owners and e.agency not in self.registry:
                guess = self.registry.suggest(e.agency)
                problems.append(_unknown(e, "agency", e.agency, "input/unknown-agency", guess))
        self.facts: list[tuple[int, Facts]] = []
        for i, c in enumerate(rulesets):
            if not c.ruleset.obligations:
                continue
            try:
                facts = Facts(c, self.registry, routed[i], events_of[i], calendar)
            except InputError as exc:
                problems.extend(exc.diagnostics)
                continue
            facts.event_warnings = []  # worked out once over all the events, below
            self.facts.append((i, facts))
        if problems:
            unique = dict.fromkeys(problems)  # an event of two rulesets is checked twice
            raise InputError(sorted(unique, key=_place))
        self.event_warnings = self._event_warnings()
        # Obligation ids several rulesets declare, as the records of each ruleset write them.
        self.renames: dict[int, dict[str, str]] = {
            i: {
                o.id: rulesets.spelling(i, o.id)
                for o in rulesets[i].ruleset.obligations
                if o.id in rulesets.clashing
            }
            for i, _ in self.facts
        }

    def routed(self, index: int) -> tuple[Sequence[Filing], tuple[Event, ...]]:
        """The filings (obligations written bare) and events that belong to ruleset *index*."""
        for i, facts in self.facts:
            if i == index:
                return facts.filings, facts.events
        return (), ()

    def _route_filings(self) -> tuple[list[list[Filing]], list[Diagnostic]]:
        rulesets = self.rulesets
        routed: list[list[Filing]] = [[] for _ in rulesets]
        problems: list[Diagnostic] = []
        found: dict[str, tuple[tuple[int, ...], str]] = {}
        spellings: list[str] | None = None
        for f in self.filings:
            o = f.obligation
            where = found.get(o)
            if where is None:
                where = found[o] = rulesets.find(o)
            owners, bare = where
            if len(owners) == 1:
                routed[owners[0]].append(f if bare == o else attrs.evolve(f, obligation=bare))
            elif owners:
                choices = [rulesets.spelling(i, o) for i in owners]
                problems.append(
                    cell_diag(
                        f,
                        "obligation",
                        "input/ambiguous-obligation",
                        value=o,
                        choices=", ".join(choices),
                        choices_zh="、".join(choices),
                    )
                )
            else:
                if spellings is None:
                    spellings = rulesets.spellings()
                guess = suggest(o, spellings)
                problems.append(_unknown(f, "obligation", o, "input/unknown-obligation", guess))
        return routed, problems

    def _event_warnings(self) -> list[Diagnostic]:
        """``event/unused`` against the event names of every ruleset, then each ruleset's
        ``event/never-happens``: what one ruleset alone would say, with all of them."""
        if not self.events:
            return []
        rulesets = [c.ruleset for c in self.rulesets]
        # One ruleset holding the event-based obligations of them all (the names only count).
        counted: Any = tuple(
            o for r in rulesets for o in r.obligations if isinstance(o.schedule, AfterEvent)
        )
        together = Ruleset(obligations=counted)
        found = [d for d in event_name_warnings(together, self.events) if d.code == "event/unused"]
        for r in rulesets:
            found.extend(
                d for d in event_name_warnings(r, self.events) if d.code == "event/never-happens"
            )
        return found

    def _latest(self, what: str) -> dt.date | None:
        if what == "filings":
            return max((f.filed_on for f in self.filings), default=None)
        return max((e.date for e in self.events), default=None)

    def run(
        self,
        on: dt.date,
        since: dt.date | None,
        agency: str | None,
        progress: Progress | None,
        walk: str = "columnar",
    ) -> Run:
        """The records on *on* (see :class:`Run`), made by *walk* (:data:`WALKS`)."""
        found = [*self.event_warnings]
        found.extend(after_on_warnings(self.filings, self.events, on, self._latest))
        contexts = [(i, Context(facts, on, since, self.provisional)) for i, facts in self.facts]
        tally: dict[int, tuple[int, int]] = {}
        sources = [
            self._chunks(i, _by_agency(records_of(ctx, agency, _share(progress, i, tally), walk)))
            for i, ctx in contexts
        ]

        def warnings() -> tuple[Diagnostic, ...]:
            return (*found, *(w for _, ctx in contexts for w in ctx.warnings))

        def finish(statuses: Statuses) -> None:
            withheld: list[Status] = []
            errors: list[Diagnostic] = []
            calendar = None
            for i, ctx in contexts:
                if not ctx.withheld:
                    continue
                calendar = calendar or ctx.ruleset.calendar
                rename = self.renames[i]
                for s in ctx.withheld:
                    errors.append(
                        no_notice_error(
                            ctx.ruleset, s.agency, s.obligation, s.period, s.provisional_years
                        )
                    )
                    name = rename.get(s.obligation)
                    withheld.append(s if name is None else s._replace(obligation=name))
            if withheld:
                raise ProvisionalYearError(statuses, withheld, errors, calendar=calendar or "cn")

        return Run(_merged(sources), warnings, finish)

    def _chunks(
        self, index: int, chunks: Iterator[list[Status]]
    ) -> Iterator[tuple[str, list[Status]]]:
        rename = self.renames[index]
        for rows in chunks:
            if not rows:
                continue
            if rename:
                rows = [
                    r._replace(obligation=rename[r.obligation]) if r.obligation in rename else r
                    for r in rows
                ]
            yield rows[0].agency, rows


def _merged(sources: Sequence[Iterator[tuple[str, list[Status]]]]) -> Iterator[Status]:
    """The rows of every ruleset, by agency; one agency's rows sorted by obligation (each
    obligation's rows stay in deadline order: the sort is stable)."""
    for _, group in itertools.groupby(heapq.merge(*sources, key=_first), key=_first):
        parts = [rows for _, rows in group]
        if len(parts) == 1:
            yield from parts[0]
        else:
            yield from sorted(itertools.chain.from_iterable(parts), key=_obligation_of)


def _share(
    progress: Progress | None, index: int, tally: dict[int, tuple[int, int]]
) -> Progress | None:
    """*progress* told the sums over the rulesets of the agencies done and to do."""
    if progress is None:
        return None

    def report(done: int, total: int) -> None:
        tally[index] = (done, total)
        progress(sum(d for d, _ in tally.values()), sum(t for _, t in tally.values()))

    return report


def _unknown(
    item: Filing | Event, column: str, value: str, key: str, guess: str | None
) -> Diagnostic:
    return cell_diag(
        item, column, key, hint="did-you-mean-id" if guess else None, guess=guess, value=value
    )
