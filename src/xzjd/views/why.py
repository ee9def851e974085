# SPDX-License-Identifier: MIT
"""Why one period of one agency's obligation is in its state, as text (``xzjd explain``).

Built on :class:`xzjd.engine.Inspector`, which gives the period's deadline, the fate of
every filing and the state the evaluation reaches; this module only words them, in English
or Chinese. (:mod:`xzjd.periods.explain` is the other explanation: why a deadline falls on its day.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from xzjd.engine import (
    Inspector,
    ProvisionalYearError,
    State,
    Statuses,
    no_notice_error,
)
from xzjd.errors import EvaluationError
from xzjd.facts.agencies import Agency, Registry, bearer_matches, describe_recipient
from xzjd.facts.tables import Event, Filing
from xzjd.language import CheckedRuleset, check
from xzjd.messages import count, explained
from xzjd.model import AfterEvent, AgencyBearer, Bearer, Obligation, Ruleset
from xzjd.periods import CalendarLike
from xzjd.text.lines import LineIndex
from xzjd.vocab import FILING_STATUS_ZH, LEVEL_ZH, STATE_ZH, STEP_ZH, bearer_words, kind_word

__all__ = ["explain"]


def _describe_bearer(b: Bearer, zh: bool = False) -> str:
    if isinstance(b, AgencyBearer):
        return b.agency
    return bearer_words(b, "zh" if zh else "en")


def _describe_agency(a: Agency, zh: bool = False) -> str:
    if zh:
        parts = [kind_word(a.kind, "zh")]
        if a.level is not None:
            parts.append(LEVEL_ZH[a.level])
        if a.region:
            parts.append("/".join(a.region))
        if a.tags:
            parts.append("标记 " + ";".join(sorted(a.tags)))
        if a.system is not None:
            parts.append("条线 " + a.system)
        return f"{a.id}（{a.name}；{'，'.join(parts)}）"
    parts = [a.kind.value]
    if a.level is not None:
        parts.append(a.level.value)
    if a.region:
        parts.append("/".join(a.region))
    if a.tags:
        parts.append("tags " + ";".join(sorted(a.tags)))
    if a.system is not None:
        parts.append("system " + a.system)
    return f"{a.id} ({a.name}; {', '.join(parts)})"


def explain(
    ruleset: Ruleset | CheckedRuleset,
    agencies: Registry | Iterable[Agency],
    filings: Iterable[Filing] = (),
    *,
    agency: str,
    obligation: str,
    period: str,
    on: dt.date,
    events: Iterable[Event] = (),
    calendar: CalendarLike | None = None,
    lang: str = "en",
    provisional: bool = True,
) -> str:
    """Explain one period of one agency's obligation on date *on*, as text.

    Shows the rule and its source clause, the bearer match, the recipients, how the deadline
    was computed, which filings counted and which did not and why, and the state reached.

    A period computed from a provisional calendar year (no State Council notice in the
    calendar data) says so in a ``provisional:`` line; with ``provisional=False`` it is an
    error instead.

    Raises:
        CheckError: *ruleset* is a :class:`~xzjd.model.Ruleset` that fails the checks.
        EvaluationError: unknown agency or obligation, the agency does not owe it, or the
            obligation has no such period.
        InputError: as :func:`xzjd.engine.evaluate`.
        CalendarError: with ``provisional=False``, the period needs a provisional year.
    """
    rules = check(ruleset)  # once; a CheckedRuleset is taken as it is
    ruleset = rules.ruleset
    inspector = Inspector(rules, agencies, filings, on=on, events=events, calendar=calendar)
    a = inspector.agency(agency)
    o = inspector.obligation(obligation)
    zh = lang == "zh"
    lines: list[str] = []
    title = f' "{o.title}"' if o.title else ""
    lines.append(f"{a.id} · {o.id}{title} · {period} · {on}")
    rule_text = _rule_text(ruleset, o)
    if rule_text:
        lines.append("规则:" if zh else "rule:")
        lines.extend("  " + line for line in rule_text)
    lines.append(("依据: " if zh else "source: ") + (o.source or "-"))
    matched = [b for b in o.bearers if bearer_matches(a, b)]
    if not matched:
        raise explained(
            EvaluationError,
            "argument/not-owed",
            argument="--obligation",
            agency=a.id,
            obligation=o.id,
            bearers=", ".join(_describe_bearer(b) for b in o.bearers),
        )
    lines.append(
        ("承担机关: " if zh else "bearer: ")
        + _describe_agency(a, zh)
        + (" 符合 " if zh else " matches ")
        + ("、" if zh else ", ").join(f'"{_describe_bearer(b, zh)}"' for b in matched)
    )
    wanted = () if o.action is None else o.action.recipients
    _, missing = inspector.recipients(a, o)
    if not wanted:
        lines.append("接收机关: 无（无须报送）" if zh else "recipients: none (nothing is filed)")
    for r in wanted:
        ids, _ = inspector.registry.recipients(a, (r,))
        name = describe_recipient(r, lang)
        if r in missing:
            lines.append(
                f"接收机关: {name} -> 不存在（警告）"
                if zh
                else f"recipient: {name} -> none in the agencies file (warning)"
            )
        elif not ids:
            lines.append(
                f"接收机关: {name} -> 即 {a.id} 本身，不计"
                if zh
                else f"recipient: {name} -> {a.id} itself, left out"
            )
        else:
            lines.append(("接收机关: " if zh else "recipient: ") + f"{name} -> {', '.join(ids)}")
    trace = inspector.trace(a, o, period)
    p = trace.period
    lines.append(("期限: " if zh else "window: ") + f"{p.opens} .. {p.closes}")
    lines.append(("截止日: " if zh else "deadline: ") + trace.deadline.render(lang))
    if trace.provisional_years:
        years = ", ".join(map(str, trace.provisional_years))
        if not provisional:
            error = no_notice_error(
                ruleset, a.id, o.id, p.label, trace.provisional_years,
                outcome=("not explained", "不予解释"),
            )  # fmt: skip
            raise ProvisionalYearError(
                Statuses(), (), [error], calendar=ruleset.calendar, years=trace.provisional_years
            )
        lines.append(
            f"暂定: 日历数据中没有国务院 {years} 年节假日安排通知；仅按法定节假日推算，不含调休"
            if zh
            else f"provisional: no State Council notice for {years} in the calendar data; "
            "statutory holidays only, no 调休"
        )
    lines.append("报送:" if zh else "filings:")
    if not trace.outcomes:
        lines.append("  无" if zh else "  none")
    for out in trace.outcomes:
        mark = "+" if out.period == p.label else "-"
        f = out.filing
        to = f" -> {f.recipient}" if f.recipient else ""
        lines.append(
            f"  {mark} {f.id} {f.filed_on}{to} ({FILING_STATUS_ZH[f.status]}): {out.reason_zh}"
            if zh
            else f"  {mark} {f.id} {f.filed_on}{to} ({f.status.value}): {out.reason}"
        )
    if trace.state is None:
        if isinstance(o.schedule, AfterEvent):
            # The period of an event dated after the evaluation date: it exists, not yet open.
            lines.append(
                f"状态: 未开始（事件 {p.label} 发生于 {p.opens}，晚于评估日 {on}）"
                if zh
                else f"state: not open yet (its event {p.label} is on {p.opens}, after the "
                f"evaluation date {on})"
            )
        else:
            lines.append(("状态: 未开始" if zh else "state: not open yet") + f" ({p.opens})")
        return "\n".join(lines)
    st, days, step = trace.state
    text = f"状态: {STATE_ZH[st]}" if zh else f"state: {st.value}"
    if days is not None:
        text += (
            f"，截止日 {p.due} 后 {days} 日"
            if zh
            else f", {count(days, 'day')} after the deadline {p.due}"
        )
    lines.append(text)
    recipients = trace.recipients
    if recipients and st in (State.PENDING, State.WARNING, State.OVERDUE):
        # Which recipients have the period's filing, and which still wait for it.
        received = trace.received
        got = [(r, received[r]) for r in recipients if r in received]
        waiting = [r for r in recipients if r not in received]
        if got:
            lines.append(
                "  已收到: " + "、".join(f"{r}（{d}）" for r, d in got)
                if zh
                else "  received: " + ", ".join(f"{r} on {d}" for r, d in got)
            )
        lines.append(
            "  尚未收到: " + "、".join(waiting) + "（无受理的报送）"
            if zh
            else "  still owed to: " + ", ".join(waiting) + " (no accepted filing)"
        )
    if trace.warn_from is not None:
        lines.append(("  预警自 " if zh else "  warning from ") + str(trace.warn_from))
    for day, s in trace.steps:
        reached = on >= day and st is State.OVERDUE
        mark = "*" if step is s else ("+" if reached else " ")
        lines.append(
            f"  {mark} {STEP_ZH[s] if zh else s.value}: "
            + (
                f"{day}" + (" 已达到" if reached else "")
                if zh
                else f"from {day}" + (" (reached)" if reached else "")
            )
        )
    if st is State.OVERDUE:
        lines.append(
            ("达到的升级步骤: " if zh else "step reached: ")
            + (("无" if zh else "none") if step is None else (STEP_ZH[step] if zh else step.value))
        )
    return "\n".join(lines)


def _rule_text(ruleset: Ruleset, o: Obligation) -> list[str]:
    """The obligation's lines in the rules file, without what follows it.

    The obligation's span ends where the next block begins (that line, column 1): that line
    is not the obligation's, nor are the comments and blank lines before it.
    """
    span = o.span
    if span is None or not ruleset.text:
        return []
    lines = LineIndex(ruleset.text)
    last = min(span.end_line if span.end_column > 1 else span.end_line - 1, lines.line_count)
    texts = (lines.line_text(n) or "" for n in range(max(span.line, 1), last + 1))
    out = [line.rstrip() for line in texts if line.strip()]
    while len(out) > 1 and out[-1].lstrip().startswith("#"):
        out.pop()
    return out
