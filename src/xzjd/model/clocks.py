# SPDX-License-Identifier: MIT
"""How the clock of an event-based obligation runs for one case (办件): what stops it, how far
it may be extended, what starts it again, and the stages it is split into.

These are lines of an obligation whose schedule is :class:`~xzjd.model.schedules.AfterEvent`
(``within 20 working days after accepted`` / ``自受理申请之日起二十个工作日内``); what they mean
on the calendar is the job of :mod:`xzjd.engine.cases` (docs/cases.md).
"""

from __future__ import annotations

import attrs

from xzjd.errors import Span
from xzjd.model.enums import Unit

__all__ = ["Extension", "Pause", "Restart", "Stage", "Stages"]


@attrs.frozen(kw_only=True)
class Pause:
    """``not counting hearing, test and expert-review`` /
    ``听证、检验检测、专家评审期间不计入期限``.

    ``reasons`` are the conditions during which the clock stops; a case's ``paused`` row names
    one of them.
    """

    reasons: tuple[str, ...] = attrs.field(converter=tuple)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Extension:
    """``may be extended by 10 working days once, approved by the agency head`` /
    ``经本行政机关负责人批准，可以延长十个工作日``.

    Each ``extended`` row of a case adds ``count`` *unit* to its deadline, at most ``times``
    times; ``approver`` is who the rule says must approve (free text, as the statute words it).
    """

    count: int
    unit: Unit
    times: int = 1
    approver: str | None = None
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Restart:
    """``counted again from corrected-request`` / ``自收到补正材料之日起重新计算``: the time limit
    starts again, in full, from the day of this event."""

    event: str
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Stage:
    """One stage (环节) and its own limit, counted from the end of the stage before it."""

    name: str
    count: int
    unit: Unit
    span: Span | None = attrs.field(default=None, eq=False, repr=False)


@attrs.frozen(kw_only=True)
class Stages:
    """``stages: acceptance 5 working days, review 10 working days, decision 5 working days`` /
    ``分环节：受理5个工作日、审查10个工作日、决定5个工作日``."""

    stages: tuple[Stage, ...] = attrs.field(converter=tuple)
    span: Span | None = attrs.field(default=None, eq=False, repr=False)
