# SPDX-License-Identifier: MIT
"""The records of an evaluation, one agency at a time: each owed obligation's periods
with the agency's filings assigned, the warnings found on the way (missing recipients,
filings that count for nothing, unknown bearers, provisional years).

:func:`status_rows` is the reference the columnar core (:mod:`~xzjd.engine.core`) is tested
against (``evaluate_by("reference", ...)``); :func:`block_records` makes the records of one
walked block for both."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from operator import add, itemgetter
from typing import Any, TypeVar

from xzjd.engine.assign import Track, assign, misfit_warning, not_owed
from xzjd.engine.bind import Context, event_forms
from xzjd.engine.diagnostics import line_of, provisional_warning
from xzjd.engine.plan import Forms, Job, Plan, job_of, jobs_for
from xzjd.engine.records import (
    AGENCY,
    DAYS_LATE,
    FILINGS,
    OUTSTANDING,
    PROVISIONAL_YEARS,
    SATISFIED_ON,
    STATE,
    Progress,
    Status,
)
from xzjd.facts.agencies import has_counterpart
from xzjd.facts.tables import Filing, FilingStatus
from xzjd.messages import diagnostic
from xzjd.model import AgencyBearer, Obligation, Recipient, State

_new = tuple.__new__
_LATE, _WAIVED = State.LATE, State.WAIVED


def status_rows(
    ctx: Context, agency: str | None, progress: Progress | None = None
) -> Iterator[list[Status]]:
    """The statuses, one agency at a time (sorted by id); then the closing warnings.

    The plans are made at once (errors in the ruleset or calendar are raised here); the
    rows are made as the returned iterator is read.
    """
    obligations, plans, owed, target = owing(ctx, agency)
    chunks = _agency_rows(ctx, agency, progress, obligations, plans, owed, target)
    return noting_provisional(ctx, chunks, _row_years, _row_parts)


def owing(
    ctx: Context, agency: str | None
) -> tuple[list[Obligation], list[Plan], dict[str, tuple[int, ...]], list[str]]:
    """What an evaluation starts from, whichever way its records are made: the obligations
    (sorted by id) and their plans, each agency's owed obligations (indexes into them) and
    the agencies to report (sorted; only *agency* when given). Unknown bearers are warned
    about here, once."""
    obligations = sorted(ctx.ruleset.obligations, key=lambda o: o.id)
    plans = [ctx.plan(o) for o in obligations]
    warn_unknown_bearers(ctx, obligations)
    owed = ctx.facts.owed(obligations)
    target = sorted(owed) if agency is None else [agency] if agency in owed else []
    return obligations, plans, owed, target


_PROVISIONAL_YEARS = itemgetter(PROVISIONAL_YEARS)

#: A chunk of records (a list of them, or a table), and what marks its provisional records.
Chunk = TypeVar("Chunk", bound=Sequence[Status])
Marks = TypeVar("Marks")


def noting_provisional(
    ctx: Context,
    chunks: Iterator[Chunk],
    years: Callable[[Chunk], tuple[set[tuple[int, ...]], Marks]],
    parts: Callable[[Chunk, Marks], tuple[Chunk, Chunk]],
) -> Iterator[Chunk]:
    """The records of *chunks*; then, if any rests on a provisional year, one warning naming
    the years (after whatever *chunks* does when it ends).

    ``years(chunk)`` gives the provisional years its records rest on (none: an empty set) and
    marks for ``parts(chunk, marks)``, which splits the chunk into the records that rest on one
    and the others. In strict mode (``provisional=False``) the former are set aside in
    ``ctx.withheld`` instead, with an error for each, and no warning is given.
    """
    seen: set[tuple[int, ...]] = set()
    strict = not ctx.provisional
    for chunk in chunks:
        found, marks = years(chunk)
        if found:
            seen |= found
            if strict:
                withheld, chunk = parts(chunk, marks)
                ctx.withhold(withheld)
        yield chunk
    every = sorted({y for ys in seen for y in ys})
    if every and not strict:
        ctx.warn(provisional_warning(ctx.ruleset, every))


def _row_years(rows: list[Status]) -> tuple[set[tuple[int, ...]], None]:
    found = set(map(_PROVISIONAL_YEARS, rows))
    found.discard(())
    return found, None


def _row_parts(rows: list[Status], _: None) -> tuple[list[Status], list[Status]]:
    return [r for r in rows if r.provisional_years], [r for r in rows if not r.provisional_years]


def _agency_rows(
    ctx: Context,
    agency: str | None,
    progress: Progress | None,
    obligations: Sequence[Obligation],
    plans: Sequence[Plan],
    owed: Mapping[str, Sequence[int]],
    target: Sequence[str],
) -> Iterator[list[Status]]:
    registry = ctx.registry
    by_agency = ctx.facts.by_agency
    on, since = ctx.on, ctx.since
    new = _new
    events_of = ctx.events_by_agency
    strays: list[str] = sorted(by_agency.keys() - owed.keys())
    # Deadlines, windows and recipients depend on the obligation and the region, not on the
    # agency (but for leaving itself out of its recipients, and for events): one set of jobs
    # per (region, obligations owed).
    # Counterpart recipients (上级对口部门) depend on the agency's system too.
    cache: dict[tuple[Any, ...], tuple[list[Job], frozenset[str]]] = {}
    by_region: dict[tuple[Any, ...], Job] = {}
    resolved: dict[tuple[Any, ...], tuple[tuple[str, ...], tuple[Recipient, ...]]] = {}
    counterpart = frozenset(
        i
        for i, p in enumerate(plans)
        if p.obligation.action is not None and has_counterpart(p.obligation.action.recipients)
    )
    spec_numbers: dict[tuple[Recipient, ...], int] = {}
    specs = [
        spec_numbers.setdefault(
            () if p.obligation.action is None else p.obligation.action.recipients,
            len(spec_numbers),
        )
        for p in plans
    ]
    total = len(target)
    agencies = registry.ids
    for count, agency_id in enumerate(target, 1):
        a = agencies[agency_id]
        mine_owed = owed[agency_id]
        key = (a.region, mine_owed) if not counterpart else (a.region, mine_owed, a.system)
        found = cache.get(key)
        if found is None:
            found = cache[key] = jobs_for(
                registry, a, plans, mine_owed, by_region, specs, resolved, counterpart
            )
        jobs, names = found
        if agency_id in names:
            jobs = [
                job_of(j.plan, tuple(r for r in j.recipients if r != agency_id), j.missing)
                if agency_id in j.recipients
                else j
                for j in jobs
            ]
        rows: list[Status] = []
        heads = repeat((agency_id,))
        groups = by_agency.get(agency_id)
        used = 0
        for job in jobs:
            if job.missing:
                for r in job.missing:
                    ctx.missing_recipient(a, job.plan.obligation, r)
            mine = None if groups is None else groups.get(job.oid)
            forms = job.forms
            if forms is None:
                plan = job.plan
                if mine is None and (agency_id, plan.event) not in events_of:
                    continue
                periods, forms, windows = event_forms(ctx, plan, agency_id, job.recipients)
            else:
                periods = None
                windows = job.windows
            if mine is None:
                # Every period blank: the agency between the fields before and after it.
                fields_of = map(add, map(add, forms.before, heads), forms.after)
                rows += map(new, repeat(Status), fields_of)
                continue
            used += 1
            recipients = job.recipients
            got, misfits = assign(windows, recipients, mine, on, since)
            if misfits:
                if periods is None:
                    periods = job.plan.periods
                for placed in misfits:
                    ctx.warn(misfit_warning(placed, periods, recipients, on, since))
            rows += block_records(got, forms, agency_id)
        if groups is not None and len(groups) > used:
            strays.append(agency_id)  # it filed for an obligation it does not owe
        if progress is not None:
            progress(count, total)
        yield rows
    if agency is not None:
        strays = [agency] if agency in by_agency else []
    _warn_not_owed(ctx, obligations, owed, strays)


def block_records(
    got: Sequence[Filing | Track | None], forms: Forms, agency_id: str
) -> list[Status]:
    """The records of one agency's periods of one obligation, from what :func:`assign` gave
    each period (*got*) and the periods' templates (*forms*)."""
    accepted, waived = FilingStatus.ACCEPTED, FilingStatus.WAIVED
    new = _new
    rows: list[Status] = []
    append = rows.append
    # Each period's record: a copy of its blank or done fields, with the fields that
    # differ set by name (plan.Forms): the filing ids, the agency, a late or waived
    # state with its lateness, what is still outstanding.
    for g, blank, done, due in zip(got, forms.blank, forms.done, forms.due, strict=True):
        if g is None:
            fields = blank.copy()
        elif type(g) is Track:
            if g.waived:
                fields = done.copy()
                fields[STATE] = _WAIVED
            else:
                day = g.satisfied
                if day is None:
                    fields = blank.copy()
                    fields[OUTSTANDING] = g.outstanding()
                else:
                    fields = done.copy()
                    fields[SATISFIED_ON] = day
                    if day > due:
                        fields[STATE] = _LATE
                        fields[DAYS_LATE] = (day - due).days
            fields[FILINGS] = tuple(g.filings)
        else:
            status = g.status
            if status is accepted:
                fields = done.copy()
                day = g.filed_on
                fields[SATISFIED_ON] = day
                if day > due:
                    fields[STATE] = _LATE
                    fields[DAYS_LATE] = (day - due).days
            elif status is waived:
                fields = done.copy()
                fields[STATE] = _WAIVED
            else:
                fields = blank.copy()
            fields[FILINGS] = (g.id,)
        fields[AGENCY] = agency_id
        append(new(Status, fields))
    return rows


def _warn_not_owed(
    ctx: Context,
    obligations: Sequence[Obligation],
    owed: Mapping[str, Sequence[int]],
    agencies: Iterable[str],
) -> None:
    """Filings by agencies that do not owe the obligation count for nothing: say so."""
    position = {o.id: i for i, o in enumerate(obligations)}
    stray: list[tuple[str, str, list[Filing]]] = []
    by_agency = ctx.facts.by_agency
    for agency_id in agencies:
        mine_owed = owed.get(agency_id, ())
        for obligation_id, mine in by_agency[agency_id].items():
            if position[obligation_id] not in mine_owed:
                stray.append((agency_id, obligation_id, mine))
    if len(stray) > 1:
        # In the order the pairs first appear in the filings.
        first: dict[tuple[str, str], int] = {}
        for f in ctx.facts.filings:
            first.setdefault((f.agency, f.obligation), len(first))
        stray.sort(key=lambda s: first[s[0], s[1]])
    on, since = ctx.on, ctx.since
    for _, _, mine in stray:
        for placed in not_owed(mine, on):
            ctx.warn(misfit_warning(placed, (), (), on, since))


def warn_unknown_bearers(ctx: Context, obligations: Sequence[Obligation]) -> None:
    for o in obligations:
        for b in o.bearers:
            if isinstance(b, AgencyBearer) and b.agency not in ctx.registry:
                guess = ctx.registry.suggest(b.agency)
                ctx.warn(
                    diagnostic(
                        "bearer/unknown-agency",
                        file=ctx.ruleset.file,
                        span=b.span,
                        line_text=line_of(ctx.ruleset, b.span),
                        hint="did-you-mean-id" if guess else None,
                        guess=guess,
                        obligation=o.id,
                        agency=b.agency,
                    )
                )
