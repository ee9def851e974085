# SPDX-License-Identifier: MIT
"""Coverage of the rules by their scenarios.

:func:`coverage` counts which obligations, schedule branches (deadline moved or kept, every
state, every ladder step) and bearers the expectations of a run exercised: one
:class:`Coverage` per rules file, with what was missed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence

import attrs

from xzjd.errors import XzjdError
from xzjd.facts.agencies import bearer_matches
from xzjd.language import CheckedRuleset
from xzjd.model import (
    AfterEvent,
    AgencyBearer,
    Bearer,
    During,
    FirstWorkingDays,
    KindBearer,
    RestDayPolicy,
    Window,
)
from xzjd.periods.schedule import compile_schedule
from xzjd.scenarios.bad_tests import ruleset_calendar
from xzjd.scenarios.results import ScenarioResult, enum_value

__all__ = ["Coverage", "CoverageArea", "coverage"]


@attrs.frozen(kw_only=True)
class CoverageArea:
    """One kind of thing counted: what could be exercised and what was."""

    name: str
    possible: tuple[str, ...]
    hit: frozenset[str]

    @property
    def missed(self) -> tuple[str, ...]:
        """What no expectation exercised, in rule order."""
        return tuple(x for x in self.possible if x not in self.hit)

    @property
    def percent(self) -> float:
        """The share exercised, 0 to 100 (100 when nothing can be)."""
        if not self.possible:
            return 100.0
        return 100.0 * (len(self.possible) - len(self.missed)) / len(self.possible)


@attrs.frozen(kw_only=True)
class Coverage:
    """Coverage of one ruleset by the scenarios that test it."""

    rules: str
    areas: tuple[CoverageArea, ...]

    @property
    def percent(self) -> float:
        """Everything counted together, 0 to 100."""
        total = sum(len(a.possible) for a in self.areas)
        if not total:
            return 100.0
        hit = sum(len(a.possible) - len(a.missed) for a in self.areas)
        return 100.0 * hit / total

    def render(self) -> str:
        """A short report: one line per area with its percentage, then what was missed."""
        lines = [f"coverage of {self.rules}: {self.percent:.1f}%"]
        for a in self.areas:
            done = len(a.possible) - len(a.missed)
            lines.append(f"  {a.name:<10} {a.percent:5.1f}%  ({done}/{len(a.possible)})")
        for a in self.areas:
            if not a.missed:
                continue
            lines.append(f"  missed {a.name}:")
            grouped: dict[str, list[str]] = {}
            for x in a.missed:
                head, _, rest = x.partition(": ")
                grouped.setdefault(head, []).append(rest)
            for head, rests in grouped.items():
                shown = "; ".join(r for r in rests if r)
                lines.append(f"    {head}" + (f": {shown}" if shown else ""))
        return "\n".join(lines)


def _bearer_text(b: Bearer) -> str:
    if isinstance(b, AgencyBearer):
        return b.agency
    assert isinstance(b, KindBearer)
    words = ["every"]
    if b.level is not None:
        words.append(b.level.value)
    words.append(b.kind.value)
    if b.tag is not None:
        words += ["tagged", b.tag]
    return " ".join(words)


def _branches(rules: CheckedRuleset, horizon: dt.date) -> list[str]:
    """Every schedule branch the ruleset can take up to *horizon*, in rule order."""
    out: list[str] = []
    ruleset = rules.ruleset
    calendar = ruleset_calendar(rules)
    for o in ruleset.obligations:
        ladder = None
        if o.escalation is not None:
            try:
                ladder = ruleset.escalation(o.escalation)
            except KeyError:
                ladder = None
        moves_possible = False
        kept_possible = True
        if ruleset.rest_days is RestDayPolicy.MOVE and not isinstance(o.schedule, During):
            if isinstance(o.schedule, AfterEvent):
                moves_possible = True
            elif calendar is not None and o.schedule is not None:
                try:
                    unroller = compile_schedule(ruleset, o, calendar)
                    periods = unroller.between(unroller.start, horizon)
                    if not periods:
                        first = unroller.first()
                        periods = [first] if first is not None else []
                    moves_possible = any(p.due != p.nominal_due for p in periods)
                    kept_possible = any(p.due == p.nominal_due for p in periods)
                except XzjdError:
                    moves_possible = False
        if kept_possible:
            out.append(f"{o.id}: deadline kept")
        if moves_possible:
            out.append(f"{o.id}: deadline moved to the next working day")
        for state in ("pending", "warning", "overdue", "done", "late", "waived"):
            if state == "warning" and (ladder is None or ladder.warn is None):
                continue
            if state == "late" and isinstance(o.schedule, During | FirstWorkingDays | Window):
                # Only a filing inside the window counts: a window's duty is never done late.
                continue
            out.append(f"{o.id}: state {state}")
        if ladder is not None:
            for step in ladder.steps:
                out.append(f"{o.id}: step {step.step.value} reached")
    return out


def coverage(results: Sequence[ScenarioResult]) -> list[Coverage]:
    """Coverage of each ruleset tested by *results* (one entry per rules file)."""
    groups: dict[str, list[ScenarioResult]] = {}
    for r in results:
        groups.setdefault(os.path.abspath(r.rules_path), []).append(r)
    out: list[Coverage] = []
    for group in groups.values():
        rules = group[0].rules
        ruleset = rules.ruleset
        horizon = max(
            (r.scenario.on for r in group if r.scenario.on is not None), default=dt.date(2000, 1, 1)
        )
        obligations = tuple(o.id for o in ruleset.obligations)
        bearers = tuple(
            f"{o.id}: {_bearer_text(b)}" for o in ruleset.obligations for b in o.bearers
        )
        branches = tuple(_branches(rules, horizon))
        hit_obligations: set[str] = set()
        hit_branches: set[str] = set()
        hit_bearers: set[str] = set()
        for r in group:
            agencies = r.registry.ids
            for er in r.results:
                e = er.expectation
                s = er.status
                if s is None:
                    continue
                hit_obligations.add(e.obligation)
                try:
                    o = ruleset.obligation(e.obligation)
                except KeyError:
                    continue
                a = agencies.get(e.agency)
                if a is not None:
                    for b in o.bearers:
                        if bearer_matches(a, b):
                            hit_bearers.add(f"{o.id}: {_bearer_text(b)}")
                if s.due == s.nominal_due:
                    hit_branches.add(f"{o.id}: deadline kept")
                else:
                    hit_branches.add(f"{o.id}: deadline moved to the next working day")
                hit_branches.add(f"{o.id}: state {enum_value(s.state)}")
                if s.step is not None:
                    hit_branches.add(f"{o.id}: step {s.step.value} reached")
        out.append(
            Coverage(
                rules=group[0].rules_path,
                areas=(
                    CoverageArea(
                        name="obligations", possible=obligations, hit=frozenset(hit_obligations)
                    ),
                    CoverageArea(name="branches", possible=branches, hit=frozenset(hit_branches)),
                    CoverageArea(name="bearers", possible=bearers, hit=frozenset(hit_bearers)),
                ),
            )
        )
    return out
