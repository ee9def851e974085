# SPDX-License-Identifier: MIT
"""The reference checks: names declared twice, names that refer to nothing, chains.

Two obligations, ladders or calendars of one name; a ``calendar``, ``based on`` or
``escalation`` naming nothing declared; chained obligations that follow themselves, an
event-based obligation, an unknown obligation, each other in a circle, or more than
:data:`MAX_CHAIN` of each other. Each obligation's schedule and action are checked here too,
by :mod:`xzjd.language.check_values`, in the order of the obligations.
"""

from __future__ import annotations

from xzjd.errors import Span
from xzjd.language.check_collector import Collector, did_you_mean
from xzjd.language.check_values import check_schedule, check_trailing_range
from xzjd.model import AfterEvent, Chained

__all__ = [
    "BUILTIN_CALENDARS",
    "MAX_CHAIN",
    "check_calendars",
    "check_duplicates",
    "check_obligations",
]

BUILTIN_CALENDARS = ("cn",)


# --------------------------------------------------------------------------- duplicates


def check_duplicates(c: Collector) -> None:
    r = c.ruleset
    groups: list[tuple[str, str, str, list[tuple[str, Span | None]]]] = [
        ("obligation", "义务", "dup/obligation", [(o.id, o.span) for o in r.obligations]),
        ("escalation", "升级阶梯", "dup/escalation", [(e.name, e.span) for e in r.escalations]),
        ("calendar", "日历", "dup/calendar", [(k.name, k.span) for k in r.calendars]),
    ]
    for what, what_zh, code, items in groups:
        seen: dict[str, Span | None] = {name: None for name in BUILTIN_CALENDARS}
        if what != "calendar":
            seen = {}
        for name, span in items:
            if name in seen:
                first = seen[name]
                where = f" (first at line {first.line})" if first is not None else " (built in)"
                c.add(
                    code, c.narrow(span, name), what=what, what_zh=what_zh, name=name, where=where
                )
            else:
                seen[name] = span


# --------------------------------------------------------------------------- calendars


def check_calendars(c: Collector) -> None:
    r = c.ruleset
    known = list(BUILTIN_CALENDARS) + [k.name for k in r.calendars]
    if r.calendar not in known:
        guess = did_you_mean(r.calendar, known)
        c.add(
            "ref/unknown-calendar",
            c.narrow(r.calendar_span, r.calendar),
            hint="did-you-mean" if guess else None,
            guess=guess,
            name=r.calendar,
        )
    bases = {k.name: k.base for k in r.calendars}
    for decl in r.calendars:
        if decl.base is not None and decl.base not in known:
            guess = did_you_mean(decl.base, known)
            c.add(
                "ref/unknown-calendar#base",
                c.narrow(decl.span, decl.base),
                hint="did-you-mean" if guess else None,
                guess=guess,
                name=decl.name,
                base=decl.base,
            )
    reported: set[str] = set()
    for decl in r.calendars:
        path = [decl.name]
        base = decl.base
        while base is not None and base in bases and base not in path:
            path.append(base)
            base = bases[base]
        if base == decl.name and decl.name not in reported:
            reported.update(path)
            c.add(
                "ref/calendar-cycle",
                c.narrow(decl.span, decl.name),
                value=" -> ".join([*path, decl.name]),
            )


# --------------------------------------------------------------------------- obligations


def check_obligations(c: Collector) -> None:
    r = c.ruleset
    ids = [o.id for o in r.obligations]
    by_id = {o.id: o for o in reversed(r.obligations)}
    ladders = [e.name for e in r.escalations]
    for ob in r.obligations:
        if ob.schedule is None:
            c.add("obligation/no-schedule", c.narrow(ob.span, ob.id), ob_id=ob.id)
        else:
            check_schedule(c, ob.schedule, ob.id, r)
        check_trailing_range(c, ob)
        if ob.action is None:
            c.add("obligation/no-action", c.narrow(ob.span, ob.id), ob_id=ob.id)
        if ob.escalation is not None and ob.escalation not in ladders:
            guess = did_you_mean(ob.escalation, ladders)
            c.add(
                "ref/unknown-escalation",
                c.narrow(ob.escalation_span, ob.escalation),
                hint="did-you-mean" if guess else None,
                guess=guess,
                name=ob.escalation,
            )
        if isinstance(ob.schedule, Chained):
            for ref in ob.schedule.after:
                if ref == ob.id:
                    c.add("ref/self-chain", c.narrow(ob.schedule.span, ref), ob_id=ob.id)
                elif ref in by_id and isinstance(by_id[ref].schedule, AfterEvent):
                    c.add(
                        "ref/chain-after-event",
                        c.narrow(ob.schedule.span, ref),
                        ob_id=ob.id,
                        ref=ref,
                    )
                elif ref not in by_id:  # a dict: a list here made the check quadratic
                    guess = did_you_mean(ref, ids)
                    c.add(
                        "ref/unknown-obligation",
                        c.narrow(ob.schedule.span, ref),
                        hint="did-you-mean" if guess else None,
                        guess=guess,
                        ref=ref,
                    )
    _check_chain_cycles(c)


def _check_chain_cycles(c: Collector) -> None:
    r = c.ruleset
    follows: dict[str, list[str]] = {}
    spans: dict[str, Span | None] = {}
    for ob in r.obligations:
        if isinstance(ob.schedule, Chained) and ob.id not in follows:
            follows[ob.id] = [a for a in ob.schedule.after if a != ob.id]
            spans[ob.id] = ob.schedule.span
    reported: set[str] = set()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    # An explicit stack, not recursion: a chain may be thousands of obligations long.
    for root in follows:
        if state.get(root) is not None:
            continue
        path = [root]
        state[root] = 1
        stack = [iter(follows[root])]
        while stack:
            nxt = next(stack[-1], None)
            if nxt is None:
                stack.pop()
                state[path.pop()] = 2
            elif state.get(nxt) == 1:
                cycle = [*path[path.index(nxt) :], nxt]
                if not reported.intersection(cycle):
                    reported.update(cycle)
                    start = cycle[0]
                    target = cycle[1]
                    c.add(
                        "ref/chain-cycle",
                        c.narrow(spans.get(start), target),
                        cycle=" -> ".join(cycle),
                    )
            elif nxt in follows and state.get(nxt) is None:
                state[nxt] = 1
                path.append(nxt)
                stack.append(iter(follows[nxt]))
    if not reported:
        _check_chain_depth(c, follows, spans)


#: How many chained obligations may follow each other: regulations chain one or two; a deeper
#: chain is a mistake, and each link costs a level of nesting when its dates are computed.
MAX_CHAIN = 64


def _check_chain_depth(
    c: Collector, follows: dict[str, list[str]], spans: dict[str, Span | None]
) -> None:
    depth: dict[str, int] = {}
    for root in follows:
        stack = [root]
        while stack:
            node = stack[-1]
            waiting = [n for n in follows[node] if n in follows and n not in depth]
            if waiting:
                stack.extend(waiting)
                continue
            stack.pop()
            depth[node] = 1 + max((depth[n] for n in follows[node] if n in follows), default=0)
    for ob_id, d in depth.items():
        if d > MAX_CHAIN and all(depth.get(o, 0) <= MAX_CHAIN for o in follows[ob_id]):
            c.add("ref/chain-too-deep", spans.get(ob_id), ob_id=ob_id, d=d, MAX_CHAIN=MAX_CHAIN)
