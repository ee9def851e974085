# SPDX-License-Identifier: MIT
"""An evaluation cut into partitions by region, for an engine that runs them apart (Dask,
Spark), with a result equal row for row to :func:`~xzjd.engine.evaluate`'s (docs/scaling.md).

A :class:`Partition` is plain data that pickles: a region key (the region path cut to
*depth* levels), the agencies it reports, the ``context`` (agencies outside it that their
recipients can resolve to: the key's parent region, agencies named by the rules or by its
filings; evaluated, never reported), its agencies' filings and events.
:func:`evaluate_partition` is a pure function of the rules, one partition and the date;
:meth:`Partitioning.merge` gives :func:`~xzjd.engine.evaluate`'s order and warnings: the
run-wide ones worked out once, each agency's in agency order, the filings of obligations
not owed by first filing, one provisional warning. With several rulesets the warnings are
the same but placed partition by partition. Bad input raises the single run's error
(:func:`check_inputs` over all the inputs when a partition fails).
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence

import attrs

from xzjd.engine.diagnostics import cell_diag, provisional_warning
from xzjd.engine.evaluator import Evaluator, Rules, iter_evaluate
from xzjd.engine.records import ProvisionalYearError, Status, Statuses
from xzjd.errors import Diagnostic, InputError
from xzjd.facts.agencies import Agency, Registry, bearer_matches
from xzjd.facts.tables import Event, Filing
from xzjd.language import CheckedRuleset, Rulesets, check
from xzjd.messages import code_of
from xzjd.model import AgencyRecipient, Ruleset
from xzjd.periods import CalendarLike

__all__ = [
    "HEAD_CODES",
    "Partition",
    "PartitionResult",
    "Partitioning",
    "Runner",
    "check_inputs",
    "evaluate_partition",
    "evaluate_partitioned",
    "partitions",
]

#: The codes of the warnings that are worked out over all the inputs at once: a partition's
#: own warnings of these codes are dropped (:meth:`Partitioning.head_warnings` gives them).
HEAD_CODES = frozenset(
    {"event/unused", "event/never-happens", "input/after-on", "bearer/unknown-agency"}
)
_PROVISIONAL = "calendar/provisional"
# The code of the warnings for filings that count for nothing; after the last agency, only
# those of obligations their agency does not owe are given.
_NO_PERIOD = code_of("filing/no-period#not-owed")

# The place of a warning in the merged list: (group, agency, position in the input).
# Group 1: an agency's warnings; 2: filings of an obligation not owed; 3: warnings placed
# partition by partition (several rulesets).
WarningKey = tuple[int, str, int]

_agency_of = operator.itemgetter(0)

#: How an engine runs a function over the partitions: ``run(function, partitions)`` gives
#: the results in the order of the partitions (the builtin :func:`map` does).
Runner = Callable[
    [Callable[["Partition"], "PartitionResult"], Sequence["Partition"]],
    Iterable["PartitionResult"],
]


@attrs.frozen
class Partition:
    """What the agencies of one region need to be evaluated apart (see the module doc).

    Attributes:
        key: the region key, the agencies' region path cut to the partition depth.
        agencies: the agencies it reports, in the registry's order.
        context: the agencies outside it that its recipients can resolve to; evaluated
            but not reported.
        filings: its agencies' filings, in input order.
        positions: each filing's position in the input (to order warnings across
            partitions).
        events: its agencies' events, in input order.
        file: the agencies file's name (what a warning about an agency names).
    """

    key: tuple[str, ...]
    agencies: tuple[Agency, ...]
    context: tuple[Agency, ...]
    filings: tuple[Filing, ...]
    positions: tuple[int, ...]
    events: tuple[Event, ...]
    file: str = "<string>"

    def registry(self) -> Registry:
        """The partition's registry: its agencies and its context."""
        return Registry((*self.context, *self.agencies), file=self.file)


@attrs.frozen
class PartitionResult:
    """The records of one partition's agencies, and its warnings with their places.

    ``rows`` are :class:`~xzjd.engine.records.Status` tuples (plain values: strings,
    dates, enums, tuples) sorted by agency, obligation, deadline. ``withheld`` and
    ``errors`` are the records a strict run (``provisional=False``) set aside, with one error
    each.
    """

    key: tuple[str, ...]
    rows: tuple[Status, ...]
    warnings: tuple[tuple[WarningKey, Diagnostic], ...]
    withheld: tuple[Status, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    calendar: str = "cn"


def _rulesets(rules: Rules) -> list[Ruleset]:
    if isinstance(rules, Ruleset):
        return [rules]
    if isinstance(rules, CheckedRuleset):
        return [rules.ruleset]
    return [r if isinstance(r, Ruleset) else r.ruleset for r in rules]


def _named_ids(rules: Rules) -> set[str]:
    """The agency ids the rules name as recipients."""
    return {
        r.agency
        for ruleset in _rulesets(rules)
        for o in ruleset.obligations
        if o.action is not None
        for r in o.action.recipients
        if isinstance(r, AgencyRecipient)
    }


def check_inputs(
    rules: Rules,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing],
    events: Iterable[Event],
    calendar: CalendarLike | None = None,
) -> None:
    """Check every input as :func:`~xzjd.engine.evaluate` does before evaluating.

    Raises:
        CheckError, InputError: what the single run raises for these inputs.
    """
    Evaluator(rules, agencies, filings, events=events, calendar=calendar)


def _unknown_agencies(
    registry: Registry, filings: Sequence[Filing], events: Sequence[Event]
) -> list[Diagnostic]:
    """``input/unknown-agency`` for every filing or event naming an agency that is not there."""
    ids = registry.ids
    found: list[Diagnostic] = []
    for e in events:
        if e.agency not in ids:
            found.append(_unknown(registry, e, "agency", e.agency))
    for f in filings:
        if f.agency not in ids:
            found.append(_unknown(registry, f, "agency", f.agency))
        if f.recipient is not None and f.recipient not in ids:
            found.append(_unknown(registry, f, "recipient", f.recipient))
    return found


def _unknown(registry: Registry, item: Filing | Event, column: str, value: str) -> Diagnostic:
    guess = registry.suggest(value)
    return cell_diag(
        item,
        column,
        "input/unknown-agency",
        hint="did-you-mean-id" if guess else None,
        guess=guess,
        value=value,
    )


@attrs.frozen
class Partitioning:
    """The partitions of one set of inputs, and what puts their results back together.

    Made by :func:`partitions`; iterating gives the :class:`Partition` objects, sorted by
    key. The object itself stays with the caller (it holds every input); only the
    partitions travel.
    """

    rules: Rules
    registry: Registry
    filings: tuple[Filing, ...]
    events: tuple[Event, ...]
    parts: tuple[Partition, ...]
    calendar: CalendarLike | None

    def __iter__(self) -> Iterator[Partition]:
        return iter(self.parts)

    def __len__(self) -> int:
        return len(self.parts)

    def head_warnings(self, on: dt.date, since: dt.date | None = None) -> tuple[Diagnostic, ...]:
        """The run-wide warnings on *on* (:data:`HEAD_CODES`), in the single run's order.

        Worked out by evaluating no agency over every event, the filings dated after *on*
        and the whole registry: what the single run says before its first agency.
        """
        late = [f for f in self.filings if f.filed_on > on]
        evaluator = Evaluator(
            self.rules, self.registry, late, events=self.events, calendar=self.calendar
        )
        # No agency id is empty: nothing is evaluated, only the run-wide checks are made.
        return evaluator.on(on, since=since, agency="").warnings

    def merge(
        self, results: Iterable[PartitionResult], *, on: dt.date, since: dt.date | None = None
    ) -> Statuses:
        """The partitions' results as :func:`~xzjd.engine.evaluate` gives them on *on*.

        Raises:
            ProvisionalYearError: a strict run (``provisional=False``) withheld records.
        """
        done = list(results)
        out = Statuses(heapq.merge(*(r.rows for r in done), key=_agency_of))
        keyed = [(key, n, w) for n, r in enumerate(done) for key, w in r.warnings]
        keyed.sort(key=lambda item: (item[0], item[1]))
        merged = [*self.head_warnings(on, since)]
        placed = [w for _, _, w in keyed]
        if any(key[0] == 3 for key, _, _ in keyed):
            placed = list(dict.fromkeys(placed))  # the same provisional warning, say
        merged += placed
        rulesets = _rulesets(self.rules)
        strict = any(r.withheld for r in done)
        if len(rulesets) == 1 and not strict:
            years = sorted({y for s in out for y in s.provisional_years})
            if years:
                merged.append(provisional_warning(rulesets[0], years))
        out.warnings = tuple(merged)
        if strict:
            pairs = heapq.merge(
                *(zip(r.withheld, r.errors, strict=True) for r in done),
                key=lambda pair: pair[0].agency,
            )
            withheld, errors = zip(*pairs, strict=True)
            raise ProvisionalYearError(
                out, withheld, errors, calendar=next(r.calendar for r in done if r.withheld)
            )
        return out


def partitions(
    rules: Rules,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing] = (),
    events: Iterable[Event] = (),
    *,
    depth: int = 2,
    calendar: CalendarLike | None = None,
) -> Partitioning:
    """Cut the inputs into partitions by region: the first *depth* levels of the region path.

    ``depth=2`` makes one partition per prefecture (with its counties) and one per province
    for the provincial agencies; ``depth=0`` one partition of everything.

    Raises:
        ValueError: *depth* is negative.
        InputError: a filing or event names an agency that does not exist (the single run's
            error, with every other problem of the inputs).
    """
    if depth < 0:
        raise ValueError(f"the partition depth must be 0 or more, not {depth}")
    registry = agencies if isinstance(agencies, Registry) else Registry(agencies)
    filings = filings if isinstance(filings, tuple) else tuple(filings)
    events = tuple(events)
    unknown = _unknown_agencies(registry, filings, events)
    if unknown:
        check_inputs(rules, registry, filings, events, calendar)
        raise InputError(unknown)
    key_of: dict[str, tuple[str, ...]] = {}
    members: dict[tuple[str, ...], list[Agency]] = {}
    at_region: dict[tuple[str, ...], list[Agency]] = {}
    for a in registry:
        key = key_of[a.id] = a.region[:depth]
        members.setdefault(key, []).append(a)
        at_region.setdefault(a.region, []).append(a)
    ids = registry.ids
    named = [ids[i] for i in sorted(_named_ids(rules)) if i in ids]
    filed: dict[tuple[str, ...], list[int]] = {key: [] for key in members}
    for n, f in enumerate(filings):
        filed[key_of[f.agency]].append(n)
    happened: dict[tuple[str, ...], list[Event]] = {key: [] for key in members}
    for e in events:
        happened[key_of[e.agency]].append(e)
    parts = []
    for key in sorted(members):
        mine = members[key]
        own = {a.id for a in mine}
        positions = tuple(filed[key])
        theirs = tuple(filings[n] for n in positions)
        outside: dict[str, Agency] = {}
        for a in itertools.chain(at_region.get(key[:-1], []) if key else [], named):
            outside.setdefault(a.id, a)
        for f in theirs:
            r = f.recipient
            if r is not None and r not in outside:
                outside[r] = ids[r]
        context = tuple(a for i, a in outside.items() if i not in own)
        parts.append(
            Partition(
                key=key,
                agencies=tuple(mine),
                context=context,
                filings=theirs,
                positions=positions,
                events=tuple(happened[key]),
                file=registry.file,
            )
        )
    return Partitioning(rules, registry, filings, events, tuple(parts), calendar)


def _owing(rules: Rules, registry: Registry) -> list[str] | None:
    """The ids of the agencies that owe any obligation, sorted: those the single run
    evaluates one after the other. ``None`` for several rulesets."""
    rulesets = _rulesets(rules)
    if len(rulesets) != 1:
        return None
    bearers = [b for o in rulesets[0].obligations for b in o.bearers]
    return sorted(a.id for a in registry if any(bearer_matches(a, b) for b in bearers))


def _strays(rules: Rules, partition: Partition, on: dt.date) -> list[tuple[int, int]]:
    """For the filings of obligations their agency does not owe (one warning each), the
    input position of their pair's first filing and their count, pair by pair in the order
    the single run warns of them."""
    (ruleset,) = _rulesets(rules)
    obligations = {o.id: o for o in ruleset.obligations}
    owes: dict[tuple[str, str], bool] = {}
    agencies = {a.id: a for a in partition.agencies}
    first: dict[tuple[str, str], int] = {}
    count: dict[tuple[str, str], int] = {}
    for f, n in zip(partition.filings, partition.positions, strict=True):
        pair = (f.agency, f.obligation)
        owed = owes.get(pair)
        if owed is None:
            o = obligations.get(f.obligation)
            a = agencies[f.agency]
            owed = owes[pair] = o is None or any(bearer_matches(a, b) for b in o.bearers)
        if owed:
            continue
        first.setdefault(pair, n)
        if f.filed_on <= on:
            count[pair] = count.get(pair, 0) + 1
    return [(n, count[pair]) for pair, n in first.items() if pair in count]


def evaluate_partition(
    rules: Rules,
    partition: Partition,
    *,
    on: dt.date,
    since: dt.date | None = None,
    calendar: CalendarLike | None = None,
    provisional: bool = True,
) -> PartitionResult:
    """The records and warnings of *partition*'s agencies on *on*: a pure function of its
    arguments, to run wherever the engine puts it. The arguments are :func:`evaluate`'s.

    Raises:
        what :func:`~xzjd.engine.evaluate` raises for the partition's inputs.
    """
    registry = partition.registry()
    reported = frozenset(a.id for a in partition.agencies)
    marks: list[int] = []
    streams: list[Callable[[], int]] = []

    def tick(done: int, total: int) -> None:
        # The warnings so far: those of the agencies done, in the order they were done.
        marks.append(streams[0]())

    stream = iter_evaluate(
        rules,
        registry,
        partition.filings,
        on=on,
        events=partition.events,
        since=since,
        calendar=calendar,
        progress=tick,
        provisional=provisional,
    )
    streams.append(lambda: len(stream.warnings))
    rows: list[Status] = []
    withheld: tuple[Status, ...] = ()
    errors: tuple[Diagnostic, ...] = ()
    calendar_name = "cn"
    try:
        rows.extend(s for s in stream if s.agency in reported)
    except ProvisionalYearError as exc:
        kept = [(s, d) for s, d in zip(exc.withheld, exc.diagnostics, strict=True)]
        kept = [(s, d) for s, d in kept if s.agency in reported]
        withheld = tuple(s for s, _ in kept)
        errors = tuple(d for _, d in kept)
        calendar_name = exc.calendar
    warnings = _placed(rules, partition, registry, on, stream.warnings, marks)
    return PartitionResult(partition.key, tuple(rows), warnings, withheld, errors, calendar_name)


def _placed(
    rules: Rules,
    partition: Partition,
    registry: Registry,
    on: dt.date,
    warnings: Sequence[Diagnostic],
    marks: Sequence[int],
) -> tuple[tuple[WarningKey, Diagnostic], ...]:
    """The partition's warnings with their places in the merged list (see the module doc).

    *marks* holds the number of warnings after each agency the partition evaluated.
    """
    reported = frozenset(a.id for a in partition.agencies)
    target = _owing(rules, registry)
    if target is None or len(target) != len(marks):
        return tuple(
            ((3, "", 0), w) for w in warnings if w.code not in HEAD_CODES
        )  # several rulesets: partition by partition
    out: list[tuple[WarningKey, Diagnostic]] = []
    start = 0
    for agency, end in zip(target, marks, strict=True):
        if agency in reported:
            out.extend(((1, agency, 0), w) for w in warnings[start:end] if w.code not in HEAD_CODES)
        start = end
    tail = [w for w in warnings[start:] if w.code != _PROVISIONAL]
    places = [n for n, count in _strays(rules, partition, on) for _ in range(count)]
    if len(places) != len(tail) or any(w.code != _NO_PERIOD for w in tail):
        out.extend(((3, "", 0), w) for w in tail)
    else:
        out.extend(((2, "", n), w) for n, w in zip(places, tail, strict=True))
    return tuple(out)


def evaluate_partitioned(
    rules: Rules,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing] = (),
    *,
    on: dt.date,
    events: Iterable[Event] = (),
    since: dt.date | None = None,
    calendar: CalendarLike | None = None,
    provisional: bool = True,
    depth: int = 2,
    run: Runner | None = None,
) -> Statuses:
    """:func:`~xzjd.engine.evaluate` by partitions: what it returns, worked out region by
    region. *run* maps a function over the partitions (default: one after the other, here);
    an engine's adapter gives its own (:mod:`xzjd.dask`).

    Raises:
        what :func:`~xzjd.engine.evaluate` raises for these inputs.
    """
    checked = check(rules) if isinstance(rules, Ruleset) else rules
    if not isinstance(checked, (CheckedRuleset, Rulesets)):
        checked = Rulesets(checked)
    cut = partitions(checked, agencies, filings, events, depth=depth, calendar=calendar)
    job = _Job(checked, on, since, calendar, provisional)
    mapped = map if run is None else run
    try:
        results = list(mapped(job, cut.parts))
    except InputError:
        check_inputs(checked, cut.registry, cut.filings, cut.events, calendar)
        raise
    return cut.merge(results, on=on, since=since)


@attrs.frozen
class _Job:
    """:func:`evaluate_partition` with every argument but the partition (it pickles)."""

    rules: Rules
    on: dt.date
    since: dt.date | None
    calendar: CalendarLike | None
    provisional: bool

    def __call__(self, partition: Partition) -> PartitionResult:
        return evaluate_partition(
            self.rules,
            partition,
            on=self.on,
            since=self.since,
            calendar=self.calendar,
            provisional=self.provisional,
        )
