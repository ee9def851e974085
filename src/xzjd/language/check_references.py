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
                    code,
                    c.narrow(span, name),
                    f"duplicate {what} '{name}'{where}",
                    f"give each {what} its own name",
                    f"重复的{what_zh}“{name}”",
                    f"每个{what_zh}须有不同的名称",
                )
            else:
                seen[name] = span


# --------------------------------------------------------------------------- calendars


def check_calendars(c: Collector) -> None:
    r = c.ruleset
    known = list(BUILTIN_CALENDARS) + [k.name for k in r.calendars]
    if r.calendar not in known:
        hint, hint_zh = did_you_mean(r.calendar, known)
        c.add(
            "ref/unknown-calendar",
            c.narrow(r.calendar_span, r.calendar),
            f"unknown calendar '{r.calendar}'",
            hint or "use 'cn' or declare the calendar with 'calendar NAME based on cn:'",
            f"未知的日历“{r.calendar}”",
            hint_zh or "请使用 cn，或用“日历 NAME 基于 cn：”声明日历",
        )
    bases = {k.name: k.base for k in r.calendars}
    for decl in r.calendars:
        if decl.base is not None and decl.base not in known:
            hint, hint_zh = did_you_mean(decl.base, known)
            c.add(
                "ref/unknown-calendar",
                c.narrow(decl.span, decl.base),
                f"calendar '{decl.name}' is based on unknown calendar '{decl.base}'",
                hint or "base a calendar on 'cn' or on another declared calendar",
                f"日历“{decl.name}”基于未知的日历“{decl.base}”",
                hint_zh or "请基于 cn 或其他已声明的日历",
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
                "calendars are based on each other in a circle: " + " -> ".join([*path, decl.name]),
                "base one of them on 'cn'",
                "日历相互基于，形成循环：" + " -> ".join([*path, decl.name]),
                "请让其中一个基于 cn",
            )


# --------------------------------------------------------------------------- obligations


def check_obligations(c: Collector) -> None:
    r = c.ruleset
    ids = [o.id for o in r.obligations]
    by_id = {o.id: o for o in reversed(r.obligations)}
    ladders = [e.name for e in r.escalations]
    for ob in r.obligations:
        if ob.schedule is None:
            c.add(
                "obligation/no-schedule",
                c.narrow(ob.span, ob.id),
                f"obligation '{ob.id}' has no schedule",
                "add a sentence such as 'by April 1 each year, file report with supervisory organ'",
                f"义务“{ob.id}”没有期限",
                "请加一句，例如“每年4月1日前，向同级行政监察机关报送 报告”",
            )
        else:
            check_schedule(c, ob.schedule, ob.id, r)
        check_trailing_range(c, ob)
        if ob.action is None:
            c.add(
                "obligation/no-action",
                c.narrow(ob.span, ob.id),
                f"obligation '{ob.id}' says when but not what",
                "add the action after a comma: ', file <deliverable> with <recipient>'",
                f"义务“{ob.id}”没有行为",
                "请在逗号后写出行为，例如“，向同级行政监察机关报送 报告”",
            )
        if ob.escalation is not None and ob.escalation not in ladders:
            hint, hint_zh = did_you_mean(ob.escalation, ladders)
            c.add(
                "ref/unknown-escalation",
                c.narrow(ob.escalation_span, ob.escalation),
                f"unknown escalation '{ob.escalation}'",
                hint or "declare it with 'escalation NAME:' or fix the name",
                f"未知的升级阶梯“{ob.escalation}”",
                hint_zh or "请用“升级 NAME：”声明该阶梯，或改正名称",
            )
        if isinstance(ob.schedule, Chained):
            for ref in ob.schedule.after:
                if ref == ob.id:
                    c.add(
                        "ref/self-chain",
                        c.narrow(ob.schedule.span, ref),
                        f"obligation '{ob.id}' follows its own deadlines",
                        "name the obligations whose deadlines this one follows",
                        f"义务“{ob.id}”引用了自己的期限",
                        "请写出本义务所跟随的其他义务",
                    )
                elif ref in by_id and isinstance(by_id[ref].schedule, AfterEvent):
                    c.add(
                        "ref/chain-after-event",
                        c.narrow(ob.schedule.span, ref),
                        f"obligation '{ob.id}' follows '{ref}', whose deadlines depend on "
                        "each agency's events",
                        "a chained obligation can only follow obligations with dated periods",
                        f"义务“{ob.id}”跟随的义务“{ref}”按事件计算期限",
                        "连锁义务只能跟随有固定期限的义务",
                    )
                elif ref not in by_id:  # a dict: a list here made the check quadratic
                    hint, hint_zh = did_you_mean(ref, ids)
                    c.add(
                        "ref/unknown-obligation",
                        c.narrow(ob.schedule.span, ref),
                        f"unknown obligation '{ref}'",
                        hint or "name an obligation declared in this file",
                        f"未知的义务“{ref}”",
                        hint_zh or "请写出本文件中声明的义务",
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
                        "chained obligations follow each other in a circle: " + " -> ".join(cycle),
                        "a chained obligation must follow obligations with their own dates",
                        "连锁义务相互引用，形成循环：" + " -> ".join(cycle),
                        "连锁义务所跟随的义务须有自己的期限",
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
            c.add(
                "ref/chain-too-deep",
                spans.get(ob_id),
                f"obligation {ob_id} ends a chain of {d} chained obligations, each following "
                f"the next; at most {MAX_CHAIN} may follow each other",
                "chain the obligations on one that has its own dates",
                f"义务 {ob_id} 处于 {d} 项相互跟随的连锁义务之末，最多允许 {MAX_CHAIN} 项",
                "请让连锁义务跟随有自己期限的义务",
            )
