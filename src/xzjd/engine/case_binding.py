# SPDX-License-Identifier: MIT
"""Cases read against their rules: each obligation's clock compiled once, each row's event
word turned into a move of the clock, and the errors of rows that cannot be evaluated (an
unknown obligation, agency or event word; a case that does not begin with its rule's event or
starts twice)."""

from __future__ import annotations

from typing import Any

import attrs

from xzjd.engine.clock import ClockMemo, ClockRule, Move, MoveKind, StageRule
from xzjd.engine.diagnostics import cell_diag, suggest
from xzjd.engine.ladder import Ladder
from xzjd.errors import Diagnostic, Severity
from xzjd.facts.agencies import Registry
from xzjd.facts.cases import Case, CaseRow
from xzjd.model import AfterEvent, CaseMark, Obligation, RestDayPolicy, Ruleset, Unit
from xzjd.periods import CalendarLike
from xzjd.vocab import CASE_MARK_SPELLINGS, CASE_MARK_ZH

__all__ = ["Binder", "Bound", "Rule"]

_MARK_MOVE = {
    CaseMark.PAUSED: MoveKind.PAUSE,
    CaseMark.RESUMED: MoveKind.RESUME,
    CaseMark.EXTENDED: MoveKind.EXTEND,
    CaseMark.COMPLETED: MoveKind.COMPLETE,
    CaseMark.WITHDRAWN: MoveKind.WITHDRAW,
}


@attrs.frozen
class Rule:
    """One event-based obligation compiled for its cases."""

    obligation: Obligation
    clock: ClockRule
    ladder: Ladder
    words: dict[str, tuple[MoveKind, str | None]]  # event word -> move, note
    reasons: frozenset[str] | None  # None: the rule stops the clock for nothing
    memo: ClockMemo  # the calendar work its cases share


def _compile(o: Obligation, ruleset: Ruleset, calendar: CalendarLike) -> Rule:
    schedule = o.schedule
    assert isinstance(schedule, AfterEvent)
    words: dict[str, tuple[MoveKind, str | None]] = {
        w: (_MARK_MOVE[m], None) for w, m in CASE_MARK_SPELLINGS.items()
    }
    if o.stages is not None:
        for s in o.stages.stages:
            words[s.name] = (MoveKind.STAGE, s.name)
    if o.restart is not None:
        words[o.restart.event] = (MoveKind.RESTART, None)
    words[schedule.event] = (MoveKind.START, None)
    ext = o.extension
    clock = ClockRule(
        count=schedule.count,
        unit=schedule.unit,
        move_off_rest_days=ruleset.rest_days is RestDayPolicy.MOVE,
        extension=None if ext is None else (ext.count, ext.unit, ext.times),
        stages=()
        if o.stages is None
        else tuple(StageRule(s.name, s.count, s.unit) for s in o.stages.stages),
    )
    ladder = Ladder(
        ruleset.escalation(o.escalation) if o.escalation is not None else None, calendar
    )
    reasons = None if o.pause is None else frozenset(o.pause.reasons)
    return Rule(o, clock, ladder, words, reasons, ClockMemo(clock, ladder, calendar))


@attrs.frozen
class Bound:
    """A case whose rows have been read against its rule: its moves, in row order."""

    case: Case
    rule: Rule
    moves: tuple[Move, ...]
    # Only a start, its stages in the rule's order and an end as the last move: no pause,
    # extension or restart, nothing to warn about (the shortcut of case_shortcut.py).
    simple: bool = False


# Identity checks: a set of enum members would hash each member in Python code.
_NOT_SIMPLE = (MoveKind.PAUSE, MoveKind.RESUME, MoveKind.EXTEND, MoveKind.RESTART)
_STAGE = MoveKind.STAGE
_START = MoveKind.START


def _word(rule: Rule, event: str) -> tuple[MoveKind, str | None] | None:
    found = rule.words.get(event)
    if found is None and event.isascii():
        found = rule.words.get(event.lower())
    return found


class Binder:
    """Reads cases against the rules; collects errors and warnings."""

    def __init__(self, ruleset: Ruleset, calendar: CalendarLike, registry: Registry | None):
        self.ruleset = ruleset
        self.calendar = calendar
        self.registry = registry
        self.rules: dict[str, Rule | None] = {}
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []

    def rule(self, row: CaseRow) -> Rule | None:
        oid = row.obligation
        if oid in self.rules:
            return self.rules[oid]
        found: Rule | None = None
        try:
            o = self.ruleset.obligation(oid)
        except KeyError:
            guess = suggest(oid, [o.id for o in self.ruleset.obligations])
            self.errors.append(
                cell_diag(
                    row,
                    "obligation",
                    "case/unknown-obligation",
                    hint="did-you-mean-id" if guess else None,
                    guess=guess,
                    case=row.case,
                    obligation=oid,
                )
            )
        else:
            if isinstance(o.schedule, AfterEvent):
                found = _compile(o, self.ruleset, self.calendar)
            else:
                self.errors.append(
                    cell_diag(
                        row, "obligation", "case/not-event-based", case=row.case, obligation=oid
                    )
                )
        self.rules[oid] = found
        return found

    def bind(self, case: Case) -> Bound | None:
        rows = case.rows
        first = rows[0]
        rule = self.rule(first)
        if self.registry is not None and self.registry.get(case.agency) is None:
            guess = self.registry.suggest(case.agency)
            self.errors.append(
                cell_diag(
                    first,
                    "agency",
                    "case/unknown-agency",
                    hint="did-you-mean-id" if guess else None,
                    guess=guess,
                    case=case.id,
                    agency=case.agency,
                )
            )
            return None
        if rule is None:
            return None
        before = len(self.errors)
        moves: list[Move] = []
        started = False
        stages = rule.clock.stages
        simple = rule.clock.unit is not Unit.MONTHS
        stage = 0  # the simple case's next stage
        ended = False
        words = rule.words
        for i, row in enumerate(rows):
            found = words.get(row.event)
            if found is None:
                found = _word(rule, row.event)
            if found is None:
                self._unknown_event(rule, row)
                continue
            kind, note = found
            if kind is MoveKind.START:
                if started:
                    restart = rule.obligation.restart
                    self._error(
                        row,
                        "case/two-starts" if restart is None else "case/two-starts#restart",
                        case=case.id,
                        event=row.event,
                        restart=None if restart is None else restart.event,
                    )
                started = True
            elif not started:
                self._error(row, "case/no-start", case=case.id, event=event_of(rule))
                started = True  # one error per case
                continue
            if simple:
                if ended or kind in _NOT_SIMPLE:
                    simple = False
                elif kind is _STAGE:
                    if stage < len(stages) and stages[stage].name == note:
                        stage += 1
                    else:
                        simple = False
                elif kind is not _START:
                    ended = True
            moves.append(Move(kind, row.date, i, note if note is not None else row.note))
        if len(self.errors) > before:
            return None
        return Bound(case, rule, tuple(moves), simple)

    def _unknown_event(self, rule: Rule, row: CaseRow) -> None:
        words = sorted(rule.words)
        guess = suggest(row.event, words)
        own = [event_of(rule)]
        if rule.obligation.restart is not None:
            own.append(rule.obligation.restart.event)
        if rule.obligation.stages is not None:
            own.extend(s.name for s in rule.obligation.stages.stages)
        listed = ", ".join(own)
        self._error(
            row,
            "case/unknown-event" if guess is None else "case/unknown-event#guess",
            case=row.case,
            event=row.event,
            obligation=rule.obligation.id,
            guess=guess,
            listed=listed,
            marks=", ".join(mark.value for mark in CASE_MARK_ZH),
            marks_zh="、".join(CASE_MARK_ZH.values()),
        )

    def _error(self, row: CaseRow, key: str, /, **fields: Any) -> None:
        """The error of catalogue entry *key* (:mod:`xzjd.messages`) at the row's event."""
        self.errors.append(cell_diag(row, "event", key, **fields))

    def warn(self, row: CaseRow, key: str, /, **fields: Any) -> None:
        """The warning of catalogue entry *key* at the row's event."""
        self.warnings.append(cell_diag(row, "event", key, Severity.WARNING, **fields))


def event_of(rule: Rule) -> str:
    schedule = rule.obligation.schedule
    assert isinstance(schedule, AfterEvent)
    return schedule.event
