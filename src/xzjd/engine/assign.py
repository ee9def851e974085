# SPDX-License-Identifier: MIT
"""Which filing counts for which period (language.md section 4), in one merge walk.

:func:`assign` takes one agency's filings of one obligation (in date order) and the windows
of its periods (in window order), and returns, as data, what each period received and which
filings fit no period and why (:class:`Placement`). It warns nobody: evaluation turns the
misfits into warnings (:func:`misfit_warning`), the inspector into reasons
(:func:`describe`). A filing counts for the period it names, or else for the earliest period
whose window has opened by the filing date and that its recipient has not yet received (a
filing with no recipient: that not every recipient has received); a ``during`` period only
takes filings dated inside its month.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from typing import NamedTuple, final

import attrs

from xzjd.engine.diagnostics import cell_diag
from xzjd.errors import Diagnostic
from xzjd.facts.tables import Filing, FilingStatus
from xzjd.model import State, Step
from xzjd.periods import Period
from xzjd.vocab import FILING_STATUS_ZH

_ACCEPTED, _WAIVED, _RETURNED = FilingStatus.ACCEPTED, FilingStatus.WAIVED, FilingStatus.RETURNED


class Fate(enum.Enum):
    """What became of one filing."""

    #: Counts for the period it names.
    NAMED = "named"
    #: Counts for the earliest open period its recipient had not yet received.
    EARLIEST = "earliest"
    #: Dated after the evaluation date: not counted (evaluation says so once per file).
    AFTER_ON = "after-on"
    #: Names a period that has not opened by the evaluation date (or lies before ``since``).
    NOT_OPEN = "not-open"
    #: Names no period and is dated before the first period from ``since``: closed history.
    BEFORE_SINCE = "before-since"
    #: The agency does not owe the obligation.
    NOT_OWED = "not-owed"
    #: Sent to an agency that is not a recipient of the period.
    NOT_A_RECIPIENT = "not-a-recipient"
    #: Names a ``during`` period but is dated outside its month.
    OUTSIDE_MONTH = "outside-month"
    #: Names no period and is dated before the first window opens.
    BEFORE_FIRST = "before-first"
    #: Names no period, and no period open on its date is still waiting for it.
    NOTHING_WAITING = "nothing-waiting"

    @property
    def counts(self) -> bool:
        """Whether the filing counts for a period."""
        return self in (Fate.NAMED, Fate.EARLIEST)

    @property
    def warned(self) -> bool:
        """Whether evaluation warns about it: it counts for nothing, and not as intended."""
        return self not in _QUIET


_QUIET = frozenset({Fate.NAMED, Fate.EARLIEST, Fate.AFTER_ON, Fate.NOT_OPEN, Fate.BEFORE_SINCE})


class Placement(NamedTuple):
    """One filing's fate; ``at`` is the index of the period it counts for (or, for
    :attr:`Fate.OUTSIDE_MONTH`, of the period it names), else ``None``."""

    filing: Filing
    fate: Fate
    at: int | None


class Windows(NamedTuple):
    """The periods of one obligation as :func:`assign` walks them, in window order."""

    opens: Sequence[dt.date]
    closes: Sequence[dt.date]
    labels: Mapping[str, int]
    during: bool

    @classmethod
    def of(cls, periods: Sequence[Period], labels: Mapping[str, int], during: bool) -> Windows:
        """The windows of *periods*, whose labels map to their index in *labels*."""
        return cls([p.opens for p in periods], [p.closes for p in periods], labels, during)


#: No periods: the windows of an event-based obligation before an agency's events are known.
NO_WINDOWS = Windows((), (), {}, during=False)


@final
class Track:
    """What the filings assigned to one period add up to.

    :func:`assign` keeps a period's only filing as the :class:`Filing` itself when the
    period has one recipient or none, and makes a track once a second filing comes, or at
    the first one when the period has two recipients or more. ``satisfied`` is the day
    every recipient had an accepted filing (``None``: not yet).
    """

    __slots__ = ("filings", "received", "recipients", "satisfied", "waived")

    def __init__(self, recipients: tuple[str, ...], first: Filing) -> None:
        """The track of a period owed to *recipients* whose *first* filing came in."""
        self.recipients = recipients
        self.filings: list[str] = []
        #: The first day each recipient had an accepted filing.
        self.received: dict[str, dt.date] = {}
        self.satisfied: dt.date | None = None
        self.waived = False
        self.add(first)

    @classmethod
    def of(cls, got: Filing | Track | None, recipients: tuple[str, ...]) -> Track | None:
        """What :func:`assign` gave one period, as a track (``None``: nothing assigned)."""
        if got is None or isinstance(got, Track):
            return got
        return cls(recipients, got)

    def add(self, filing: Filing) -> None:
        """Count *filing* for the period."""
        self.filings.append(filing.id)
        status = filing.status
        if status is _WAIVED:
            self.waived = True
        elif status is _ACCEPTED:
            recipients = self.recipients
            day = filing.filed_on
            if not recipients:  # a duty done, not filed with anyone: the first one counts
                if self.satisfied is None:
                    self.satisfied = day
                return
            received = self.received
            if filing.recipient is None:
                for r in recipients:
                    received.setdefault(r, day)
            else:
                received.setdefault(filing.recipient, day)
            if self.satisfied is None and len(received) == len(recipients):
                self.satisfied = max(received.values())

    def waiting(self, recipient: str | None) -> bool:
        """Whether a filing to *recipient* (``None``: every recipient) would still count."""
        if self.waived:
            return False
        if recipient is None or not self.recipients:
            return self.satisfied is None
        return recipient not in self.received

    def outstanding(self) -> tuple[str, ...]:
        """The recipients still waiting for an accepted filing (none once waived)."""
        if self.waived:
            return ()
        return tuple(r for r in self.recipients if r not in self.received)


def assign(
    windows: Windows,
    recipients: tuple[str, ...],
    filings: Sequence[Filing],
    on: dt.date,
    since: dt.date | None,
    trace: list[Placement] | None = None,
) -> tuple[list[Filing | Track | None], Sequence[Placement]]:
    """Assign one agency's *filings* of one obligation (in date order) to its periods.

    One merge walk over the periods (window order) and the filings (date order): the periods
    before ``k`` have received every filing they wait for, so a filing that names no period
    starts looking there. With *trace*, every filing's :class:`Placement` is appended to it,
    in date order.

    Returns:
        For each period, what it received: ``None``, its one :class:`Filing` (a period of one
        recipient or none), or a :class:`Track`; and the filings that count for nothing and
        would surprise their author (:attr:`Fate.warned`), in date order.
    """
    opens, closes, labels, during = windows
    n = len(opens)
    got: list[Filing | Track | None] = [None] * n
    misfits: Sequence[Placement] = ()  # a list from the first misfit on
    single = len(recipients) < 2
    k = 0
    for f in filings:
        filed_on = f.filed_on
        if filed_on > on:
            if trace is None:
                break  # the filings are in date order: every later one is after `on` too
            trace.append(Placement(f, Fate.AFTER_ON, None))
            continue
        recipient = f.recipient
        if recipient is not None and recipients and recipient not in recipients:
            misfits = _added(misfits, Placement(f, Fate.NOT_A_RECIPIENT, None))
            if trace is not None:
                trace.append(misfits[-1])
            continue
        label = f.period
        if label is not None:
            found = labels.get(label)
            if found is None:
                if trace is not None:
                    trace.append(Placement(f, Fate.NOT_OPEN, None))
                continue
            i = found
            if during and not opens[i] <= filed_on <= closes[i]:
                misfits = _added(misfits, Placement(f, Fate.OUTSIDE_MONTH, i))
                if trace is not None:
                    trace.append(misfits[-1])
                continue
            g = got[i]
        else:
            while k < n:
                g = got[k]
                if g is None:
                    break
                if type(g) is Track:
                    if g.waiting(None):
                        break
                elif g.status is _RETURNED:
                    break
                k += 1
            i = k
            while True:
                if i >= n or opens[i] > filed_on:
                    i = -1
                    break
                if not (during and filed_on > closes[i]):
                    g = got[i]
                    if g is None:
                        break
                    if type(g) is Track:
                        if g.waiting(recipient):
                            break
                    elif g.status is _RETURNED:
                        break
                i += 1
            if i < 0:
                first = opens[0] if n else None
                if first is not None and filed_on >= first:
                    fate = Fate.NOTHING_WAITING
                elif since is not None:
                    fate = Fate.BEFORE_SINCE  # closed history: not warned about
                else:
                    fate = Fate.NOTHING_WAITING if first is None else Fate.BEFORE_FIRST
                placed = Placement(f, fate, None)
                if fate is not Fate.BEFORE_SINCE:
                    misfits = _added(misfits, placed)
                if trace is not None:
                    trace.append(placed)
                continue
        if g is None:
            got[i] = f if single else Track(recipients, f)
        elif type(g) is Track:
            g.add(f)
        else:  # a second filing for a period of one recipient or none
            track = got[i] = Track(recipients, g)
            track.add(f)
        if trace is not None:
            trace.append(Placement(f, Fate.NAMED if label is not None else Fate.EARLIEST, i))
    return got, misfits


def not_owed(filings: Sequence[Filing], on: dt.date) -> list[Placement]:
    """The filings, dated by *on*, of an agency that does not owe their obligation: none
    counts for anything (:attr:`Fate.NOT_OWED`)."""
    return [Placement(f, Fate.NOT_OWED, None) for f in filings if f.filed_on <= on]


def _added(misfits: Sequence[Placement], placed: Placement) -> list[Placement]:
    """*misfits* and *placed*: a list made at the first misfit (most walks have none)."""
    out = misfits if isinstance(misfits, list) else []
    out.append(placed)
    return out


def tracked_state(
    p: Period, track: Track, open_state: tuple[State, int | None, Step | None]
) -> tuple[State, int | None, Step | None]:
    """The state of period *p* with *track*; *open_state* is its state while unsatisfied."""
    if track.waived:
        return State.WAIVED, None, None
    satisfied = track.satisfied
    if satisfied is not None:
        return (State.DONE if satisfied <= p.due else State.LATE), None, None
    return open_state


def describe(
    placed: Placement,
    periods: Sequence[Period],
    recipients: Sequence[str],
    on: dt.date,
    since: dt.date | None,
) -> tuple[str | None, str, str]:
    """The period a filing counted for (or names) and why, in English and Chinese."""
    f, fate, i = placed
    if fate is Fate.NAMED or fate is Fate.EARLIEST:
        assert i is not None
        label = periods[i].label
        if fate is Fate.NAMED:
            why, why_zh = "names this period", "指明了该期次"
        else:
            why = "the earliest open period its recipient had not yet received"
            why_zh = "接收机关尚未收到的最早已开始期次"
        return (
            label,
            f"{f.status.value}; counts for {label}: {why}",
            f"{FILING_STATUS_ZH[f.status]}；计入 {label}：{why_zh}",
        )
    if fate is Fate.AFTER_ON:
        return (
            None,
            f"filed on {f.filed_on}, after the evaluation date {on}",
            f"报送日期 {f.filed_on} 晚于评估日 {on}",
        )
    if fate is Fate.NOT_OPEN:
        return (
            f.period,
            f"counts for {f.period}, which has not opened by {on}",
            f"计入 {f.period}，该期次在 {on} 尚未开始",
        )
    if fate is Fate.BEFORE_SINCE:
        return (
            None,
            f"filed on {f.filed_on}, before the periods from {since}",
            f"报送日期 {f.filed_on} 早于 {since} 起的期次",
        )
    if fate is Fate.NOT_OWED:
        return (
            None,
            f"{f.agency} does not owe obligation {f.obligation}",
            f"{f.agency} 不承担义务 {f.obligation}",
        )
    if fate is Fate.NOT_A_RECIPIENT:
        return (
            None,
            f"{f.recipient} is not a recipient of {f.obligation} for {f.agency} "
            f"(recipients: {', '.join(recipients)})",
            f"{f.recipient} 不是 {f.agency} 的义务 {f.obligation} 的接收机关"
            f"（接收机关：{'、'.join(recipients)}）",
        )
    if fate is Fate.OUTSIDE_MONTH:
        assert i is not None
        p = periods[i]
        return (
            None,
            f"filed on {f.filed_on}, outside the window {p.opens}..{p.closes} of "
            f"{p.label}; only a filing inside that month counts",
            f"报送日期 {f.filed_on} 不在 {p.label} 的期限 {p.opens}..{p.closes} 内；"
            "只有该月内的报送有效",
        )
    if fate is Fate.BEFORE_FIRST:
        first = periods[0].opens
        return (
            None,
            f"filed on {f.filed_on}, before the first window opens ({first})",
            f"报送日期 {f.filed_on} 早于第一期开始日 {first}",
        )
    return (
        None,
        f"filed on {f.filed_on}: no period open on that day is still waiting for it",
        f"报送日期 {f.filed_on} 时没有尚待接收的已开始期次",
    )


#: For each fate that warns: the column the warning points at, and the hint.
# The cell a misfit filing is warned at, and the hint of its fate (``filing/no-period#...``).
_WARNED: Mapping[Fate, tuple[str, str]] = {
    Fate.NOT_OWED: ("agency", "filing/no-period#not-owed"),
    Fate.NOT_A_RECIPIENT: ("recipient", "filing/no-period#not-a-recipient"),
    Fate.OUTSIDE_MONTH: ("filed_on", "filing/no-period#outside-month"),
    Fate.BEFORE_FIRST: ("filed_on", "filing/no-period#name-the-period"),
    Fate.NOTHING_WAITING: ("filed_on", "filing/no-period#name-the-period"),
}


def misfit_warning(
    placed: Placement,
    periods: Sequence[Period],
    recipients: Sequence[str],
    on: dt.date,
    since: dt.date | None,
) -> Diagnostic:
    """The warning for a filing that counts for nothing (``filing/no-period``), at its cell."""
    f = placed.filing
    column, key = _WARNED[placed.fate]
    _, reason, reason_zh = describe(placed, periods, recipients, on, since)
    return cell_diag(f, column, key, filing=f.id, reason=reason, reason_zh=reason_zh)


@attrs.frozen
class Outcome:
    """What became of one filing: the period it counted for (or ``None``) and why."""

    filing: Filing
    period: str | None
    reason: str
    reason_zh: str
