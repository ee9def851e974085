# SPDX-License-Identifier: MIT
"""Every schedule form against a plain day-by-day reference implementation.

The reference below is written independently of :mod:`xzjd.periods`: it walks every
day from 2003 to 2026, asks of each day whether the rule's wording makes it a nominal deadline
("the last day of an even month", "the 31st or, in a shorter month, its last day"), keeps the
deadlines allowed by ``effective`` and ``from``/``until``, builds the windows one after the
other, labels them by counting deadlines within the year, and moves deadlines over rest days
one day at a time, asking only ``is_working_day`` of the built-in ``cn`` calendar. (The
chinese-calendar package agrees with ``cn`` on every day of 2004-2026 but one: it marks Saturday
2005-12-31 as a rest day, while the 2006 notice, 国办发明电〔2005〕35号, says "12月31日（星期六）
上班"; so the walk uses ``cn``'s day types, not its arithmetic.)
Hypothesis then draws schedules, rulesets and date ranges, and ``between``, ``containing``,
``by_label`` and ``for_events`` must agree with the reference.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xzjd.calendar import Calendar, builtin
from xzjd.model import (
    AfterEvent,
    Chained,
    During,
    EachMonth,
    HalfYearly,
    MonthDay,
    MonthParity,
    Obligation,
    Once,
    Parity,
    Quarterly,
    RestDayPolicy,
    Ruleset,
    Schedule,
    Unit,
    Yearly,
)
from xzjd.periods import compile_schedule, explain_period

pytestmark = pytest.mark.slow  # hypothesis against a day-by-day reference: ~15 s

ONE = dt.timedelta(days=1)
WALK_FIRST = dt.date(2003, 1, 1)
WALK_LAST = dt.date(2026, 12, 31)
# Queries end by mid-2025, so every period whose window has opened by then has its nominal
# deadline (at most about 13 months later) inside the walk and the calendar data.
QUERY_FIRST = dt.date(2004, 1, 1)
QUERY_LAST = dt.date(2025, 6, 30)

Ref = tuple[str, dt.date, dt.date, dt.date]  # label, opens, nominal, due


@cache
def cn() -> Calendar:
    return builtin("cn")


def all_days() -> Iterator[dt.date]:
    d = WALK_FIRST
    while d <= WALK_LAST:
        yield d
        d += ONE


def is_last_of_month(d: dt.date) -> bool:
    return (d + ONE).month != d.month


def is_day_or_month_end(d: dt.date, day: int | None) -> bool:
    """Is ``d`` "day ``day`` of its month, or the month's last day when it has no such day"?"""
    if day is None:
        return is_last_of_month(d)
    return d.day == day or (is_last_of_month(d) and day > d.day)


def ref_roll(d: dt.date) -> dt.date:
    while not cn().is_working_day(d):
        d += ONE
    return d


def ref_deadlines(schedule: Schedule, others: dict[str, Obligation], eff: dt.date) -> list[dt.date]:
    """All nominal deadlines of the rule in the walk, before any bound."""
    out: list[dt.date] = []
    if isinstance(schedule, Chained):
        source_months: set[tuple[int, int]] = set()
        for name in schedule.after:
            source = others[name].schedule
            assert source is not None
            for s in ref_bounded(source, others, eff):
                source_months.add((s.year, s.month))
        for d in all_days():
            before = d.replace(day=1) - ONE
            if is_day_or_month_end(d, schedule.day) and (before.year, before.month) in (
                source_months
            ):
                out.append(d)
        return out
    for d in all_days():
        if isinstance(schedule, EachMonth):
            hit = is_day_or_month_end(d, schedule.day)
        elif isinstance(schedule, MonthParity):
            want = 0 if schedule.parity is Parity.EVEN else 1
            hit = is_last_of_month(d) and d.month % 2 == want
        elif isinstance(schedule, Quarterly):
            hit = is_last_of_month(d) and d.month in (3, 6, 9, 12)
        elif isinstance(schedule, HalfYearly):
            hit = is_last_of_month(d) and d.month in (6, 12)
        elif isinstance(schedule, Yearly):
            hit = any(
                md.month == d.month and is_day_or_month_end(d, md.day) for md in schedule.dates
            )
        elif isinstance(schedule, Once):
            year = eff.year if schedule.year is None else schedule.year
            hit = d.year == year and d.month == schedule.month
            hit = hit and is_day_or_month_end(d, schedule.day)
        elif isinstance(schedule, During):
            year = eff.year if schedule.year is None else schedule.year
            hit = d.year == year and d.month == schedule.month and is_last_of_month(d)
        else:  # pragma: no cover
            raise AssertionError(schedule)
        if hit:
            out.append(d)
    return out


def years_of(schedule: Schedule) -> tuple[int | None, int | None]:
    if isinstance(schedule, Once | During | AfterEvent):
        return None, None
    return schedule.from_year, schedule.until_year


def ref_bounded(schedule: Schedule, others: dict[str, Obligation], eff: dt.date) -> list[dt.date]:
    start = ref_start(schedule, eff)
    _, until = years_of(schedule)
    return [
        n
        for n in ref_deadlines(schedule, others, eff)
        if n >= start and (until is None or n.year <= until)
    ]


def ref_start(schedule: Schedule, eff: dt.date) -> dt.date:
    from_year, _ = years_of(schedule)
    return eff if from_year is None else max(eff, dt.date(from_year, 1, 1))


def ref_label(schedule: Schedule, n: dt.date, same_year: list[dt.date]) -> str:
    """Label by counting the rule's deadlines within the year (1-based position)."""
    position = same_year.index(n) + 1
    if isinstance(schedule, Once | During):
        return "once"
    if isinstance(schedule, Yearly) and len({(md.month, md.day) for md in schedule.dates}) == 1:
        return str(n.year)
    if isinstance(schedule, MonthParity):
        return f"{n.year}-B{position}"
    if isinstance(schedule, Quarterly):
        return f"{n.year}-Q{position}"
    if isinstance(schedule, HalfYearly):
        return f"{n.year}-H{position}"
    return f"{n.year}-{n.month:02d}"


def ref_periods(
    schedule: Schedule, others: dict[str, Obligation], eff: dt.date, policy: RestDayPolicy
) -> list[Ref]:
    unbounded = ref_deadlines(schedule, others, eff)
    kept = ref_bounded(schedule, others, eff)
    out: list[Ref] = []
    opens = ref_start(schedule, eff)
    for n in kept:
        if isinstance(schedule, During):
            opens = n.replace(day=1)
        same_year = [u for u in unbounded if u.year == n.year]
        moves = policy is RestDayPolicy.MOVE and not isinstance(schedule, During)
        due = ref_roll(n) if moves else n
        out.append((ref_label(schedule, n, same_year), opens, n, due))
        opens = n + ONE
    return out


# --------------------------------------------------------------------------- strategies

years = st.integers(2004, 2024)
month_days = st.builds(MonthDay, st.integers(1, 12), st.one_of(st.none(), st.integers(1, 31)))


@st.composite
def bounds(draw: st.DrawFn) -> dict[str, int | None]:
    from_year = draw(st.one_of(st.none(), years))
    until_year = draw(st.one_of(st.none(), st.integers(from_year or 2004, 2025)))
    return {"from_year": from_year, "until_year": until_year}


def recurring() -> st.SearchStrategy[Schedule]:
    return st.one_of(
        st.builds(
            lambda b, d: EachMonth(day=d, **b), bounds(), st.one_of(st.none(), st.integers(1, 31))
        ),
        st.builds(lambda b, p: MonthParity(parity=p, **b), bounds(), st.sampled_from(Parity)),
        st.builds(lambda b: Quarterly(**b), bounds()),
        st.builds(lambda b: HalfYearly(**b), bounds()),
        st.builds(
            lambda b, ds: Yearly(dates=tuple(ds), **b),
            bounds(),
            st.lists(month_days, min_size=1, max_size=3, unique_by=lambda md: md.month),
        ),
    )


one_off: st.SearchStrategy[Schedule] = st.one_of(
    st.builds(
        lambda y, m, d: Once(year=y, month=m, day=d),
        st.one_of(st.none(), years),
        st.integers(1, 12),
        st.one_of(st.none(), st.integers(1, 31)),
    ),
    st.builds(
        lambda y, m: During(year=y, month=m), st.one_of(st.none(), years), st.integers(1, 12)
    ),
)


@st.composite
def rulesets(draw: st.DrawFn) -> tuple[Ruleset, Obligation]:
    eff = draw(st.dates(dt.date(2004, 1, 1), dt.date(2024, 12, 31)))
    policy = draw(st.sampled_from(RestDayPolicy))
    kind = draw(st.sampled_from(["recurring", "one-off", "chained", "nested"]))
    others: list[Obligation] = []
    if kind == "recurring":
        schedule = draw(recurring())
    elif kind == "one-off":
        schedule = draw(one_off)
    else:
        sources = draw(st.lists(st.one_of(recurring(), one_off), min_size=1, max_size=2))
        others = [Obligation(id=f"s{i}", schedule=s) for i, s in enumerate(sources)]
        after = tuple(o.id for o in others)
        if kind == "nested":
            others.append(
                Obligation(id="inner", schedule=Chained(after=after, day=draw(st.integers(1, 31))))
            )
            after = ("inner",)
        b = draw(bounds())
        schedule = Chained(after=after, day=draw(st.integers(1, 31)), **b)
    duty = Obligation(id="duty", schedule=schedule)
    return Ruleset(effective=eff, rest_days=policy, obligations=(duty, *others)), duty


query_dates = st.dates(QUERY_FIRST, QUERY_LAST)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def as_ref(p: object) -> Ref:
    return (p.label, p.opens, p.nominal_due, p.due)  # type: ignore[attr-defined]


class TestAgainstReference:
    """The closed-form unroller agrees with a day-by-day walk."""

    @SETTINGS
    @given(rulesets(), query_dates, query_dates)
    def test_between_containing_by_label(
        self, rs_duty: tuple[Ruleset, Obligation], a: dt.date, b: dt.date
    ) -> None:
        """between, containing and by_label agree with the reference on random ranges."""
        rs, duty = rs_duty
        assert duty.schedule is not None and rs.effective is not None
        a, b = min(a, b), max(a, b)
        others = {o.id: o for o in rs.obligations}
        ref = ref_periods(duty.schedule, others, rs.effective, rs.rest_days)
        u = compile_schedule(rs, duty, cn())

        want = [r for r in ref if r[1] <= b and r[2] >= a]
        assert [as_ref(p) for p in u.between(a, b)] == want

        for d in (a, b):
            holding = [r for r in ref if r[1] <= d <= r[2]]
            got = u.containing(d)
            assert (None if got is None else as_ref(got)) == (holding[0] if holding else None)

        for r in want:
            got = u.by_label(r[0])
            assert got is not None and as_ref(got) == r
            # The explanation starts from the nominal deadline and ends on the deadline.
            steps = explain_period(u, got)
            for lang in ("en", "zh"):
                lines = steps.lines(lang)
                assert str(got.nominal_due) in lines[0]
                assert str(got.due) in lines[-1]
        # A label of a month with no period finds nothing.
        labels = {r[0] for r in ref}
        for probe in (f"{a.year}-{a.month:02d}", str(a.year), f"{a.year}-B1", f"{a.year}-Q2"):
            if probe not in labels:
                assert u.by_label(probe) is None

    @SETTINGS
    @given(
        st.dates(dt.date(2004, 1, 1), dt.date(2024, 12, 31)),
        st.lists(st.dates(dt.date(2004, 1, 1), dt.date(2025, 6, 30)), max_size=5),
        st.sampled_from(Unit),
        st.integers(1, 60),
        st.sampled_from(RestDayPolicy),
    )
    def test_events(
        self,
        eff: dt.date,
        days: list[dt.date],
        unit: Unit,
        count: int,
        policy: RestDayPolicy,
    ) -> None:
        """for_events agrees with counting days, working days or months one at a time."""
        if unit is Unit.MONTHS:
            count = count % 12 + 1
        duty = Obligation(id="duty", schedule=AfterEvent(event="finding", count=count, unit=unit))
        rs = Ruleset(effective=eff, rest_days=policy, obligations=(duty,))
        events = [(f"e{i}", d) for i, d in enumerate(days)]
        want: list[tuple[dt.date, dt.date, str, dt.date, dt.date]] = []
        for event_id, day in events:
            if unit is Unit.DAYS:
                n = day
                for _ in range(count):
                    n += ONE
            elif unit is Unit.WORKING_DAYS:
                n, left = day, count
                while left:
                    n += ONE
                    if cn().is_working_day(n):
                        left -= 1
            else:
                y, m = day.year, day.month
                for _ in range(count):
                    y, m = (y + 1, 1) if m == 12 else (y, m + 1)
                n = dt.date(y, m, 1)
                while n.month == m and n.day < day.day and (n + ONE).month == m:
                    n += ONE
            if n < eff:
                continue
            due = ref_roll(n) if policy is RestDayPolicy.MOVE else n
            want.append((n, day, event_id, n, due))
        want.sort()
        got = compile_schedule(rs, duty, cn()).for_events(events)
        assert [(p.label, p.opens, p.nominal_due, p.due) for p in got] == [
            (w[2], w[1], w[3], w[4]) for w in want
        ]
