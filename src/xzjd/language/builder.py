# SPDX-License-Identifier: MIT
"""Turn a parsed rules file into the model of :mod:`xzjd.model`.

The builder is deliberately dumb: it has one method for each grammar rule, which the parser
calls as it reduces the rule (:func:`xzjd.language.parser.parse`); the method maps the rule onto a
model value and attaches a :class:`~xzjd.errors.Span` taken from the rule's
:class:`~xzjd.language.reductions.Meta`. It never raises a domain error. The few problems that
can only be seen while building, because the model has no room to keep them (a second ``effective``
line, a second ``warn`` line in a ladder, a date such as ``2010-02-30`` that cannot become a
:class:`datetime.date`), are collected as diagnostics in :attr:`Builder.problems`;
:func:`xzjd.language.loader.loads` reports them together with the findings of
:mod:`xzjd.language.checked`.

:class:`Builder` holds the reductions of the file, its header, calendars and obligations; the
schedule forms (:mod:`xzjd.language.build_schedules`), the lines of a case's clock
(:mod:`xzjd.language.build_clocks`), the actions, parties and ladders
(:mod:`xzjd.language.build_actions`) and the scenarios (:mod:`xzjd.language.build_scenarios`)
come from its bases. :func:`build_text` is the way in: it parses a text with a new
:class:`Builder`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import attrs
from lark import Token

from xzjd.errors import Diagnostic, Span
from xzjd.language import parser as _parser
from xzjd.language.build_actions import ActionForms
from xzjd.language.build_base import (
    BlockLine,
    HeaderLine,
    meta_span,
    seq,
    token_span,
    unquote,
)
from xzjd.language.build_clocks import ClockForms
from xzjd.language.build_ratings import RatingForms
from xzjd.language.build_scenarios import ScenarioForms
from xzjd.language.build_schedules import ScheduleForms
from xzjd.language.clauses import clause_after_comma
from xzjd.language.reductions import Meta
from xzjd.model import (
    MAX_RANGE_DAYS,
    Action,
    CalendarDecl,
    DataDecl,
    DateRange,
    Escalation,
    Include,
    KindDecl,
    Obligation,
    Rating,
    RestDayPolicy,
    Ruleset,
    RulesRef,
    Scenario,
)

__all__ = ["Builder", "build_text"]

# The characters an obligation id may be glued to (see Builder._check_id_ends).
_GLUED_TO_ID = re.compile(r"[^\s:：\"“「#]+")


class Builder(ClockForms, ScheduleForms, ActionForms, ScenarioForms, RatingForms):
    """The reductions of one rules file, building an unchecked :class:`~xzjd.model.Ruleset`.

    Each method is named after a rule of the grammar (or its alias) and is called with the
    rule's :class:`~xzjd.language.reductions.Meta` and children (see
    :func:`xzjd.language.parser.parse`).

    Args:
        text: the source text (for diagnostics and ``Ruleset.text``).
        file: the file name shown in diagnostics.
    """

    def _check_id_ends(self, token: Token) -> None:
        """Report an obligation id glued to more word characters (``a_b``, ``report报告``).

        The lexer takes the longest ``[a-z][a-z0-9-]*`` and a bare title may follow, so
        without this check ``obligation a_b "t":`` would silently become the id ``a``.
        """
        end = token.end_pos
        if end is None or end >= len(self._source):
            return
        rest = _GLUED_TO_ID.match(self._source, end)  # no copy of the rest of the text
        if rest is None:
            return
        whole = str(token) + rest.group(0)
        span = token_span(token)
        if span is not None:
            span = Span(
                start=span.start,
                end=span.start + len(whole),
                line=span.line,
                column=span.column,
                end_line=span.line,
                end_column=span.column + len(whole),
            )
        self._problem("syntax/bad-obligation-id", span, whole=whole)

    # ------------------------------------------------------------------ file

    def start(self, meta: Meta, children: list[Any]) -> Ruleset:
        title: str | None = None
        effective: dt.date | None = None
        calendar = "cn"
        calendar_span: Span | None = None
        policy = RestDayPolicy.MOVE
        seen: dict[str, Span | None] = {}
        escalations: list[Escalation] = []
        ratings: list[Rating] = []
        calendars: list[CalendarDecl] = []
        kinds: list[KindDecl] = []
        obligations: list[Obligation] = []
        scenarios: list[Scenario] = []
        data: list[DataDecl] = []
        rules_ref: RulesRef | None = None
        includes: list[Include] = []
        for child in children:
            if isinstance(child, Scenario):
                scenarios.append(child)
            elif isinstance(child, DataDecl):
                data.append(child)
            elif isinstance(child, RulesRef):
                if rules_ref is not None:
                    self._duplicate_line("rules", child.span)
                    continue
                rules_ref = child
            elif isinstance(child, Include):
                includes.append(child)
            elif isinstance(child, Escalation):
                escalations.append(child)
            elif isinstance(child, Rating):
                ratings.append(child)
            elif isinstance(child, CalendarDecl):
                calendars.append(child)
            elif isinstance(child, KindDecl):
                kinds.append(child)
            elif isinstance(child, Obligation):
                obligations.append(child)
            elif isinstance(child, HeaderLine):
                if child.what in seen:
                    self._duplicate_line(child.what, child.span)
                    continue
                seen[child.what] = child.span
                if child.what == "ruleset":
                    title = child.value
                elif child.what == "effective":
                    effective = child.value
                elif child.what == "calendar":
                    calendar = child.value
                    calendar_span = child.span
                else:
                    policy = child.value
        return Ruleset(
            title=title,
            effective=effective,
            calendar=calendar,
            rest_days=policy,
            escalations=seq(escalations),
            ratings=seq(ratings),
            calendars=seq(calendars),
            kinds=seq(kinds),
            obligations=seq(obligations),
            scenarios=seq(scenarios),
            data=seq(data),
            rules_ref=rules_ref,
            includes=seq(includes),
            file=self._file,
            text=self._source,
            span=meta_span(meta),
            calendar_span=calendar_span,
        )

    # ------------------------------------------------------------------ header

    def include(self, meta: Meta, children: list[Any]) -> Include:
        return Include(path=unquote(children[0]), span=meta_span(meta))

    def ruleset_title(self, meta: Meta, children: list[Any]) -> HeaderLine:
        return HeaderLine("ruleset", children[0], meta_span(meta))

    def effective(self, meta: Meta, children: list[Any]) -> HeaderLine:
        return HeaderLine("effective", self._date(children[0]), meta_span(meta))

    def calendar_use(self, meta: Meta, children: list[Any]) -> HeaderLine:
        return HeaderLine("calendar", str(children[0]), meta_span(meta))

    def policy_move(self, meta: Meta, children: list[Any]) -> HeaderLine:
        return HeaderLine("deadlines on rest days", RestDayPolicy.MOVE, meta_span(meta))

    def policy_stay(self, meta: Meta, children: list[Any]) -> HeaderLine:
        return HeaderLine("deadlines on rest days", RestDayPolicy.STAY, meta_span(meta))

    def text(self, meta: Meta, children: list[Any]) -> str:
        return unquote(children[0])

    def title(self, meta: Meta, children: list[Any]) -> str:
        return unquote(children[0])

    def deliverable(self, meta: Meta, children: list[Any]) -> str:
        token: Token = children[0]
        value = unquote(token)
        if token.type != "STRING":
            self._check_clause(token, value)
        return value

    deliverable_en = deliverable

    def _check_clause(self, token: Token, value: str) -> None:
        """Report a clause swallowed by a bare deliverable (:mod:`xzjd.language.clauses`)."""
        found = clause_after_comma(value)
        if found is None:
            return
        span = token_span(token)
        # A bare deliverable lies on one line: offsets in it are columns.
        span = Span(
            line=span.line,
            column=span.column + found.start,
            end_line=span.line,
            end_column=span.column + len(value),
            start=span.start + found.start,
            end=span.start + len(value),
        )
        fields = {"clause": value[found.start :], "deliverable": value[: found.comma]}
        if found.kind == "extension":
            self._problem("action/clause-in-deliverable#extension", span, **fields)
        elif found.kind == "clock":
            self._problem("action/clause-in-deliverable#clock", span, **fields)
        else:
            self._problem("action/clause-in-deliverable", span, **fields)

    # ------------------------------------------------------------------ calendars

    def _calendar(
        self, meta: Meta, name: Token, base: str | None, lines: list[Any]
    ) -> CalendarDecl:
        rest: list[DateRange] = []
        work: list[dt.date] = []
        for line in lines:
            if isinstance(line, DateRange):
                rest.append(line)
            elif isinstance(line, dt.date):
                work.append(line)
        return CalendarDecl(
            name=str(name), base=base, rest=seq(rest), work=seq(work), span=meta_span(meta)
        )

    def kind_decl(self, meta: Meta, children: list[Any]) -> KindDecl:
        title = unquote(children[1]) if len(children) > 1 else None
        return KindDecl(name=str(children[0]), title=title, span=meta_span(meta))

    def calendar_decl(self, meta: Meta, children: list[Any]) -> CalendarDecl:
        return self._calendar(meta, children[0], str(children[1]), children[2:])

    def calendar_decl_nobase(self, meta: Meta, children: list[Any]) -> CalendarDecl:
        return self._calendar(meta, children[0], None, children[1:])

    def calendar_decl_empty(self, meta: Meta, children: list[Any]) -> CalendarDecl:
        return self._calendar(meta, children[0], str(children[1]), [])

    def calendar_decl_file(self, meta: Meta, children: list[Any]) -> CalendarDecl:
        decl = self._calendar(meta, children[0], str(children[1]), [])
        return attrs.evolve(decl, file=unquote(children[2]))

    def rest_days(self, meta: Meta, children: list[Any]) -> DateRange | None:
        first = self._date(children[0])
        last = self._date(children[1]) if len(children) > 1 else first
        if first is None or last is None:
            return None
        if last < first:
            self._problem("calendar/backwards-range", meta_span(meta), last=last, first=first)
            return None
        if (last - first).days >= MAX_RANGE_DAYS:
            self._problem(
                "calendar/long-range",
                meta_span(meta),
                first=first,
                last=last,
                MAX_RANGE_DAYS=MAX_RANGE_DAYS,
            )
            return None
        return DateRange(first, last)

    def work_day(self, meta: Meta, children: list[Any]) -> dt.date | None:
        return self._date(children[0])

    # ------------------------------------------------------------------ obligations

    def obligation_decl(self, meta: Meta, children: list[Any]) -> Obligation:
        ob_id = str(children[0])
        self._check_id_ends(children[0])
        title: str | None = None
        lines: list[BlockLine] = []
        for child in children[1:]:
            if isinstance(child, str):
                title = child
            elif isinstance(child, BlockLine):
                lines.append(child)
        clock = self._clock_fields(ob_id, lines)
        fields: dict[str, Any] = {}
        for line in lines:
            if line.what in fields:
                what = {"sentence": "schedule sentence"}.get(line.what, line.what)
                key = "dup/line#sentence" if line.what == "sentence" else "dup/line#obligation"
                self._problem(key, line.span, ob_id=ob_id, what=what)
                continue
            fields[line.what] = line
        schedule = action = None
        if "sentence" in fields:
            schedule, action = fields["sentence"].value
        escalation = fields.get("escalation")
        return Obligation(
            id=ob_id,
            title=title,
            source=fields["source"].value if "source" in fields else None,
            bearers=fields["applies"].value if "applies" in fields else (),
            schedule=schedule,
            action=action,
            escalation=escalation.value if escalation else None,
            **clock,
            span=meta_span(meta),
            escalation_span=escalation.span if escalation else None,
        )

    def source(self, meta: Meta, children: list[Any]) -> BlockLine:
        return BlockLine("source", children[0], meta_span(meta))

    def applies(self, meta: Meta, children: list[Any]) -> BlockLine:
        return BlockLine("applies", children[0], meta_span(meta))

    def uses_escalation(self, meta: Meta, children: list[Any]) -> BlockLine:
        return BlockLine("escalation", str(children[0]), token_span(children[0]))

    def obligation_line(self, meta: Meta, children: list[Any]) -> BlockLine:
        return children[0]  # type: ignore[no-any-return]

    def sentence(self, meta: Meta, children: list[Any]) -> BlockLine:
        schedule = next((c for c in children if not isinstance(c, Action)), None)
        action = next((c for c in children if isinstance(c, Action)), None)
        return BlockLine("sentence", (schedule, action), meta_span(meta))

    def sentence_from(self, meta: Meta, children: list[Any]) -> BlockLine:
        """``自2011年起，每年4月1日前，…``: a Chinese year range written before the schedule."""
        prefix = children[0]
        schedule = children[1]
        action = next((c for c in children if isinstance(c, Action)), None)
        span = meta_span(meta)
        if not hasattr(schedule, "from_year"):
            self._problem("schedule/range-not-allowed", span)
        elif schedule.from_year is not None or schedule.until_year is not None:
            self._problem("dup/range", span)
        else:
            schedule = attrs.evolve(
                schedule, from_year=prefix.from_year, until_year=prefix.until_year
            )
        return BlockLine("sentence", (schedule, action), span)


def build_text(text: str, *, file: str) -> tuple[Ruleset, list[Diagnostic]]:
    """Parse *text* (already passed through :func:`xzjd.language.parser.prepare`) and build it.

    Returns:
        The ruleset and the problems seen while building (duplicate lines, impossible dates).

    Raises:
        ParseError: the text is not well-formed.
    """
    builder = Builder(text, file)
    ruleset: Ruleset = _parser.parse(text, builder, file=file)
    return ruleset, builder.problems
