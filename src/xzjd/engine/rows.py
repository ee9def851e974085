# SPDX-License-Identifier: MIT
"""The records of an evaluation, one agency at a time: each owed obligation's periods
with the agency's filings assigned, the warnings found on the way (missing recipients,
filings that count for nothing, unknown bearers, provisional years)."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from xzjd.engine.assign import assign, assign_many, outstanding, tracked_state
from xzjd.engine.bind import Context, event_periods, event_tails
from xzjd.engine.diagnostics import line_of, provisional_warning, suggest
from xzjd.engine.plan import Job, Plan, job_of, jobs_for, make_forms, satisfied_lead
from xzjd.engine.records import Progress, Status
from xzjd.errors import Diagnostic, Severity
from xzjd.facts.tables import Filing, FilingStatus
from xzjd.model import AgencyBearer, Obligation, Recipient, State

_new = tuple.__new__
_DONE, _LATE, _WAIVED = State.DONE, State.LATE, State.WAIVED


def status_rows(
    ctx: Context, agency: str | None, progress: Progress | None = None
) -> Iterator[list[Status]]:
    """The statuses, one agency at a time (sorted by id); then the closing warnings.

    The plans are made at once (errors in the ruleset or calendar are raised here); the
    rows are made as the returned iterator is read.
    """
    facts = ctx.facts
    obligations = sorted(ctx.ruleset.obligations, key=lambda o: o.id)
    plans = [ctx.plan(o) for o in obligations]
    _warn_unknown_bearers(ctx, obligations)
    owed = facts.owed(obligations)
    target = sorted(owed) if agency is None else [agency] if agency in owed else []
    return _noting_provisional(
        ctx, _agency_rows(ctx, agency, progress, obligations, plans, owed, target)
    )


_PROVISIONAL_YEARS = operator.itemgetter(len(Status._fields) - 1)


def _noting_provisional(ctx: Context, chunks: Iterator[list[Status]]) -> Iterator[list[Status]]:
    """The rows of *chunks*; then, if any rests on a provisional year, one warning naming them.

    In strict mode (``provisional=False``) the records that rest on a provisional year are
    set aside in ``ctx.withheld`` instead, with an error for each.
    """
    seen: set[tuple[int, ...]] = set()
    strict = not ctx.provisional
    for rows in chunks:
        found = set(map(_PROVISIONAL_YEARS, rows))
        found.discard(())
        if found:
            seen |= found
            if strict:
                ctx.withhold([r for r in rows if r.provisional_years])
                rows = [r for r in rows if not r.provisional_years]
        yield rows
    years = sorted({y for ys in seen for y in ys})
    if years and not strict:
        ctx.warn(provisional_warning(ctx.ruleset, years))


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
    on = ctx.on
    accepted, waived = FilingStatus.ACCEPTED, FilingStatus.WAIVED
    returned = FilingStatus.RETURNED
    new = _new
    events_of = ctx.events_by_agency
    strays: list[str] = sorted(by_agency.keys() - owed.keys())
    # Deadlines, windows and recipients depend on the obligation and the region, not on the
    # agency (but for leaving itself out of its recipients, and for events): one set of jobs
    # per (region, obligations owed).
    cache: dict[tuple[Any, ...], tuple[list[Job], frozenset[str]]] = {}
    by_region: dict[tuple[tuple[str, ...], int], Job] = {}
    resolved: dict[tuple[tuple[str, ...], int], tuple[tuple[str, ...], tuple[Recipient, ...]]] = {}
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
    for done, agency_id in enumerate(target, 1):
        a = agencies[agency_id]
        mine_owed = owed[agency_id]
        key = (a.region, mine_owed)
        found = cache.get(key)
        if found is None:
            found = cache[key] = jobs_for(registry, a, plans, mine_owed, by_region, specs, resolved)
        jobs, names = found
        if agency_id in names:
            jobs = [
                job_of(j[2], tuple(r for r in j[3] if r != agency_id), j[4])
                if agency_id in j[3]
                else j
                for j in jobs
            ]
        rows: list[Status] = []
        append = rows.append
        head = (agency_id,)
        groups = by_agency.get(agency_id)
        used = 0
        for job in jobs:
            (
                oid,
                o,
                plan,
                recipients,
                missing,
                tails,
                labels,
                opens,
                closes,
                during,
                many,
                only,
                forms,
            ) = job
            if missing:
                for r in missing:
                    ctx.missing_recipient(a, o, r)
            mine = None if groups is None else groups.get(oid)
            if tails is None:
                if mine is None and (agency_id, plan.event) not in events_of:
                    continue
                periods, tails, labels = event_tails(ctx, plan, agency_id, recipients)
                opens = [p.opens for p in periods]
                closes = [p.closes for p in periods]
                forms = make_forms(tails)
            if mine is None:
                rows += [new(Status, head + t[:14]) for t in tails]
                continue
            used += 1
            n = len(tails)
            if not many:
                # One merge walk over the periods (in window order) and the filings (in date
                # order): periods before k have received their filing. got[i] is the period's
                # one filing, or [filing ids, first accepted date or None, waived] once it has
                # two. Any filing that needs a warning sends the pair to the general
                # assignment below.
                got: list[Any] = [None] * n
                k = 0
                fits = True
                for f in mine:
                    filed_on = f.filed_on
                    if filed_on > on:
                        break
                    if only is not None and f.recipient is not None and f.recipient != only:
                        fits = False
                        break
                    label = f.period
                    if label is None:
                        while k < n:
                            g = got[k]
                            if g is None:
                                break
                            if g.__class__ is list:
                                if g[1] is None and not g[2]:
                                    break
                            elif g.status is returned:
                                break
                            k += 1
                        i = k
                        while True:
                            if i >= n or opens[i] > filed_on:
                                fits = False
                                break
                            if not (during and filed_on > closes[i]):
                                g = got[i]
                                if g is None:
                                    break
                                if g.__class__ is list:
                                    if g[1] is None and not g[2]:
                                        break
                                elif g.status is returned:
                                    break
                            i += 1
                        if not fits:
                            break
                    else:
                        found_i = labels.get(label)
                        if found_i is None:
                            continue  # a period that has not opened yet (or before `since`)
                        i = found_i
                        if during and not opens[i] <= filed_on <= closes[i]:
                            fits = False
                            break
                        g = got[i]
                    if g is None:
                        got[i] = f
                        continue
                    status = f.status
                    if g.__class__ is not list:
                        first = g.status
                        got[i] = [
                            [g.id, f.id],
                            g.filed_on
                            if first is accepted
                            else (filed_on if status is accepted else None),
                            first is waived or status is waived,
                        ]
                        continue
                    g[0].append(f.id)
                    if status is accepted:
                        if g[1] is None:
                            g[1] = filed_on
                    elif status is waived:
                        g[2] = True
                if fits:
                    assert forms is not None
                    for t, g, form in zip(tails, got, forms, strict=True):
                        if g is None:
                            append(new(Status, head + t[:14]))
                            continue
                        if g.__class__ is list:
                            ids = tuple(g[0])
                            done_on = g[1]
                            if g[2]:
                                lead = satisfied_lead(form[0], _WAIVED)
                            elif done_on is None:
                                append(new(Status, (agency_id, *form[2], ids, *form[3])))
                                continue
                            elif done_on <= form[4]:
                                lead = form[0]
                            else:
                                lead = satisfied_lead(form[0], _LATE)
                        else:
                            ids = (g.id,)
                            status = g.status
                            if status is accepted:
                                if g.filed_on <= form[4]:
                                    lead = form[0]
                                else:
                                    lead = satisfied_lead(form[0], _LATE)
                            elif status is waived:
                                lead = satisfied_lead(form[0], _WAIVED)
                            else:
                                append(new(Status, (agency_id, *form[2], ids, *form[3])))
                                continue
                        append(new(Status, (agency_id, *lead, ids, *form[1])))
                    continue
            else:
                periods = (
                    plan.periods if plan.event is None else event_periods(ctx, plan, agency_id)[0]
                )
                tracks = assign_many(on, during, periods, labels, recipients, mine)
                if tracks is not None:
                    count = len(recipients)
                    for i, t in enumerate(tails):
                        got_i = tracks.get(i)
                        if got_i is None:
                            append(new(Status, head + t[:14]))
                            continue
                        ids, received, is_waived = got_i
                        if is_waived:
                            state = _WAIVED
                        elif len(received) == count:
                            state = _DONE if max(received.values()) <= t[4] else _LATE
                        else:
                            append(
                                new(
                                    Status,
                                    (
                                        agency_id,
                                        *t[:9],
                                        tuple(ids),
                                        t[10],
                                        t[11],
                                        tuple(r for r in recipients if r not in received),
                                        t[13],
                                    ),
                                )
                            )
                            continue
                        append(
                            new(
                                Status,
                                (
                                    agency_id,
                                    *t[:5],
                                    state,
                                    None,
                                    None,
                                    t[8],
                                    tuple(ids),
                                    *t[10:12],
                                    (),
                                    t[14],
                                ),
                            )
                        )
                    continue
            # Some filing needs a warning: the general assignment gives the same result, and
            # says why.
            periods = plan.periods if plan.event is None else event_periods(ctx, plan, agency_id)[0]
            slow = assign(ctx, plan, periods, labels, recipients, mine, is_bearer=True)
            for i, t in enumerate(tails):
                track = slow.get(i)
                if track is None:
                    append(new(Status, head + t[:14]))
                    continue
                st, days, step = tracked_state(plan, periods[i], track, recipients, on)
                append(
                    new(
                        Status,
                        (
                            agency_id,
                            *t[:5],
                            st,
                            days,
                            step,
                            t[8],
                            tuple(track.filings),
                            *t[10:12],
                            outstanding(track, recipients),
                            t[14] if st in (_DONE, _LATE, _WAIVED) else t[13],
                        ),
                    )
                )
        if groups is not None and len(groups) > used:
            strays.append(agency_id)  # it filed for an obligation it does not owe
        if progress is not None:
            progress(done, total)
        yield rows
    if agency is not None:
        strays = [agency] if agency in by_agency else []
    _warn_not_owed(ctx, obligations, plans, owed, strays)


def _warn_not_owed(
    ctx: Context,
    obligations: Sequence[Obligation],
    plans: Sequence[Plan],
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
    for _, obligation_id, mine in stray:
        assign(ctx, plans[position[obligation_id]], [], {}, (), mine, is_bearer=False)


def _warn_unknown_bearers(ctx: Context, obligations: Sequence[Obligation]) -> None:
    for o in obligations:
        for b in o.bearers:
            if isinstance(b, AgencyBearer) and b.agency not in ctx.registry:
                guess = suggest(b.agency, ctx.registry.ids)
                ctx.warn(
                    Diagnostic(
                        code="bearer/unknown-agency",
                        message=f"obligation {o.id} applies to {b.agency}, which is not in "
                        "the agencies file",
                        message_zh=f"义务 {o.id} 适用于 {b.agency}，但机关文件中没有该机关",
                        file=ctx.ruleset.file,
                        span=b.span,
                        line_text=line_of(ctx.ruleset, b.span),
                        hint=f"did you mean {guess!r}?" if guess else "add it to the agencies file",
                        hint_zh=f"是否应为 {guess!r}？" if guess else "请将其加入机关文件",
                        severity=Severity.WARNING,
                    )
                )
