# SPDX-License-Identifier: MIT
"""The builder's reductions of actions, their recipients and bearers, and escalation ladders.

An action (file, publish, hold, complete) with its deliverable and recipients; who an
obligation applies to (kinds, levels, tags, agency ids); an escalation ladder with its warn
line, its steps and their units.
"""

from __future__ import annotations

from typing import Any

from lark import Token

from xzjd.language.build_base import BuilderBase, meta_span, numbers, seq, unquote
from xzjd.language.reductions import Meta
from xzjd.model import (
    Action,
    AgencyBearer,
    AgencyRecipient,
    CounterpartRecipient,
    DeclaredKind,
    Escalation,
    EscalationStep,
    Kind,
    KindBearer,
    Level,
    Relation,
    RelativeRecipient,
    Step,
    Unit,
    Verb,
    Warn,
)

__all__ = ["ActionForms"]


def _tag(children: list[Any]) -> str | None:
    return next(
        (str(c) for c in children if isinstance(c, Token) and c.type in ("TAG", "TAG_ZH")),
        None,
    )


class ActionForms(BuilderBase):
    """The reductions of actions, parties and ladders (part of
    :class:`~xzjd.language.builder.Builder`)."""

    # ------------------------------------------------------------------ escalation

    def escalation_decl(self, meta: Meta, children: list[Any]) -> Escalation:
        warn: Warn | None = None
        steps: list[EscalationStep] = []
        for child in children[1:]:
            if isinstance(child, Warn):
                if warn is not None:
                    self._problem("escalation/multiple-warn", child.span, children=children[0])
                    continue
                warn = child
            elif isinstance(child, EscalationStep):
                steps.append(child)
        return Escalation(name=str(children[0]), warn=warn, steps=seq(steps), span=meta_span(meta))

    def warn(self, meta: Meta, children: list[Any]) -> Warn:
        unit = next(c for c in children if isinstance(c, Unit))
        return Warn(
            days=numbers(children)[0], working=unit is Unit.WORKING_DAYS, span=meta_span(meta)
        )

    def step(self, meta: Meta, children: list[Any]) -> EscalationStep:
        unit = next(c for c in children if isinstance(c, Unit))
        step = next(c for c in children if isinstance(c, Step))
        return EscalationStep(
            step=step,
            days=numbers(children)[0],
            working=unit is Unit.WORKING_DAYS,
            span=meta_span(meta),
        )

    def calendar_days(self, meta: Meta, children: list[Any]) -> Unit:
        return Unit.DAYS

    def working_days(self, meta: Meta, children: list[Any]) -> Unit:
        return Unit.WORKING_DAYS

    def months(self, meta: Meta, children: list[Any]) -> Unit:
        return Unit.MONTHS

    def remind(self, meta: Meta, children: list[Any]) -> Step:
        return Step.REMIND

    def urge(self, meta: Meta, children: list[Any]) -> Step:
        return Step.URGE

    def correct(self, meta: Meta, children: list[Any]) -> Step:
        return Step.CORRECT

    def notify(self, meta: Meta, children: list[Any]) -> Step:
        return Step.NOTIFY

    def hold_accountable(self, meta: Meta, children: list[Any]) -> Step:
        return Step.HOLD_ACCOUNTABLE

    def discipline(self, meta: Meta, children: list[Any]) -> Step:
        return Step.DISCIPLINE

    # ------------------------------------------------------------------ actions, parties

    def file_en(self, meta: Meta, children: list[Any]) -> Action:
        return Action(
            verb=Verb.FILE,
            deliverable=children[0],
            recipients=children[1],
            span=meta_span(meta),
        )

    def file_zh(self, meta: Meta, children: list[Any]) -> Action:
        return Action(
            verb=Verb.FILE,
            deliverable=children[1],
            recipients=children[0],
            span=meta_span(meta),
        )

    def publish(self, meta: Meta, children: list[Any]) -> Action:
        return Action(verb=Verb.PUBLISH, deliverable=children[0], span=meta_span(meta))

    def hold(self, meta: Meta, children: list[Any]) -> Action:
        return Action(verb=Verb.HOLD, deliverable=children[0], span=meta_span(meta))

    def complete(self, meta: Meta, children: list[Any]) -> Action:
        return Action(verb=Verb.COMPLETE, deliverable=children[0], span=meta_span(meta))

    def recipients(self, meta: Meta, children: list[Any]) -> tuple[Any, ...]:
        return tuple(children)

    bearers = recipients

    def relative_recipient(self, meta: Meta, children: list[Any]) -> RelativeRecipient:
        relation = next((c for c in children if isinstance(c, Relation)), Relation.SAME_LEVEL)
        kind = next(c for c in children if isinstance(c, (Kind, DeclaredKind)))
        return RelativeRecipient(
            relation=relation, kind=kind, tag=_tag(children), span=meta_span(meta)
        )

    def counterpart_recipient(self, meta: Meta, children: list[Any]) -> CounterpartRecipient:
        return CounterpartRecipient(span=meta_span(meta))

    def agency_recipient(self, meta: Meta, children: list[Any]) -> AgencyRecipient:
        return AgencyRecipient(agency=children[0], span=meta_span(meta))

    def same_level(self, meta: Meta, children: list[Any]) -> Relation:
        return Relation.SAME_LEVEL

    def upper_level(self, meta: Meta, children: list[Any]) -> Relation:
        return Relation.UPPER_LEVEL

    def kind_bearer(self, meta: Meta, children: list[Any]) -> KindBearer:
        kind = next(c for c in children if isinstance(c, (Kind, DeclaredKind)))
        level = next((c for c in children if isinstance(c, Level)), None)
        return KindBearer(kind=kind, level=level, tag=_tag(children), span=meta_span(meta))

    def agency_bearer(self, meta: Meta, children: list[Any]) -> AgencyBearer:
        return AgencyBearer(agency=children[0], span=meta_span(meta))

    def agency(self, meta: Meta, children: list[Any]) -> str:
        return unquote(children[0])

    def administrative_organ(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.ADMINISTRATIVE_ORGAN

    def supervisory_organ(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.SUPERVISORY_ORGAN

    def audit_organ(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.AUDIT_ORGAN

    def government(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.GOVERNMENT

    def department(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.DEPARTMENT

    def supervisory_commission(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.SUPERVISORY_COMMISSION

    def party_committee(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.PARTY_COMMITTEE

    def congress_standing_committee(self, meta: Meta, children: list[Any]) -> Kind:
        return Kind.CONGRESS_STANDING_COMMITTEE

    def declared_kind(self, meta: Meta, children: list[Any]) -> DeclaredKind:
        return DeclaredKind(str(children[0]))

    def provincial(self, meta: Meta, children: list[Any]) -> Level:
        return Level.PROVINCIAL

    def prefecture(self, meta: Meta, children: list[Any]) -> Level:
        return Level.PREFECTURE

    def county(self, meta: Meta, children: list[Any]) -> Level:
        return Level.COUNTY

    def township(self, meta: Meta, children: list[Any]) -> Level:
        return Level.TOWNSHIP
