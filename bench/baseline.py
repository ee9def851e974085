# SPDX-License-Identifier: MIT
"""The hand-written baseline: what a developer would write without thinking about speed.

It implements the evaluation semantics of the language brief (section 4) the simple way:
for every agency and every obligation it bears, enumerate the deadlines from the day the
rules took effect with :mod:`dateutil.rrule`, build the periods, hand the agency's filings
for that obligation to the periods one by one, and work out each period's state. Nothing is
shared between agencies: every agency recomputes its schedules and every deadline is moved
off rest days again.

Two fair choices keep it from being a straw man: filings are grouped by agency and
obligation in a dictionary (nobody scans the whole filings list per agency), and same-level
and upper-level recipients are found through a dictionary keyed by region and kind.

It reads the model objects of :mod:`xzjd.model` (a parsed ruleset) but none of the
evaluator's code, and takes the calendar from the ``chinese_calendar`` package, so it is also
an independent cross-check of ``xzjd.evaluate``.
"""

from __future__ import annotations

import calendar as _stdcal
import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import chinese_calendar  # type: ignore[import-untyped]
from dateutil import rrule

from xzjd import model as m

__all__ = [
    "Agency",
    "Calendar",
    "Event",
    "Filing",
    "Record",
    "evaluate",
    "periods",
    "read_agencies",
    "read_events",
    "read_filings",
]

# --------------------------------------------------------------------------- input rows

_KINDS = {
    "administrative organ": "administrative organ",
    "行政机关": "administrative organ",
    "supervisory organ": "supervisory organ",
    "行政监察机关": "supervisory organ",
    "监察机关": "supervisory organ",
    "audit organ": "audit organ",
    "审计机关": "audit organ",
    "government": "government",
    "人民政府": "government",
    "department": "department",
    "部门": "department",
}
_LEVELS = {
    "provincial": "provincial",
    "省": "provincial",
    "prefecture": "prefecture",
    "州(市)": "prefecture",
    "市": "prefecture",
    "county": "county",
    "县": "county",
    "township": "township",
    "乡": "township",
}


@dataclass(frozen=True)
class Agency:
    """One row of the agencies file."""

    id: str
    name: str
    kind: str
    level: str
    region: str
    tags: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Filing:
    """One row of the filings file; ``status`` defaults to ``accepted``."""

    id: str
    agency: str
    obligation: str
    filed_on: dt.date
    period: str | None = None
    recipient: str | None = None
    status: str = "accepted"


@dataclass(frozen=True)
class Event:
    """One row of the events file."""

    id: str
    agency: str
    event: str
    date: dt.date


def _rows(path: str | Path) -> Iterable[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        yield from csv.DictReader(fh)


def read_agencies(path: str | Path) -> list[Agency]:
    """Read an agencies CSV (``id,name,kind,level,region,tags``)."""
    return [
        Agency(
            id=r["id"],
            name=r["name"],
            kind=_KINDS[r["kind"].strip()],
            level=_LEVELS[r["level"].strip()],
            region=r["region"],
            tags=frozenset(t for t in (r.get("tags") or "").split(";") if t),
        )
        for r in _rows(path)
    ]


def read_filings(path: str | Path) -> list[Filing]:
    """Read a filings CSV (``id,agency,obligation,filed_on,period,recipient,status``)."""
    return [
        Filing(
            id=r["id"],
            agency=r["agency"],
            obligation=r["obligation"],
            filed_on=dt.date.fromisoformat(r["filed_on"]),
            period=r.get("period") or None,
            recipient=r.get("recipient") or None,
            status=r.get("status") or "accepted",
        )
        for r in _rows(path)
    ]


def read_events(path: str | Path) -> list[Event]:
    """Read an events CSV (``id,agency,event,date``)."""
    return [
        Event(r["id"], r["agency"], r["event"], dt.date.fromisoformat(r["date"]))
        for r in _rows(path)
    ]


# --------------------------------------------------------------------------- calendar


class Calendar:
    """Working days: ``chinese_calendar`` for ``cn``, plus a ruleset's declared days."""

    def __init__(self, ruleset: m.Ruleset) -> None:
        declared = {c.name: c for c in ruleset.calendars}
        self.rest: set[dt.date] = set()
        self.work: set[dt.date] = set()
        self.years: set[int] = set()
        self.cn = False
        name: str | None = ruleset.calendar
        seen: set[str] = set()
        while name is not None and name not in seen:
            seen.add(name)
            if name == "cn":
                self.cn = True
                break
            decl = declared[name]
            for r in decl.rest:
                day = r.first
                while day <= r.last:
                    # Days of a base calendar are overridden by the calendar built on it.
                    if day not in self.work:
                        self.rest.add(day)
                    self.years.add(day.year)
                    day += dt.timedelta(days=1)
            for day in decl.work:
                if day not in self.rest:
                    self.work.add(day)
                self.years.add(day.year)
            name = decl.base

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` is a working day; ``ValueError`` for a year without data."""
        if day in self.work:
            return True
        if day in self.rest:
            return False
        if self.cn:
            try:
                return bool(chinese_calendar.is_workday(day))
            except NotImplementedError:
                pass
        if day.year in self.years:
            return day.weekday() < 5
        raise ValueError(f"no calendar data for {day.year}")

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day after ``day`` (``n < 0``: before it)."""
        step = dt.timedelta(days=1 if n >= 0 else -1)
        left = abs(n)
        while left:
            day += step
            if self.is_working_day(day):
                left -= 1
        return day


# --------------------------------------------------------------------------- periods


@dataclass
class Period:
    """One period of one obligation for one agency, with the filings it received."""

    label: str
    opens: dt.date
    nominal: dt.date
    due: dt.date
    closes: dt.date | None = None  # a `during` window: filings after this day do not count
    filings: list[str] = field(default_factory=list)
    received: dict[str | None, dt.date] = field(default_factory=dict)
    waived: bool = False


def _last_day(year: int, month: int) -> int:
    return _stdcal.monthrange(year, month)[1]


def _day(year: int, month: int, day: int | None) -> dt.date:
    last = _last_day(year, month)
    return dt.date(year, month, last if day is None else min(day, last))


#: An rrule frequency, ``rrule.YEARLY`` (0) to ``rrule.SECONDLY`` (6).
_Frequency = Literal[0, 1, 2, 3, 4, 5, 6]


def _rule_dates(freq: _Frequency, until: dt.date, start_year: int, **kw: Any) -> list[dt.date]:
    start = dt.datetime(start_year, 1, 1)
    end = dt.datetime(until.year, until.month, until.day)
    return [d.date() for d in rrule.rrule(freq, dtstart=start, until=end, **kw)]


def _nominals(
    schedule: m.Schedule, ruleset: m.Ruleset, horizon: dt.date
) -> list[tuple[str, dt.date]]:
    """Labels and nominal deadlines of a calendar schedule, oldest first, up to ``horizon``."""
    effective = ruleset.effective or dt.date(1, 1, 1)
    first_year = effective.year
    from_year = getattr(schedule, "from_year", None)
    until_year = getattr(schedule, "until_year", None)
    if from_year is not None:
        first_year = max(first_year, from_year)
    out: list[tuple[str, dt.date]] = []
    if isinstance(schedule, m.Once):
        year = schedule.year if schedule.year is not None else effective.year
        out.append(("once", _day(year, schedule.month, schedule.day)))
    elif isinstance(schedule, m.During):
        year = schedule.year if schedule.year is not None else effective.year
        out.append(("once", _day(year, schedule.month, None)))
    elif isinstance(schedule, m.Yearly):
        dates: list[dt.date] = []
        for md in schedule.dates:
            day = -1 if md.day is None else md.day
            dates += _rule_dates(
                rrule.YEARLY, horizon, first_year, bymonth=md.month, bymonthday=day
            )
        dates.sort()
        many = len(schedule.dates) > 1
        out = [(f"{d.year}-{d.month:02d}" if many else f"{d.year}", d) for d in dates]
    elif isinstance(schedule, m.EachMonth):
        ends = _rule_dates(rrule.MONTHLY, horizon, first_year, bymonthday=-1)
        out = [
            (
                f"{d.year}-{d.month:02d}",
                d if schedule.day is None else _day(d.year, d.month, schedule.day),
            )
            for d in ends
        ]
    elif isinstance(schedule, m.MonthParity):
        months = (2, 4, 6, 8, 10, 12) if schedule.parity is m.Parity.EVEN else (1, 3, 5, 7, 9, 11)
        ends = _rule_dates(rrule.MONTHLY, horizon, first_year, bymonth=months, bymonthday=-1)
        out = [(f"{d.year}-B{(d.month + 1) // 2}", d) for d in ends]
    elif isinstance(schedule, m.Quarterly):
        ends = _rule_dates(rrule.MONTHLY, horizon, first_year, bymonth=(3, 6, 9, 12), bymonthday=-1)
        out = [(f"{d.year}-Q{d.month // 3}", d) for d in ends]
    elif isinstance(schedule, m.HalfYearly):
        ends = _rule_dates(rrule.MONTHLY, horizon, first_year, bymonth=(6, 12), bymonthday=-1)
        out = [(f"{d.year}-H{d.month // 6}", d) for d in ends]
    elif isinstance(schedule, m.Chained):
        # Upstream periods run a month past the horizon so the chain reaches it.
        upstream = horizon + dt.timedelta(days=62)
        seen: set[dt.date] = set()
        for ob_id in schedule.after:
            upstream_schedule = ruleset.obligation(ob_id).schedule
            assert upstream_schedule is not None
            for _, nominal in _nominals(upstream_schedule, ruleset, upstream):
                year, month = (
                    (nominal.year + 1, 1)
                    if nominal.month == 12
                    else (
                        nominal.year,
                        nominal.month + 1,
                    )
                )
                seen.add(_day(year, month, schedule.day))
        out = [(f"{d.year}-{d.month:02d}", d) for d in sorted(seen) if d.year >= first_year]
    else:  # pragma: no cover - AfterEvent is handled per agency
        raise TypeError(schedule)
    return [
        (label, d)
        for label, d in out
        if d >= effective and d.year >= first_year and (until_year is None or d.year <= until_year)
    ]


def _event_deadline(schedule: m.AfterEvent, day: dt.date, cal: Calendar) -> dt.date:
    if schedule.unit is m.Unit.DAYS:
        return day + dt.timedelta(days=schedule.count)
    if schedule.unit is m.Unit.WORKING_DAYS:
        return cal.add_working_days(day, schedule.count)
    months = day.month - 1 + schedule.count
    return _day(day.year + months // 12, months % 12 + 1, day.day)


def periods(
    obligation: m.Obligation,
    ruleset: m.Ruleset,
    on: dt.date,
    cal: Calendar,
    events: Sequence[Event] = (),
) -> list[Period]:
    """The periods of ``obligation`` whose window has opened by ``on``, oldest first.

    ``events`` are the agency's events (only those named by an event schedule are used).
    """
    schedule = obligation.schedule
    assert schedule is not None
    effective = ruleset.effective or dt.date(1, 1, 1)
    move = ruleset.rest_days is m.RestDayPolicy.MOVE
    out: list[Period] = []
    if isinstance(schedule, m.AfterEvent):
        for ev in sorted(events, key=lambda e: (e.date, e.id)):
            if ev.event != schedule.event or ev.date > on:
                continue
            nominal = _event_deadline(schedule, ev.date, cal)
            if nominal < effective:
                continue
            due = cal.next_working_day(nominal) if move else nominal
            out.append(Period(ev.id, ev.date, nominal, due))
        return out
    # Every deadline up to the first one on or after `on`: later windows open after `on`.
    horizon = on + dt.timedelta(days=400)
    nominals = _nominals(schedule, ruleset, horizon)
    from_year = getattr(schedule, "from_year", None)
    opens = effective
    if from_year is not None and dt.date(from_year, 1, 1) > opens:
        opens = dt.date(from_year, 1, 1)
    for label, nominal in nominals:
        if isinstance(schedule, m.During):
            first = nominal.replace(day=1)
            if first <= on:
                out.append(Period(label, first, nominal, nominal, closes=nominal))
        elif opens > on:
            break  # this window and all later ones open after `on`
        else:
            due = cal.next_working_day(nominal) if move else nominal
            out.append(Period(label, opens, nominal, due))
        opens = nominal + dt.timedelta(days=1)
    return out


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class Record:
    """One period's state: the same fields as the CLI's JSON output."""

    agency: str
    obligation: str
    period: str
    opens: dt.date
    nominal_due: dt.date
    due: dt.date
    state: str
    days_overdue: int | None
    step: str | None
    recipients: tuple[str, ...]
    filings: tuple[str, ...]
    source: str | None


def _bears(obligation: m.Obligation, agency: Agency) -> bool:
    for b in obligation.bearers:
        if isinstance(b, m.AgencyBearer):
            if b.agency == agency.id:
                return True
            continue
        if b.kind is not m.Kind.ADMINISTRATIVE_ORGAN and b.kind.value != agency.kind:
            continue
        if b.level is not None and b.level.value != agency.level:
            continue
        if b.tag is not None and b.tag not in agency.tags:
            continue
        return True
    return False


def _parent(region: str) -> str | None:
    return region.rsplit("/", 1)[0] if "/" in region else None


def _recipients(
    obligation: m.Obligation,
    agency: Agency,
    by_id: dict[str, Agency],
    by_region_kind: dict[tuple[str, str], list[str]],
    warnings: list[str],
) -> list[str]:
    """Recipient ids in rule order; never the agency itself (it does not file with itself)."""
    out: list[str] = []
    action = obligation.action
    for r in action.recipients if action is not None else ():
        found: list[str] = []
        if isinstance(r, m.AgencyRecipient):
            found = [r.agency] if r.agency in by_id else []
            what = r.agency
        elif isinstance(r, m.RelativeRecipient):
            region = (
                agency.region if r.relation is m.Relation.SAME_LEVEL else _parent(agency.region)
            )
            if region is not None:
                found = sorted(by_region_kind.get((region, r.kind.value), []))
            what = f"{r.relation.value} {r.kind.value}"
        else:
            raise NotImplementedError(f"{obligation.id}: the baseline finds no counterparts")
        if not found:
            warnings.append(f"{agency.id}: {obligation.id}: no {what}")
        for ident in found:
            if ident != agency.id and ident not in out:
                out.append(ident)
    return out


def _state(
    p: Period,
    recipients: list[str],
    on: dt.date,
    ladder: m.Escalation | None,
    cal: Calendar,
) -> tuple[str, int | None, str | None]:
    if p.waived:
        return "waived", None, None
    keys: list[str | None] = list(recipients) if recipients else [None]
    if all(k in p.received for k in keys):
        satisfied = max(p.received[k] for k in keys)
        return ("done" if satisfied <= p.due else "late"), None, None
    if on > p.due:
        step: str | None = None
        reached = dt.date.min
        for s in ladder.steps if ladder is not None else ():
            if s.working:
                trigger = cal.add_working_days(p.due, s.days)
            else:
                trigger = p.due + dt.timedelta(days=s.days)
            if trigger <= on and trigger >= reached:
                reached, step = trigger, s.step.value
        return "overdue", (on - p.due).days, step
    if ladder is not None and ladder.warn is not None:
        w = ladder.warn
        if w.working:
            start = cal.add_working_days(p.due, -w.days)
        else:
            start = p.due - dt.timedelta(days=w.days)
        if on >= start:
            return "warning", None, None
    return "pending", None, None


def _assign(filing: Filing, ps: list[Period], recipients: list[str]) -> None:
    """Give ``filing`` to the period it names, or to the earliest one still missing it."""
    if filing.recipient is not None and filing.recipient not in recipients:
        return
    keys: list[str | None]
    if filing.recipient is not None:
        keys = [filing.recipient]
    else:
        keys = list(recipients) if recipients else [None]
    target: Period | None = None
    for p in ps:
        if filing.period is not None:
            if p.label != filing.period:
                continue
        elif p.opens > filing.filed_on or all(k in p.received for k in keys) or p.waived:
            continue
        if p.closes is not None and not (p.opens <= filing.filed_on <= p.closes):
            continue
        target = p
        break
    if target is None:
        return  # fits no period: the real tool warns on stderr
    target.filings.append(filing.id)
    if filing.status == "accepted":
        for k in keys:
            if k not in target.received:
                target.received[k] = filing.filed_on
    elif filing.status == "waived":
        target.waived = True


def evaluate(
    ruleset: m.Ruleset,
    agencies: Sequence[Agency],
    filings: Sequence[Filing],
    on: dt.date,
    events: Sequence[Event] = (),
    warnings: list[str] | None = None,
) -> list[Record]:
    """Every reported period of every agency on ``on``, sorted by agency, obligation, deadline."""
    cal = Calendar(ruleset)
    warnings = [] if warnings is None else warnings
    by_id = {a.id: a for a in agencies}
    by_region_kind: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in agencies:
        by_region_kind[a.region, a.kind].append(a.id)
    grouped: dict[tuple[str, str], list[Filing]] = defaultdict(list)
    for f in filings:
        if f.filed_on <= on:
            grouped[f.agency, f.obligation].append(f)
    events_of: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        events_of[e.agency].append(e)
    out: list[Record] = []
    for agency in agencies:
        for ob in ruleset.obligations:
            if ob.schedule is None or not _bears(ob, agency):
                continue
            ladder = ruleset.escalation(ob.escalation) if ob.escalation else None
            recipients = _recipients(ob, agency, by_id, by_region_kind, warnings)
            ps = periods(ob, ruleset, on, cal, events_of.get(agency.id, ()))
            mine = sorted(grouped.get((agency.id, ob.id), ()), key=lambda f: f.filed_on)
            for f in mine:
                _assign(f, ps, recipients)
            for p in ps:
                state, days, step = _state(p, recipients, on, ladder, cal)
                out.append(
                    Record(
                        agency=agency.id,
                        obligation=ob.id,
                        period=p.label,
                        opens=p.opens,
                        nominal_due=p.nominal,
                        due=p.due,
                        state=state,
                        days_overdue=days,
                        step=step,
                        recipients=tuple(recipients),
                        filings=tuple(p.filings),
                        source=ob.source,
                    )
                )
    out.sort(key=lambda r: (r.agency, r.obligation, r.due, r.period))
    return out
