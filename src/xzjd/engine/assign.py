# SPDX-License-Identifier: MIT
"""Which filing counts for which period (language.md section 4): the merge walks over an
agency's periods and filings, and the state a period's filings add up to."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from xzjd.engine.bind import Context
from xzjd.engine.diagnostics import cell_diag
from xzjd.engine.plan import Plan
from xzjd.errors import Severity
from xzjd.facts.tables import Filing, FilingStatus
from xzjd.model import State, Step
from xzjd.periods import Period
from xzjd.vocab import FILING_STATUS_ZH


@attrs.define
class Track:
    """What the filings assigned to one period add up to."""

    filings: list[str] = attrs.field(factory=list)
    received: dict[str, dt.date] = attrs.field(factory=dict)
    done_on: dt.date | None = None
    waived: bool = False

    def has_received(self, recipient: str | None, recipients: Sequence[str]) -> bool:
        if self.waived:
            return True
        if not recipients:
            return self.done_on is not None
        if recipient is None:
            return all(r in self.received for r in recipients)
        return recipient in self.received

    def add(self, filing: Filing, recipients: Sequence[str]) -> None:
        self.filings.append(filing.id)
        if filing.status is FilingStatus.WAIVED:
            self.waived = True
        elif filing.status is FilingStatus.ACCEPTED:
            if not recipients:
                if self.done_on is None:
                    self.done_on = filing.filed_on
            elif filing.recipient is None:
                for r in recipients:
                    self.received.setdefault(r, filing.filed_on)
            else:
                self.received.setdefault(filing.recipient, filing.filed_on)

    def satisfied_on(self, recipients: Sequence[str]) -> dt.date | None:
        if not recipients:
            return self.done_on
        if len(recipients) == 1:
            return self.received.get(recipients[0])
        dates = [self.received.get(r) for r in recipients]
        if any(d is None for d in dates):
            return None
        return max(d for d in dates if d is not None)


@attrs.frozen
class Outcome:
    """What became of one filing: the period it counted for (or ``None``) and why."""

    filing: Filing
    period: str | None
    reason: str
    reason_zh: str


def assign(
    ctx: Context,
    plan: Plan,
    periods: list[Period],
    labels: Mapping[str, int],
    recipients: Sequence[str],
    filings: Sequence[Filing],
    *,
    is_bearer: bool,
    outcomes: list[Outcome] | None = None,
) -> dict[int, Track]:
    """Assign an agency's filings of one obligation to its periods (language.md section 4)."""
    tracks: dict[int, Track] = {}
    on = ctx.on
    rset = set(recipients)
    during = plan.during

    def note(f: Filing, label: str | None, reason: str, reason_zh: str) -> None:
        if outcomes is not None:
            outcomes.append(Outcome(f, label, reason, reason_zh))

    def nothing(
        f: Filing, column: str, reason: str, reason_zh: str, hint: str, hint_zh: str
    ) -> None:
        note(f, None, reason, reason_zh)
        ctx.warn(
            cell_diag(
                f,
                column,
                "filing/no-period",
                f"filing {f.id} counts for nothing: {reason}",
                f"报送 {f.id} 不计入任何期次：{reason_zh}",
                hint,
                hint_zh,
                Severity.WARNING,
            )
        )

    for f in filings:
        if f.filed_on > on:
            if outcomes is not None:
                note(
                    f,
                    None,
                    f"filed on {f.filed_on}, after the evaluation date {on}",
                    f"报送日期 {f.filed_on} 晚于评估日 {on}",
                )
            continue
        if not is_bearer:
            nothing(
                f,
                "agency",
                f"{f.agency} does not owe obligation {f.obligation}",
                f"{f.agency} 不承担义务 {f.obligation}",
                "check the agency and the obligation of this filing",
                "请检查该报送的机关和义务",
            )
            continue
        if f.recipient is not None and rset and f.recipient not in rset:
            nothing(
                f,
                "recipient",
                f"{f.recipient} is not a recipient of {f.obligation} for {f.agency} "
                f"(recipients: {', '.join(recipients)})",
                f"{f.recipient} 不是 {f.agency} 的义务 {f.obligation} 的接收机关"
                f"（接收机关：{'、'.join(recipients)}）",
                "leave the recipient empty or name one of the recipients",
                "请将接收机关留空或填写其中之一",
            )
            continue
        if f.period is not None:
            found = labels.get(f.period)
            if found is None:
                if outcomes is not None:
                    note(
                        f,
                        f.period,
                        f"counts for {f.period}, which has not opened by {on}",
                        f"计入 {f.period}，该期次在 {on} 尚未开始",
                    )
                continue
            p = periods[found]
            if during and not (p.opens <= f.filed_on <= p.closes):
                nothing(
                    f,
                    "filed_on",
                    f"filed on {f.filed_on}, outside the window {p.opens}..{p.closes} of "
                    f"{p.label}; only a filing inside that month counts",
                    f"报送日期 {f.filed_on} 不在 {p.label} 的期限 {p.opens}..{p.closes} 内；"
                    "只有该月内的报送有效",
                    "a 'during' duty is done only inside its month",
                    "限定月份的义务只能在该月内完成",
                )
                continue
            idx = found
            why, why_zh = "names this period", "指明了该期次"
        else:
            idx = -1
            filed_on = f.filed_on
            for i, p in enumerate(periods):
                if p.opens > filed_on or (during and filed_on > p.closes):
                    continue
                t = tracks.get(i)
                if t is None or not t.has_received(f.recipient, recipients):
                    idx = i
                    break
            if idx < 0:
                first = periods[0].opens if periods else None
                if ctx.since is not None and (first is None or f.filed_on < first):
                    # Before the first period in scope: it belongs to the closed history.
                    if outcomes is not None:
                        note(
                            f,
                            None,
                            f"filed on {f.filed_on}, before the periods from {ctx.since}",
                            f"报送日期 {f.filed_on} 早于 {ctx.since} 起的期次",
                        )
                    continue
                if first is not None and f.filed_on < first:
                    reason = f"filed on {f.filed_on}, before the first window opens ({first})"
                    reason_zh = f"报送日期 {f.filed_on} 早于第一期开始日 {first}"
                else:
                    reason = (
                        f"filed on {f.filed_on}: no period open on that day is still waiting for it"
                    )
                    reason_zh = f"报送日期 {f.filed_on} 时没有尚待接收的已开始期次"
                nothing(
                    f,
                    "filed_on",
                    reason,
                    reason_zh,
                    "name the period in the period column",
                    "请在 period 列中指明期次",
                )
                continue
            why = "the earliest open period its recipient had not yet received"
            why_zh = "接收机关尚未收到的最早已开始期次"
        track = tracks.get(idx)
        if track is None:
            track = tracks[idx] = Track()
        track.add(f, recipients)
        if outcomes is not None:
            status = f.status.value
            note(
                f,
                periods[idx].label,
                f"{status}; counts for {periods[idx].label}: {why}",
                f"{FILING_STATUS_ZH[f.status]}；计入 {periods[idx].label}：{why_zh}",
            )
    return tracks


def _assign_one(
    on: dt.date,
    during: bool,
    periods: Sequence[Period],
    labels: Mapping[str, int],
    only: str | None,
    filings: Sequence[Filing],
) -> dict[int, list[Any]] | None:
    """:func:`assign` for a duty with at most one recipient, where "received" is a date.

    One merge walk over the periods (in window order) and the filings (in date order): ``k``
    is the first period that has not received its filing, so a filing naming no period
    starts looking there. Each assigned period maps to ``[filing ids, first accepted date or
    None, waived]``. Returns ``None`` as soon as a filing needs a warning; the caller then runs
    :func:`assign`, which gives the same assignment and says why.
    """
    tracks: dict[int, list[Any]] = {}
    accepted = FilingStatus.ACCEPTED
    waived = FilingStatus.WAIVED
    n = len(periods)
    k = 0
    for f in filings:
        filed_on = f.filed_on
        if filed_on > on:
            break
        recipient = f.recipient
        if recipient is not None and only is not None and recipient != only:
            return None
        label = f.period
        if label is not None:
            idx = labels.get(label)
            if idx is None:
                continue  # a period that has not opened yet (or is before `since`)
            if during:
                p = periods[idx]
                if not p.opens <= filed_on <= p.closes:
                    return None
            t = tracks.get(idx)
        else:
            while k < n:
                t = tracks.get(k)
                if t is None or (t[1] is None and not t[2]):
                    break
                k += 1
            idx = k
            while True:
                if idx >= n:
                    return None
                p = periods[idx]
                if p.opens > filed_on:
                    return None
                if not (during and filed_on > p.closes):
                    t = tracks.get(idx)
                    if t is None or (t[1] is None and not t[2]):
                        break
                idx += 1
        if t is None:
            t = tracks[idx] = [[f.id], None, False]
        else:
            t[0].append(f.id)
        status = f.status
        if status is accepted:
            if t[1] is None:
                t[1] = filed_on
        elif status is waived:
            t[2] = True
    return tracks


def assign_many(
    on: dt.date,
    during: bool,
    periods: Sequence[Period],
    labels: Mapping[str, int],
    recipients: tuple[str, ...],
    filings: Sequence[Filing],
) -> dict[int, list[Any]] | None:
    """The merge walk of one agency's filings for two recipients or more: ``received`` maps
    recipient -> date."""
    tracks: dict[int, list[Any]] = {}
    accepted = FilingStatus.ACCEPTED
    waived = FilingStatus.WAIVED
    n = len(periods)
    count = len(recipients)
    k = 0
    for f in filings:
        filed_on = f.filed_on
        if filed_on > on:
            break
        recipient = f.recipient
        if recipient is not None and recipient not in recipients:
            return None
        label = f.period
        if label is not None:
            idx = labels.get(label)
            if idx is None:
                continue
            if during:
                p = periods[idx]
                if not p.opens <= filed_on <= p.closes:
                    return None
            t = tracks.get(idx)
        else:
            while k < n:
                t = tracks.get(k)
                if t is None or (len(t[1]) < count and not t[2]):
                    break
                k += 1
            idx = k
            while True:
                if idx >= n:
                    return None
                p = periods[idx]
                if p.opens > filed_on:
                    return None
                if not (during and filed_on > p.closes):
                    t = tracks.get(idx)
                    if t is None or not (
                        t[2] or (len(t[1]) == count if recipient is None else recipient in t[1])
                    ):
                        break
                idx += 1
        if t is None:
            t = tracks[idx] = [[f.id], {}, False]
        else:
            t[0].append(f.id)
        status = f.status
        if status is accepted:
            received = t[1]
            if recipient is None:
                for r in recipients:
                    if r not in received:
                        received[r] = filed_on
            elif recipient not in received:
                received[recipient] = filed_on
        elif status is waived:
            t[2] = True
    return tracks


def outstanding(track: Track, recipients: Sequence[str]) -> tuple[str, ...]:
    """The recipients still waiting for an accepted filing (none once waived or satisfied)."""
    if track.waived:
        return ()
    return tuple(r for r in recipients if r not in track.received)


def tracked_state(
    plan: Plan, p: Period, track: Track, recipients: Sequence[str], on: dt.date
) -> tuple[State, int | None, Step | None]:
    if track.waived:
        return State.WAIVED, None, None
    satisfied = track.satisfied_on(recipients)
    if satisfied is not None:
        return (State.DONE if satisfied <= p.due else State.LATE), None, None
    return plan.ladder.open_state(p.due, on)
