# SPDX-License-Identifier: MIT
"""Hypothesis strategies for valid rules models.

The models drawn here pass every semantic check and can be printed: names and ids avoid
the language's keywords, texts have no line breaks, ladders are in order, chained
obligations only follow obligations with their own dates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from xzjd.language import syntax_errors as _syntax
from xzjd.model import (
    Action,
    AfterEvent,
    AgencyBearer,
    AgencyRecipient,
    CalendarDecl,
    Chained,
    DateRange,
    During,
    EachMonth,
    Escalation,
    EscalationStep,
    Extension,
    HalfYearly,
    Kind,
    KindBearer,
    Level,
    MonthDay,
    MonthParity,
    Obligation,
    Once,
    Parity,
    Pause,
    Quarterly,
    Relation,
    RelativeRecipient,
    Restart,
    RestDayPolicy,
    Ruleset,
    Stage,
    Stages,
    Step,
    Unit,
    Verb,
    Warn,
    Yearly,
)
from xzjd.vocab import CASE_MARK_SPELLINGS


def _keywords() -> frozenset[str]:
    return frozenset(w for words in _syntax.keywords().values() for w in words)


KEYWORDS = _keywords()

ascii_ids = st.from_regex(r"[a-z][a-z0-9-]{0,9}", fullmatch=True).filter(
    lambda s: s not in KEYWORDS
)
chinese_words = st.sampled_from(["标准", "云南", "审批多", "重点", "专项"])
names = st.one_of(ascii_ids, chinese_words)
events = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,9}", fullmatch=True).filter(lambda s: s not in KEYWORDS),
    st.sampled_from(["发现问题", "成立", "收到通知", "自查", "自", "最后审查"]),
)
tags = st.one_of(ascii_ids, st.sampled_from(["审批多", "经济发达", "重点"]))
agencies = st.one_of(
    ascii_ids,
    st.sampled_from(
        [
            "yn-gov",
            "km-jc",
            "省监察厅",
            "省工业和信息化委员会",
            "昆明市人民政府",
            "政府办",  # begins with a kind word: must be quoted
            "the",  # an English keyword: must be quoted
            "530000",
        ]
    ),
)

_ALPHABET = (
    "abcdefgxyzABCXYZ0123456789 \u3000,.:;()-_'!?\"“”「」#：，、报送情况方案年月日前底逢双单向的和"
)
texts = st.text(alphabet=_ALPHABET, min_size=0, max_size=24).filter(
    lambda s: not ('"' in s and "”" in s and "」" in s)
)

years = st.integers(min_value=2000, max_value=2035)
months = st.integers(min_value=1, max_value=12)
safe_days = st.integers(min_value=1, max_value=28)
month_days = st.integers(min_value=1, max_value=31)


@st.composite
def year_ranges(draw: st.DrawFn) -> dict[str, int | None]:
    """Optional ``from``/``until`` years, in order."""
    first = draw(st.none() | years)
    last = draw(st.none() | years)
    if first is not None and last is not None and first > last:
        first, last = last, first
    return {"from_year": first, "until_year": last}


def once() -> st.SearchStrategy[Once]:
    return st.builds(Once, year=st.none() | years, month=months, day=st.none() | safe_days)


def yearly() -> st.SearchStrategy[Yearly]:
    dates = st.lists(
        st.builds(MonthDay, months, st.none() | st.integers(min_value=1, max_value=29)),
        min_size=1,
        max_size=3,
        # One deadline a month: two would share a period label (schedule/same-month-twice).
        unique_by=lambda md: md.month,
    )
    return st.builds(lambda d, r: Yearly(dates=d, **r), dates, year_ranges())


def recurring() -> st.SearchStrategy[Any]:
    return st.one_of(
        yearly(),
        st.builds(lambda d, r: EachMonth(day=d, **r), st.none() | month_days, year_ranges()),
        st.builds(lambda p, r: MonthParity(parity=p, **r), st.sampled_from(Parity), year_ranges()),
        st.builds(lambda r: Quarterly(**r), year_ranges()),
        st.builds(lambda r: HalfYearly(**r), year_ranges()),
    )


def schedules() -> st.SearchStrategy[Any]:
    """Every schedule class except :class:`Chained` (see :func:`rulesets`)."""
    return st.one_of(
        once(),
        recurring(),
        st.builds(During, year=st.none() | years, month=months),
        st.builds(
            AfterEvent,
            event=events,
            count=st.integers(min_value=1, max_value=400),
            unit=st.sampled_from(Unit),
        ),
    )


recipients = st.one_of(
    st.builds(RelativeRecipient, relation=st.sampled_from(Relation), kind=st.sampled_from(Kind)),
    st.builds(AgencyRecipient, agency=agencies),
)


@st.composite
def actions(draw: st.DrawFn) -> Action:
    verb = draw(st.sampled_from(Verb))
    deliverable = draw(texts)
    if verb is Verb.FILE:
        rec = draw(st.lists(recipients, min_size=1, max_size=3))
        return Action(verb=verb, deliverable=deliverable, recipients=rec)
    return Action(verb=verb, deliverable=deliverable)


bearers = st.one_of(
    st.builds(
        KindBearer,
        kind=st.sampled_from(Kind),
        level=st.none() | st.sampled_from(Level),
        tag=st.none() | tags,
    ),
    st.builds(AgencyBearer, agency=agencies),
)


@st.composite
def escalations(draw: st.DrawFn, name: str) -> Escalation:
    """A ladder in order: days increase, severity never decreases."""
    n = draw(st.integers(min_value=0, max_value=4))
    severities = sorted(draw(st.lists(st.integers(0, 5), min_size=n, max_size=n)))
    days = sorted(draw(st.sets(st.integers(1, 90), min_size=n, max_size=n)))
    steps = [
        EscalationStep(step=list(Step)[s], days=d, working=draw(st.booleans()))
        for s, d in zip(severities, days, strict=True)
    ]
    warn = None
    if not steps or draw(st.booleans()):
        warn = Warn(days=draw(st.integers(0, 30)), working=draw(st.booleans()))
    return Escalation(name=name, warn=warn, steps=steps)


@st.composite
def calendars(draw: st.DrawFn, name: str) -> CalendarDecl:
    base = draw(st.sampled_from(["cn", None]))
    rest = []
    for _ in range(draw(st.integers(0, 2))):
        first = draw(st.dates(dt.date(2004, 1, 1), dt.date(2035, 12, 31)))
        last = first + dt.timedelta(days=draw(st.integers(0, 8)))
        rest.append(DateRange(first, last))
    work = draw(st.lists(st.dates(dt.date(2004, 1, 1), dt.date(2035, 12, 31)), max_size=2))
    if base is None and not rest and not work:
        base = "cn"
    return CalendarDecl(name=name, base=base, rest=rest, work=work)


_CASE_WORDS = {w.casefold() for w in CASE_MARK_SPELLINGS}
# Names of pause reasons and stages: never one of the case file's own words; a Chinese
# reason holds no 和 or 及 (the separators of the Chinese line).
clock_names = st.one_of(
    ascii_ids.filter(lambda s: s.casefold() not in _CASE_WORDS),
    st.sampled_from(["听证", "检验检测", "专家评审", "检疫", "审查", "受理", "决定"]),
)


@st.composite
def clock_lines(draw: st.DrawFn, schedule: AfterEvent) -> dict[str, Any]:
    """Any of the four clock lines of an event-based obligation that pass the checks."""
    lines: dict[str, Any] = {}
    in_months = schedule.unit is Unit.MONTHS
    if not in_months and draw(st.booleans()):
        reasons = draw(st.lists(clock_names, min_size=1, max_size=4, unique=True))
        lines["pause"] = Pause(reasons=reasons)
    if draw(st.booleans()):
        lines["extension"] = Extension(
            count=draw(st.integers(1, 400)),
            unit=draw(st.sampled_from(Unit)),
            times=draw(st.integers(1, 5)),
            approver=draw(st.none() | texts | st.sampled_from(["本行政机关负责人", "需经批准的"])),
        )
    if draw(st.booleans()):
        event = draw(
            events.filter(lambda e: e != schedule.event and e.casefold() not in _CASE_WORDS)
        )
        lines["restart"] = Restart(event=event)
    if not in_months and draw(st.booleans()):
        stage_names = draw(st.lists(clock_names, min_size=1, max_size=4, unique=True))
        lines["stages"] = Stages(
            stages=[
                Stage(
                    name=name,
                    count=draw(st.integers(1, 100)),
                    unit=draw(st.sampled_from([Unit.DAYS, Unit.WORKING_DAYS])),
                )
                for name in stage_names
            ]
        )
    return lines


@st.composite
def rulesets(draw: st.DrawFn) -> Ruleset:
    """A valid, printable ruleset."""
    all_names = draw(st.lists(names, min_size=0, max_size=4, unique=True))
    ladder_names = all_names[:2]
    calendar_names = [n for n in all_names[2:] if n != "cn"]
    ladders = [draw(escalations(n)) for n in ladder_names]
    decls = [draw(calendars(n)) for n in calendar_names]
    ids = draw(st.lists(ascii_ids, min_size=0, max_size=4, unique=True))
    obligations = []
    dated: list[str] = []
    for ob_id in ids:
        if dated and draw(st.booleans()):
            after = draw(st.lists(st.sampled_from(dated), min_size=1, max_size=2, unique=True))
            schedule: Any = Chained(after=after, day=draw(month_days), **draw(year_ranges()))
        else:
            schedule = draw(schedules())
            if not isinstance(schedule, AfterEvent):
                dated.append(ob_id)
        obligations.append(
            Obligation(
                id=ob_id,
                title=draw(st.none() | texts),
                source=draw(st.none() | texts),
                bearers=draw(st.lists(bearers, max_size=3)),
                schedule=schedule,
                action=draw(actions()),
                escalation=draw(st.none() | st.sampled_from(ladder_names))
                if ladder_names
                else None,
                **(draw(clock_lines(schedule)) if isinstance(schedule, AfterEvent) else {}),
            )
        )
    return Ruleset(
        title=draw(st.none() | texts),
        # 1 January of a year up to 2000, the earliest year drawn: a schedule whose every
        # deadline falls before `effective` is an error (schedule/before-effective), and a
        # one-off date without a year takes the year of `effective`.
        effective=draw(st.none() | st.builds(lambda y: dt.date(y, 1, 1), st.integers(1990, 2000))),
        calendar=draw(st.sampled_from(["cn", *calendar_names])),
        rest_days=draw(st.sampled_from(RestDayPolicy)),
        escalations=ladders,
        calendars=decls,
        obligations=obligations,
    )
