# SPDX-License-Identifier: MIT
"""The canonical text of a ruleset, in English or Chinese.

:func:`to_text` prints a :class:`~xzjd.model.Ruleset` in one fixed layout: the header
(title, effective date, calendar, rest-day policy), then declared calendars, escalation
ladders and obligations, separated by blank lines and indented by two spaces. Parsing the
result gives a model equal to the one printed, in either language, so ``xzjd fmt`` can
translate a file: Chinese to English and back gives the original canonical text.

Titles and sources are always quoted strings, as language.md writes them; deliverables are
written bare when they read back unchanged and quoted otherwise. The quotes are ``"…"``, or
``“…”`` / ``「…」`` when the text itself holds a ``"``.
Comments are not part of the model and are not kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from xzjd.language.check_values import TRAILING_RANGE
from xzjd.language.clauses import clause_after_comma
from xzjd.language.clock_text import clock_lines
from xzjd.language.rating_text import rating_lines
from xzjd.language.scenario_text import scenario_blocks
from xzjd.model import (
    MONTHS_EN,
    Action,
    AfterEnd,
    AfterEvent,
    AgencyBearer,
    AgencyRecipient,
    Bearer,
    CalendarDecl,
    Chained,
    Cycle,
    During,
    EachMonth,
    Escalation,
    FirstWorkingDays,
    HalfYearly,
    Kind,
    KindDecl,
    Level,
    MonthDay,
    MonthParity,
    Obligation,
    Once,
    Parity,
    Quarterly,
    Recipient,
    Relation,
    RestDayPolicy,
    Ruleset,
    Schedule,
    Unit,
    Verb,
    Window,
    Yearly,
)
from xzjd.vocab import STEP_ZH, UNIT_ZH, VERB_ZH, ZH_SPELLINGS, bearer_words, recipient_words

__all__ = ["LANGUAGES", "to_text"]

LANGUAGES = ("en", "zh")


# Words that a bare agency id must not be (or, in Chinese, begin with): the parser would
# read them as keywords. Such ids are quoted.
_EN_RESERVED = {
    "the",
    "and",
    "every",
    "same-level",
    "upper-level",
    "administrative",
    "supervisory",
    "audit",
    "government",
    "department",
    "party",
    "counterpart",
    "provincial",
    "prefecture",
    "county",
    "township",
    "tagged",
    "with",
}
_ZH_PREFIXES = (
    "各级",
    "标记为",
    VERB_ZH[Verb.FILE],
    *(
        word
        for table in (Relation, Kind, Level)
        for member in table
        for word in ZH_SPELLINGS[member]
    ),
)
_AGENCY_BARE = re.compile(r"[\w-]+")
_BARE_TEXT = re.compile(r"[^\s\"“「#](?:[^\n#]*[^\s#])?")
_WITH = re.compile(r"[ \t\u3000]with[ \t]")


def _quote(text: str) -> str:
    if "\n" in text or "\r" in text:
        raise ValueError(f"text with a line break cannot be printed: {text!r}")
    for opener, closer in (('"', '"'), ("“", "”"), ("「", "」")):
        if closer not in text:
            return f"{opener}{text}{closer}"
    raise ValueError(f"text holds every kind of closing quote: {text!r}")


def _bare_ok(text: str) -> bool:
    # A bare deliverable ending in a year range is refused by the checks (the range would
    # belong to the schedule), and one holding a clause after a comma by the builder
    # (language.md section 7), so such text is quoted.
    return (
        bool(_BARE_TEXT.fullmatch(text))
        and not TRAILING_RANGE.search(text)
        and clause_after_comma(text) is None
    )


def _text(text: str) -> str:
    """Text to the end of the line: bare when it reads back unchanged."""
    return text if _bare_ok(text) else _quote(text)


def _file_text(text: str) -> str:
    """An English deliverable followed by ``with``."""
    return text if _bare_ok(text) and not _WITH.search(text + " ") else _quote(text)


def _title(text: str) -> str:
    """A title or source: always a quoted string, as language.md writes them."""
    return _quote(text)


def _agency(agency: str, lang: str) -> str:
    bare = bool(_AGENCY_BARE.fullmatch(agency)) and not agency.isdigit()
    if bare and agency in _EN_RESERVED:
        bare = False
    if bare and any(agency.startswith(p) for p in _ZH_PREFIXES):
        bare = False
    return agency if bare else _quote(agency)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- schedules


def _range_en(from_year: int | None, until_year: int | None) -> str:
    parts = []
    if from_year is not None:
        parts.append(f" from {from_year}")
    if until_year is not None:
        parts.append(f" until {until_year}")
    return "".join(parts)


def _range_zh(from_year: int | None, until_year: int | None) -> str:
    parts = []
    if from_year is not None:
        parts.append(f"自{from_year}年起")
    if until_year is not None:
        parts.append(f"至{until_year}年止")
    return "".join(parts)


def _month_en(month: int) -> str:
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} has no English name")
    return MONTHS_EN[month - 1]


def _yearly_en(dates: Iterable[MonthDay]) -> str:
    items: list[str] = []
    previous_end = False
    for md in dates:
        if md.day is None:
            name = _month_en(md.month)
            items.append(name if previous_end else f"the end of {name}")
            previous_end = True
        else:
            items.append(f"{_month_en(md.month)} {md.day}")
            previous_end = False
    return " and ".join(items)


def _yearly_zh(dates: tuple[MonthDay, ...]) -> str:
    items: list[str] = []
    for i, md in enumerate(dates):
        if md.day is None:
            following = dates[i + 1] if i + 1 < len(dates) else None
            end = following is not None and following.day is None
            items.append(f"{md.month}月" if end else f"{md.month}月底")
        else:
            items.append(f"{md.month}月{md.day}日")
    return "和".join(items)


def _unit_en(count: int, unit: Unit) -> str:
    if unit is Unit.DAYS:
        return _plural(count, "day")
    if unit is Unit.WORKING_DAYS:
        return _plural(count, "working day")
    return _plural(count, "month")


def _unit_zh(count: int, unit: Unit) -> str:
    return f"{count}{UNIT_ZH[unit]}"


def schedule_text(s: Schedule, lang: str) -> str:
    """One schedule, as written at the start of a sentence."""
    return _schedule_zh(s) if lang == "zh" else _schedule_en(s)


def _schedule_en(s: Schedule) -> str:
    if isinstance(s, Once):
        if s.day is None:
            year = f" {s.year}" if s.year is not None else ""
            return f"by the end of {_month_en(s.month)}{year}"
        if s.year is not None and 1000 <= s.year <= 9999:
            return f"by {s.year:04d}-{s.month:02d}-{s.day:02d}"
        if s.year is not None:
            return f"by {_month_en(s.month)} {s.day}, {s.year}"
        return f"by {_month_en(s.month)} {s.day}"
    if isinstance(s, Yearly):
        return f"by {_yearly_en(s.dates)} each year" + _range_en(s.from_year, s.until_year)
    if isinstance(s, EachMonth):
        head = (
            "by the end of each month"
            if s.day is None
            else f"by the {_ordinal(s.day)} of each month"
        )
        return head + _range_en(s.from_year, s.until_year)
    if isinstance(s, MonthParity):
        return f"by the end of every {s.parity.value} month" + _range_en(s.from_year, s.until_year)
    if isinstance(s, Quarterly):
        return "by the end of each quarter" + _range_en(s.from_year, s.until_year)
    if isinstance(s, HalfYearly):
        return "by the end of each half year" + _range_en(s.from_year, s.until_year)
    if isinstance(s, During):
        year = f" {s.year}" if s.year is not None else ""
        return f"during {_month_en(s.month)}{year}"
    if isinstance(s, AfterEvent):
        return f"within {_unit_en(s.count, s.unit)} after {s.event}"
    if not isinstance(s, Chained):
        return _statute_form_en(s)
    after = " and ".join(s.after)
    return f"by the {_ordinal(s.day)} of the following month after each deadline of {after}" + (
        _range_en(s.from_year, s.until_year)
    )


def _schedule_zh(s: Schedule) -> str:
    if isinstance(s, Once):
        year = f"{s.year}年" if s.year is not None else ""
        day = "底" if s.day is None else f"{s.day}日"
        return f"{year}{s.month}月{day}前"
    if isinstance(s, Yearly):
        return f"每年{_yearly_zh(s.dates)}前" + _range_zh(s.from_year, s.until_year)
    if isinstance(s, EachMonth):
        head = "每月底前" if s.day is None else f"每月{s.day}日前"
        return head + _range_zh(s.from_year, s.until_year)
    if isinstance(s, MonthParity):
        parity = "双" if s.parity is Parity.EVEN else "单"
        return f"逢{parity}月底前" + _range_zh(s.from_year, s.until_year)
    if isinstance(s, Quarterly):
        return "每季度末前" + _range_zh(s.from_year, s.until_year)
    if isinstance(s, HalfYearly):
        return "每半年末前" + _range_zh(s.from_year, s.until_year)
    if isinstance(s, During):
        year = f"{s.year}年" if s.year is not None else ""
        return f"{year}{s.month}月份"
    if isinstance(s, AfterEvent):
        # A leading 自 reads as the preposition "from": an event named 自查 is 自自查之日起.
        prefix = "自" if s.event.startswith("自") else ""
        return f"{prefix}{s.event}之日起{_unit_zh(s.count, s.unit)}内"
    if not isinstance(s, Chained):
        return _statute_form_zh(s)
    return "和".join(s.after) + f"每期截止后次月{s.day}日前" + _range_zh(s.from_year, s.until_year)


_QUARTER_EN = ("first", "second", "third", "fourth")
_QUARTER_ZH = ("一", "二", "三", "四")
_CYCLE_ZH = {Cycle.MONTH: "每月", Cycle.QUARTER: "每季度", Cycle.YEAR: "每年"}


def _quarter_of(s: Window) -> int | None:
    """The quarter a window is, when it is one (January 1 to the end of March, ...)."""
    q, rest = divmod(s.first.month - 1, 3)
    whole = s.first.day == 1 and s.last == MonthDay(s.first.month + 2, None)
    return q + 1 if rest == 0 and whole else None


def _window_day_en(md: MonthDay) -> str:
    name = _month_en(md.month)
    return f"the end of {name}" if md.day is None else f"{name} {md.day}"


def _statute_form_en(s: AfterEnd | FirstWorkingDays | Window) -> str:
    """The schedules of time limits counted from a span's end, and of windows."""
    if isinstance(s, AfterEnd):
        head = f"within {_unit_en(s.count, s.unit)} after the end of each {s.cycle.value}"
    elif isinstance(s, FirstWorkingDays):
        head = f"within the first {_plural(s.count, 'working day')} of each month"
    elif (q := _quarter_of(s)) is not None:
        head = f"in the {_QUARTER_EN[q - 1]} quarter of each year"
    else:
        first, last = _window_day_en(s.first), _window_day_en(s.last)
        head = f"between {first} and {last} each year"
    return head + _range_en(s.from_year, s.until_year)


def _statute_form_zh(s: AfterEnd | FirstWorkingDays | Window) -> str:
    if isinstance(s, AfterEnd):
        head = f"{_CYCLE_ZH[s.cycle]}结束后{_unit_zh(s.count, s.unit)}内"
    elif isinstance(s, FirstWorkingDays):
        head = f"每月前{s.count}个工作日内"
    elif (q := _quarter_of(s)) is not None:
        head = f"每年第{_QUARTER_ZH[q - 1]}季度"
    else:
        head = "每年" + _yearly_zh((s.first,)) + "至" + _yearly_zh((s.last,))
    return head + _range_zh(s.from_year, s.until_year)


# --------------------------------------------------------------------------- parties


def _recipient(r: Recipient, lang: str) -> str:
    if isinstance(r, AgencyRecipient):
        return _agency(r.agency, lang)
    return recipient_words(r, lang)


def _bearer(b: Bearer, lang: str) -> str:
    if isinstance(b, AgencyBearer):
        return _agency(b.agency, lang)
    return bearer_words(b, lang)


def action_text(a: Action, lang: str) -> str:
    """One action, as written after the comma of a sentence."""
    if lang == "zh":
        if a.verb is Verb.FILE:
            # An agency id next to Chinese words is set off by a space.
            recipients = a.recipients
            joined = "、".join(_recipient(r, "zh") for r in recipients)
            left = " " if recipients and isinstance(recipients[0], AgencyRecipient) else ""
            right = " " if recipients and isinstance(recipients[-1], AgencyRecipient) else ""
            return f"向{left}{joined}{right}报送 {_text(a.deliverable)}"
        return f"{VERB_ZH[a.verb]} {_text(a.deliverable)}"
    if a.verb is Verb.FILE:
        names = " and ".join(_recipient(r, "en") for r in a.recipients)
        return f"file {_file_text(a.deliverable)} with {names}"
    return f"{a.verb.value} {_text(a.deliverable)}"


# --------------------------------------------------------------------------- blocks


def _header(r: Ruleset, lang: str) -> list[str]:
    lines = []
    zh = lang == "zh"
    if r.title is not None:
        lines.append(("规则集 " if zh else "ruleset ") + _title(r.title))
    if r.effective is not None:
        lines.append(("生效 " if zh else "effective ") + r.effective.isoformat())
    lines.append(("日历 " if zh else "calendar ") + r.calendar)
    if r.rest_days is RestDayPolicy.MOVE:
        lines.append(
            "期限届满日为休息日的，顺延至其后第一个工作日"
            if zh
            else "deadlines on rest days move to the next working day"
        )
    else:
        lines.append("期限届满日为休息日的，不顺延" if zh else "deadlines on rest days stay")
    return lines


def _calendar(k: CalendarDecl, lang: str) -> list[str]:
    zh = lang == "zh"
    head = ("日历 " if zh else "calendar ") + k.name
    if k.base is not None:
        head += (" 基于 " if zh else " based on ") + k.base
    if k.file is not None:
        return [head + (" 读取 " if zh else " from ") + _quote(k.file)]
    if not k.rest and not k.work:
        if k.base is None:
            raise ValueError(f"calendar {k.name!r} declares nothing and has no base")
        return [head]
    lines = [head + ("：" if zh else ":")]
    for rng in k.rest:
        line = ("  休息 " if zh else "  rest ") + rng.first.isoformat()
        if rng.last != rng.first:
            line += (" 至 " if zh else " to ") + rng.last.isoformat()
        lines.append(line)
    for day in k.work:
        lines.append(("  上班 " if zh else "  work ") + day.isoformat())
    return lines


def _kinds(kinds: Sequence[KindDecl], lang: str) -> list[str]:
    word = "类别 " if lang == "zh" else "kind "
    return [word + k.name + ("" if k.title is None else " " + _title(k.title)) for k in kinds]


def _escalation(e: Escalation, lang: str) -> list[str]:
    zh = lang == "zh"
    if e.warn is None and not e.steps:
        raise ValueError(f"escalation {e.name!r} has no lines")
    lines = [("升级 " if zh else "escalation ") + e.name + ("：" if zh else ":")]
    if e.warn is not None:
        w = e.warn
        if zh:
            unit = UNIT_ZH[Unit.WORKING_DAYS if w.working else Unit.DAYS]
            lines.append(f"  截止前{w.days}{unit}预警")
        else:
            unit = _plural(w.days, "working day" if w.working else "day")
            lines.append(f"  warn {unit} before the deadline")
    for s in e.steps:
        if zh:
            unit = UNIT_ZH[Unit.WORKING_DAYS if s.working else Unit.DAYS]
            lines.append(f"  逾期{s.days}{unit}{STEP_ZH[s.step]}")
        else:
            unit = _plural(s.days, "working day" if s.working else "day")
            lines.append(f"  {s.step.value} {unit} after the deadline")
    return lines


def _obligation(o: Obligation, lang: str) -> list[str]:
    zh = lang == "zh"
    head = ("义务 " if zh else "obligation ") + o.id
    if o.title is not None:
        head += " " + _title(o.title)
    lines = [head + ("：" if zh else ":")]
    if o.source is not None:
        lines.append(("  依据 " if zh else "  source ") + _title(o.source))
    if o.bearers:
        sep = "、" if zh else ", "
        bearers = sep.join(_bearer(b, lang) for b in o.bearers)
        lines.append(("  适用于 " if zh else "  applies to ") + bearers)
    if o.schedule is not None or o.action is not None:
        parts = []
        if o.schedule is not None:
            parts.append(schedule_text(o.schedule, lang))
        if o.action is not None:
            parts.append(action_text(o.action, lang))
        lines.append("  " + ("，" if zh else ", ").join(parts))
    lines.extend("  " + line for line in clock_lines(o, lang, quote=_quote, text=_text))
    if o.escalation is not None:
        lines.append(("  升级 " if zh else "  escalation ") + o.escalation)
    if len(lines) == 1:
        raise ValueError(f"obligation {o.id!r} has no lines")
    return lines


def to_text(ruleset: Ruleset, lang: str = "en") -> str:
    """The canonical text of *ruleset* in English (``"en"``) or Chinese (``"zh"``).

    Raises:
        ValueError: for an unknown language, or a model no rules file can express (a text
            with a line break, a block with no lines).
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use 'en' or 'zh'")
    test_only = ruleset.rules_ref is not None and not ruleset.obligations
    blocks: list[list[str]] = [] if test_only else [_header(ruleset, lang)]
    if ruleset.includes:
        word = "包含 " if lang == "zh" else "include "
        blocks.append([word + _quote(i.path) for i in ruleset.includes])
    blocks.extend(_calendar(k, lang) for k in ruleset.calendars)
    if ruleset.kinds:
        blocks.append(_kinds(ruleset.kinds, lang))
    blocks.extend(_escalation(e, lang) for e in ruleset.escalations)
    blocks.extend(rating_lines(r, lang) for r in ruleset.ratings)
    blocks.extend(_obligation(o, lang) for o in ruleset.obligations)
    blocks.extend(scenario_blocks(ruleset, lang))
    return "\n\n".join("\n".join(block) for block in blocks) + "\n"
