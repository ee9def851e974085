# SPDX-License-Identifier: MIT
"""The checks of the lines of a case's clock: pause, extension, restart and stages.

These lines belong to an event-based obligation only (``within N … after EVENT``); their
counts lie in 1..:data:`~xzjd.language.check_values.MAX_COUNT`; a restart from the event
that starts the clock anyway, a stage or a pause reason named twice, or a name that is one of
the case events file's own words (:data:`~xzjd.vocab.CASE_MARK_SPELLINGS`: a case row could
not tell them apart) is an error; so is a pause or stages in a clock counted in months. Stages
adding up to more than the obligation's limit are a warning naming both totals. A kind of
line given twice is reported while building (``clock/duplicate``,
:mod:`xzjd.language.build_clocks`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xzjd.errors import Span
from xzjd.language.check_collector import Collector
from xzjd.language.check_values import MAX_COUNT
from xzjd.language.clock_text import unit_text
from xzjd.model import AfterEvent, Obligation, Unit
from xzjd.vocab import CASE_MARK_SPELLINGS

__all__ = ["check_clocks"]

# The words before the first reason of an English pause line.
_PAUSE_HEAD_EN = re.compile(r"not[ \t\u3000]+counting[ \t\u3000]+")

_CASE_WORDS = {word.casefold() for word in CASE_MARK_SPELLINGS}


def check_clocks(c: Collector) -> None:
    """Check the clock lines of every obligation of the ruleset."""
    for ob in c.ruleset.obligations:
        if ob.pause or ob.extension or ob.restart or ob.stages:
            _check_obligation(c, ob)


def _check_obligation(c: Collector, ob: Obligation) -> None:
    s = ob.schedule
    if not isinstance(s, AfterEvent):
        if s is not None:  # no schedule at all is obligation/no-schedule
            for line in (ob.pause, ob.extension, ob.restart, ob.stages):
                if line is not None:
                    c.add("clock/not-event-based", line.span, ob=ob.id)
        return
    months = s.unit is Unit.MONTHS
    if ob.pause is not None:
        _check_names(c, ob, "reason", list(_reason_spans(c, ob)))
        if months:
            _months(c, ob, ob.pause.span, "paused")
    if ob.extension is not None:
        e = ob.extension
        _check_count(c, e.count, e.span, "extension")
        _check_count(c, e.times, e.span, "number of extensions")
    if ob.restart is not None:
        r = ob.restart
        span = c.narrow(r.span, r.event)
        if r.event == s.event:
            c.add("clock/restart-is-start", span, ob=ob.id, event=r.event)
        else:
            _check_case_word(c, ob, "restart event", r.event, span)
    if ob.stages is not None:
        stages = ob.stages.stages
        _check_names(c, ob, "stage", [(t.name, c.narrow(t.span, t.name)) for t in stages])
        for t in stages:
            _check_count(c, t.count, t.span, "stage")
        if months or any(t.unit is Unit.MONTHS for t in stages):
            _months(c, ob, ob.stages.span, "split into stages")
        elif all(t.unit is s.unit for t in stages) and all(
            1 <= t.count <= MAX_COUNT for t in stages
        ):
            total = sum(t.count for t in stages)
            if total > s.count:
                total_en, total_zh = unit_text(total, s.unit)
                limit_en, limit_zh = unit_text(s.count, s.unit)
                c.add(
                    "clock/stages-exceed-limit",
                    ob.stages.span,
                    ob=ob.id,
                    total=total_en,
                    total_zh=total_zh,
                    limit=limit_en,
                    limit_zh=limit_zh,
                )


def _reason_spans(c: Collector, ob: Obligation) -> Iterator[tuple[str, Span | None]]:
    """Each pause reason with its place: found in order, from the first reason's place."""
    assert ob.pause is not None
    span = ob.pause.span
    text = c.ruleset.text
    if span is None or not text or span.end <= span.start:
        yield from ((reason, span) for reason in ob.pause.reasons)
        return
    at = span.start
    head = _PAUSE_HEAD_EN.match(text, at, span.end)
    if head is not None:
        at = head.end()
    for reason in ob.pause.reasons:
        found = text.find(reason, at, span.end)
        if found < 0:
            yield reason, span
            continue
        at = found + len(reason)
        line, column = c.lines.position(found)
        yield reason, Span(line, column, line, column + len(reason), found, at)


_WHAT_ZH = {"reason": "中止事由", "stage": "环节", "restart event": "重新计算的事件"}


def _check_names(
    c: Collector, ob: Obligation, what: str, names: list[tuple[str, Span | None]]
) -> None:
    """Names of one line: each one once, none a case file's own word."""
    what_zh = _WHAT_ZH[what]
    seen: set[str] = set()
    for name, span in names:
        if name in seen:
            key = "clock/duplicate-reason" if what == "reason" else "clock/duplicate-stage"
            c.add(key, span, ob=ob.id, what=what, what_zh=what_zh, name=name)
            continue
        seen.add(name)
        _check_case_word(c, ob, what, name, span)


def _check_case_word(c: Collector, ob: Obligation, what: str, name: str, span: Span | None) -> None:
    if name.casefold() not in _CASE_WORDS:
        return
    what_zh = _WHAT_ZH[what]
    c.add("clock/case-word", span, what=what, what_zh=what_zh, name=name, ob=ob.id)


def _check_count(c: Collector, count: int, span: Span | None, what: str) -> None:
    if count < 1:
        c.add(
            "clock/zero-count",
            c.narrow(span, str(count)),
            what=what,
            what_zh=_COUNT_ZH[what],
            count=count,
        )
    elif count > MAX_COUNT:
        c.add(
            "clock/too-large",
            c.narrow(span, str(count)),
            what=what,
            what_zh=_COUNT_ZH[what],
            count=count,
            max_count=MAX_COUNT,
        )


_COUNT_ZH = {
    "extension": "延长期限",
    "number of extensions": "延长次数",
    "stage": "环节期限",
}


def _months(c: Collector, ob: Obligation, span: Span | None, done: str) -> None:
    done_zh = "中止计算" if done == "paused" else "分环节计算"
    c.add("clock/months", span, done=done, done_zh=done_zh, ob=ob.id)
