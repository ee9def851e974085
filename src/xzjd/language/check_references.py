# SPDX-License-Identifier: MIT
"""The reference checks: names declared twice, names that refer to nothing, chains.

Two obligations, ladders or calendars of one name; a ``calendar``, ``based on`` or
``escalation`` naming nothing declared; chained obligations that follow themselves, an
event-based obligation, an unknown obligation, each other in a circle, or more than
:data:`MAX_CHAIN` of each other. Each obligation's schedule and action are checked here too,
by :mod:`xzjd.language.check_values`, in the order of the obligations.
"""

from __future__ import annotations

import re

from xzjd.errors import Span
from xzjd.language.check_collector import Collector, did_you_mean
from xzjd.language.check_values import check_schedule, check_trailing_range
from xzjd.model import AfterEvent, Chained, DeclaredKind, Kind, KindBearer, RelativeRecipient
from xzjd.vocab import KIND_SPELLINGS, KIND_ZH, LEVEL_SPELLINGS, ZH_SPELLINGS

__all__ = [
    "BUILTIN_CALENDARS",
    "MAX_CHAIN",
    "check_calendars",
    "check_duplicates",
    "check_kinds",
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
        ("kind", "类别", "dup/kind", [(k.name, k.span) for k in r.kinds]),
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


# --------------------------------------------------------------------------- kinds

# A declared kind's name as the grammar reads it after a relation, `every`, a level or a tag
# (KIND_NAME_EN, KIND_NAME_ZH in grammar/xzjd.lark): an ASCII word, or a word with Chinese
# characters that holds none of the words that end a recipient or a bearer.
_ASCII_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_ENDS_ZH = re.compile(r"和|、|报送|的")
_STARTS_ZH = ("标记为", "各级", "省级", "州级", "市级", "县级", "乡级")
#: The built-in kinds' Chinese words (and 对口部门): a Chinese name may not begin with one.
_BUILTIN_ZH = (*(w for k in Kind for w in ZH_SPELLINGS[k]), "对口部门")
#: English words the grammar reads as keywords where a kind's name stands.
_RESERVED_EN = frozenset(
    {"and", "tagged", "counterpart", "administrative", "supervisory", "audit", "party"}
    | {w for w in LEVEL_SPELLINGS if w.isascii()}
)


def _builtin_word(name: str) -> bool:
    key = name.strip().lower().replace("（", "(").replace("）", ")")
    return (
        key in KIND_SPELLINGS
        or key in (Kind.ADMINISTRATIVE_ORGAN.value, KIND_ZH[Kind.ADMINISTRATIVE_ORGAN])
        or key in ("对口部门",)
    )


def _name_usable(name: str) -> bool:
    if name.isascii():
        return bool(_ASCII_NAME.fullmatch(name)) and name.lower() not in _RESERVED_EN
    return _ENDS_ZH.search(name) is None and not name.startswith(_STARTS_ZH + _BUILTIN_ZH)


def check_kinds(c: Collector) -> None:
    """Declared kinds that are built in or cannot be written where a kind stands, and the
    bearers and recipients that name a kind nobody declared."""
    r = c.ruleset
    for decl in r.kinds:
        if _builtin_word(decl.name):
            c.add("kind/builtin", c.narrow(decl.span, decl.name), name=decl.name)
        elif not _name_usable(decl.name):
            c.add("kind/bad-name", c.narrow(decl.span, decl.name), name=decl.name)
    declared = [k.name for k in r.kinds]
    known = set(declared)
    # A misspelt built-in kind reads as a declared one: it is suggested too.
    builtin_zh = [w for k in Kind for w in ZH_SPELLINGS[k]]
    builtin_en = [k.value for k in Kind]
    for ob in r.obligations:
        parties: list[tuple[DeclaredKind, Span | None]] = [
            (b.kind, b.span)
            for b in ob.bearers
            if isinstance(b, KindBearer) and isinstance(b.kind, DeclaredKind)
        ]
        if ob.action is not None:
            parties.extend(
                (p.kind, p.span)
                for p in ob.action.recipients
                if isinstance(p, RelativeRecipient) and isinstance(p.kind, DeclaredKind)
            )
        for kind, span in parties:
            if kind.name not in known:
                builtin = builtin_en if kind.name.isascii() else builtin_zh
                guess = did_you_mean(kind.name, declared) or did_you_mean(kind.name, builtin)
                c.add(
                    "ref/unknown-kind",
                    c.narrow(span, kind.name),
                    hint="did-you-mean" if guess else None,
                    guess=guess,
                    name=kind.name,
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
