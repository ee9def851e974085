# SPDX-License-Identifier: MIT
"""A province-year of licence approvals (办件), deterministic from a seed.

``N`` cases (default 1,000,000) accepted on the working days of 2025 by about 2,000 agencies,
under two event-based obligations of :data:`RULES`:

* ``licence`` (《行政许可法》 art. 42, 45): 20 working days from acceptance, three stages
  (受理 5, 审查 10, 决定 5 working days), hearings, tests and expert review not counted,
  extendable once by 10 working days; about 60% of the cases, 4 rows each (accepted, two
  stage rows, completed);
* ``disclosure`` (《政府信息公开条例》 art. 33): 20 working days, extendable once by 20; about
  40% of the cases, 2 rows each.

Of all cases about 3.5% are paused for a listed reason and resumed 1-10 days later, 1% are
extended once, 0.25% extended twice (the second is beyond the rule: 违规延期), 0.25% paused
for a reason the rule does not list, 0.5% withdrawn; about 5% are completed late, and the
cases accepted in the last weeks of the year are still open on the evaluation date
(:data:`ON`, 2025-12-31), some overdue. The rows of a case are together and in date order.

The pause, extension and stages of the rules are added to the parsed ruleset with
``attrs.evolve`` until the language writes them.

``python -m bench.case_data --cases N --out FILE`` writes the CSV
(``case,agency,obligation,event,date,note``).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import attrs

import xzjd
from xzjd.engine.calendars import calendar_for
from xzjd.facts.cases import Case, CaseRow
from xzjd.language.build_base import seq
from xzjd.model import Extension, Pause, Ruleset, Stage, Stages, Unit

__all__ = ["FIELDS", "ON", "RULES", "Row", "iter_cases", "iter_rows", "ruleset", "write_csv"]

FIELDS = ("case", "agency", "obligation", "event", "date", "note")
ON = dt.date(2025, 12, 31)
YEAR = 2025

RULES = """规则集 "行政许可办件"
生效 2025-01-01
升级 cases：
  截止前1个工作日预警
  逾期1日督促
义务 licence "作出行政许可决定"：
  依据 《行政许可法》第四十二条
  适用于 各部门
  自受理申请之日起二十个工作日内，完成 许可决定
  升级 cases
义务 disclosure "答复政府信息公开申请"：
  依据 《政府信息公开条例》第三十三条
  适用于 各部门
  自收到申请之日起二十个工作日内，完成 答复
  升级 cases
"""

REASONS = ("听证", "检验检测", "专家评审")
ASKED = ("征求第三方意见",)
UNLISTED = "等待领导签字"
STAGES = (("受理", 5), ("审查", 10), ("决定", 5))

Row = tuple[str, str, str, str, dt.date, str | None]


def ruleset() -> Ruleset:
    """:data:`RULES` with the clocks of art. 42 and 45 and art. 33 added."""
    rs = xzjd.loads(RULES)
    licence, disclosure = rs.obligations
    licence = attrs.evolve(
        licence,
        pause=Pause(reasons=seq(REASONS)),
        extension=Extension(count=10, unit=Unit.WORKING_DAYS, times=1, approver="本行政机关负责人"),
        stages=Stages(
            stages=seq(Stage(name=n, count=c, unit=Unit.WORKING_DAYS) for n, c in STAGES)
        ),
    )
    disclosure = attrs.evolve(
        disclosure,
        pause=Pause(reasons=seq(ASKED)),
        extension=Extension(count=20, unit=Unit.WORKING_DAYS, times=1, approver="负责人"),
    )
    return attrs.evolve(rs, obligations=seq((licence, disclosure)))


class _Days:
    """The working days from 2025 to 2026, for moving forward by working days."""

    def __init__(self) -> None:
        calendar = calendar_for(xzjd.loads(RULES))
        first, last = dt.date(YEAR, 1, 1), dt.date(YEAR + 1, 12, 31)
        self.days = [
            first + dt.timedelta(days=i)
            for i in range((last - first).days + 1)
            if calendar.is_working_day(first + dt.timedelta(days=i))
        ]
        self.index = {d: i for i, d in enumerate(self.days)}
        self.starts = [d for d in self.days if d.year == YEAR]

    def on_or_before(self, day: dt.date) -> int:
        """The index of the last working day on or before *day*."""
        while day not in self.index:
            day -= dt.timedelta(days=1)
        return self.index[day]

    def after(self, day: dt.date, n: int) -> dt.date:
        """The *n*-th working day after *day* (a working day)."""
        return self.days[self.index[day] + n]


def iter_rows(n: int = 1_000_000, *, seed: int = 2025, agencies: int = 2_000) -> Iterator[Row]:
    """The rows of *n* cases, a case's rows together and in date order."""
    rnd = random.Random(seed)
    days = _Days()
    width = len(str(n - 1))
    for i in range(n):
        cid = f"c{i:0{width}d}"
        agency = f"a{rnd.randrange(agencies):04d}"
        licence = rnd.random() < 0.6
        start = rnd.choice(days.starts)
        yield from _case(rnd, days, cid, agency, licence, start)


def _case(
    rnd: random.Random, days: _Days, cid: str, agency: str, licence: bool, start: dt.date
) -> Iterator[Row]:
    obligation = "licence" if licence else "disclosure"
    r = rnd.random()
    extended = r < 0.01
    beyond = 0.01 <= r < 0.0125
    unlisted = 0.0125 <= r < 0.015
    withdrawn = 0.015 <= r < 0.02
    paused = 0.02 <= r < 0.055
    # Working days counted to completion: ~95% in time, ~5% late.
    limit = 20 + ((10 if licence else 20) if extended or beyond else 0)
    late = rnd.random() < 0.05
    total = rnd.randint(limit + 1, limit + 12) if late else rnd.randint(3, limit)
    end_at = rnd.randint(1, total) if withdrawn else total
    events: list[tuple[int, str, str | None]] = []  # (counted working day, event, note)
    if licence and end_at > 2:
        first = rnd.randint(1, min(7, end_at - 2))
        events.append((first, "受理", None))
        events.append((rnd.randint(first + 1, end_at - 1), "审查", None))
    if extended or beyond:
        at = rnd.randint(5, 18)
        events.append((at, "延长", "本行政机关负责人"))
        if beyond:
            events.append((at + 1, "延长", "本行政机关负责人"))
    events = [e for e in events if e[0] < end_at]
    events.append((end_at, "撤回" if withdrawn else "办结", None))
    events.sort(key=lambda e: e[0])
    pause: tuple[int, dt.date, dt.date] | None = None  # counted day, paused, resumed
    if (paused or unlisted) and end_at > 1:
        at = rnd.randint(1, min(15, end_at - 1))
        day = days.after(start, at)
        pause = (at, day, day + dt.timedelta(days=rnd.randint(1, 10)))
    rows: list[tuple[str, dt.date, str | None]] = [
        ("受理申请" if licence else "收到申请", start, None)
    ]
    base, skip = days.index[start], 0  # the date of counted day k: days[base + k - skip]
    for at, event, note in events:
        if pause is not None and at >= pause[0]:
            p_at, p_day, r_day = pause
            rows.append(
                ("暂停", p_day, UNLISTED if unlisted else rnd.choice(REASONS if licence else ASKED))
            )
            rows.append(("恢复", r_day, None))
            pause = None
            # The pause's day through the resumption's are not counted: counting goes on
            # from the working day after the resumption.
            base, skip = days.on_or_before(r_day), p_at - 1
        day = days.days[base + at - skip]
        rows.append((event, max(day, rows[-1][1]), note))
    for event, day, note in rows:
        if day > ON:
            return  # not yet happened on the evaluation date
        yield cid, agency, obligation, event, day, note


def iter_cases(n: int = 1_000_000, *, seed: int = 2025, agencies: int = 2_000) -> Iterator[Case]:
    """The same cases as :func:`iter_rows`, as :class:`~xzjd.facts.cases.Case` objects."""
    current: list[CaseRow] = []
    for cid, agency, obligation, event, day, note in iter_rows(n, seed=seed, agencies=agencies):
        if current and current[0].case != cid:
            yield Case(
                id=current[0].case,
                agency=current[0].agency,
                obligation=current[0].obligation,
                rows=current,
            )
            current = []
        current.append(
            CaseRow(
                case=cid, agency=agency, obligation=obligation, event=event, date=day, note=note
            )
        )
    if current:
        yield Case(
            id=current[0].case,
            agency=current[0].agency,
            obligation=current[0].obligation,
            rows=current,
        )


def write_csv(out: IO[str], n: int = 1_000_000, *, seed: int = 2025, agencies: int = 2_000) -> int:
    """Write the rows of *n* cases as CSV to *out*; the number of rows."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(FIELDS)
    count = 0
    for cid, agency, obligation, event, day, note in iter_rows(n, seed=seed, agencies=agencies):
        w.writerow((cid, agency, obligation, event, day.isoformat(), note or ""))
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        prog="python -m bench.case_data", description=__doc__.split("\n")[0]
    )
    p.add_argument("--cases", type=int, default=1_000_000)
    p.add_argument("--agencies", type=int, default=2_000)
    p.add_argument("--seed", type=int, default=2025)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as f:
        rows = write_csv(f, args.cases, seed=args.seed, agencies=args.agencies)
    print(f"{args.cases} cases, {rows} rows -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
